// The first log line of a bundled start: what an operator reads when a start is slower than it should be.
import { expect } from "chai";
import { Writable } from "node:stream";
import { createLogger } from "../../bot/logger";
import { logLaunch, type LaunchNote } from "../../bot/launch/launchNote";

function logged(note: LaunchNote): { level: number; msg: string } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  logLaunch(createLogger("info", sink), note);
  expect(lines).to.have.length(1);
  return JSON.parse(lines[0] ?? "") as { level: number; msg: string };
}

describe("the launch note (bot/launch/launchNote.ts)", () => {
  const bundle = "/srv/bot/dist/app/bot.js";

  it("is an info line when V8 used the cache", () => {
    const line = logged({ bundle, codeCache: "used" });
    expect(line.level).to.equal(30);
    expect(line.msg).to.include("compiled from its V8 code cache");
  });

  it("warns of a slow start when V8 rejected the cache, naming the usual cause, and says the next start is fixed", () => {
    const line = logged({ bundle, codeCache: "rejected", rewritten: { bytes: 6_000_000 } });
    expect(line.level).to.equal(40);
    expect(line.msg).to.include("--max-old-space-size").and.to.include("the next start uses it");
  });

  it("says every start will compile when no new cache could be written (a read-only deployment)", () => {
    const line = logged({ bundle, codeCache: "missing", rewritten: { error: "EROFS: read-only file system" } });
    expect(line.level).to.equal(40);
    expect(line.msg).to.include("no code cache").and.to.include("every start compiles");
    expect(line).to.have.nested.property("rewritten.error", "EROFS: read-only file system");
  });
});
