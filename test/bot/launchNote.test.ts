// The log lines of a bundled start: what an operator reads when a start is slower than it should be.
import { expect } from "chai";
import { Writable } from "node:stream";
import { createLogger } from "../../bot/logger";
import { logCacheRewrite, logLaunch, type LaunchNote } from "../../bot/launch/launchNote";

interface Line {
  readonly level: number;
  readonly msg: string;
}

function logged(write: (logger: ReturnType<typeof createLogger>) => void): Line[] {
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString("utf8")) as Line);
      done();
    },
  });
  write(createLogger("info", sink));
  return lines;
}

describe("the launch note (bot/launch/launchNote.ts)", () => {
  const bundle = "/srv/bot/dist/app/bot.js";

  it("is one info line when V8 used the cache", () => {
    const lines = logged((logger) => logLaunch(logger, { bundle, codeCache: "used" }));
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include({ level: 30, msg: "Loaded from the bundle, compiled from its V8 code cache" });
  });

  it("warns of a slow start when the cache was not for this start, naming the usual causes", () => {
    const [line] = logged((logger) => logLaunch(logger, { bundle, codeCache: "rejected" }));
    expect(line?.level).to.equal(40);
    expect(line?.msg).to.include("--max-old-space-size").and.to.include("a new cache is written once the bot has started");
  });

  it("says when the new cache is written, when it could not be (the next start tries again), and when a new build made it moot", () => {
    const note: LaunchNote = { bundle, codeCache: "missing" };
    const [written] = logged((logger) => logCacheRewrite(logger, note, { bytes: 6_000_000 }));
    expect(written).to.include({ level: 30 });
    expect(written?.msg).to.include("the next start uses it");
    const [failed] = logged((logger) => logCacheRewrite(logger, note, { error: "EROFS: read-only file system" }));
    expect(failed).to.include({ level: 40, error: "EROFS: read-only file system" });
    expect(failed?.msg).to.include("the next start compiles from source too and tries again");
    const [moot] = logged((logger) => logCacheRewrite(logger, note, { bytes: 0 }));
    expect(moot?.msg).to.include("a new build has replaced the bundle");
  });
});
