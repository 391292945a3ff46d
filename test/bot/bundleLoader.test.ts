// bot/start.ts runs production from one bundle compiled through node:vm with a V8 code cache: these are the parts of
// Node's CommonJS loading that the bundle relies on, the cache's three cases, and stack traces mapped back.
import { expect } from "chai";
import { buildSync } from "esbuild";
import { mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadBundle, writeCodeCache } from "../../bot/launch/bundleLoader";
import { mapStackTrace } from "../../bot/launch/stackMapping";

describe("the bundle loader (bot/launch/bundleLoader.ts)", () => {
  let dir: string;
  let bundle: string;
  let cache: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "benefits-bundle-"));
    bundle = path.join(dir, "bot.js");
    cache = `${bundle}.cache`;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function writeModules(): void {
    writeFileSync(path.join(dir, "helper.js"), "exports.value = 42;\n");
    writeFileSync(
      bundle,
      [
        '"use strict";',
        "exports.dirname = __dirname;",
        "exports.filename = __filename;",
        "exports.thisIsExports = this === exports;",
        'exports.fromBeside = require("./helper.js").value;',
        'exports.builtIn = typeof require("node:path").join;',
        "exports.twice = (n) => n * 2;",
      ].join("\n"),
    );
  }

  it("runs a CommonJS file as Node would: its exports, this, __dirname, __filename, and require from its folder", () => {
    writeModules();
    const loaded = loadBundle(bundle, cache);
    expect(loaded.exports).to.deep.include({ dirname: dir, filename: bundle, thisIsExports: true, fromBeside: 42, builtIn: "function" });
    expect(loaded.codeCache).to.equal("missing");
  });

  it("compiles from the cache written for the bundle, and says so", async () => {
    writeModules();
    expect(await writeCodeCache(bundle, cache)).to.be.greaterThan(0);
    const loaded = loadBundle(bundle, cache);
    expect(loaded.codeCache).to.equal("used");
    expect(loaded.exports).to.have.property("fromBeside", 42);
  });

  it("runs the bundle compiled from source when V8 rejects the cache (another Node.js, or another bundle, wrote it)", () => {
    writeModules();
    writeFileSync(cache, Buffer.from("not a code cache that this V8 wrote for this source"));
    const loaded = loadBundle(bundle, cache);
    expect(loaded.codeCache).to.equal("rejected");
    expect(loaded.exports).to.have.property("fromBeside", 42);
  });

  it("replaces a cache V8 rejected with one it takes at the next start", async () => {
    writeModules();
    writeFileSync(cache, Buffer.from("written by another Node.js"));
    const first = loadBundle(bundle, cache);
    expect(first.codeCache).to.equal("rejected");
    expect(await first.writeCodeCache()).to.be.greaterThan(0);
    expect(loadBundle(bundle, cache).codeCache).to.equal("used");
  });

  it("rejects the cache of an earlier build of the bundle rather than running code the source no longer has", async () => {
    writeModules();
    await writeCodeCache(bundle, cache);
    writeFileSync(bundle, 'exports.fromBeside = "rebuilt without the cache";\n');
    const loaded = loadBundle(bundle, cache);
    expect(loaded.codeCache).to.equal("rejected");
    expect(loaded.exports).to.have.property("fromBeside", "rebuilt without the cache");
  });

  it("rejects the cache of an earlier build of the same length (V8 itself compares only the length)", async () => {
    writeFileSync(bundle, 'exports.build = "first";\n');
    await writeCodeCache(bundle, cache);
    writeFileSync(bundle, 'exports.build = "later";\n');
    const loaded = loadBundle(bundle, cache);
    expect(loaded.exports).to.have.property("build", "later");
    expect(loaded.codeCache).to.equal("rejected");
  });

  it("rejects a damaged cache rather than giving V8 bytes it would run unchecked", async () => {
    writeModules();
    await writeCodeCache(bundle, cache);
    const damaged = readFileSync(cache);
    const payloadStart = damaged.indexOf(0x0a) + 1;
    for (let at = payloadStart + 64; at < damaged.length; at += 97) damaged[at] = (damaged[at] ?? 0) ^ 0xff;
    writeFileSync(cache, damaged);
    const loaded = loadBundle(bundle, cache);
    expect(loaded.codeCache).to.equal("rejected");
    expect(loaded.exports).to.have.property("fromBeside", 42);
  });

  it("rejects a cache another Node.js made, even one V8 would take", async () => {
    writeModules();
    await writeCodeCache(bundle, cache);
    const written = readFileSync(cache);
    const end = written.indexOf(0x0a);
    const header: unknown = JSON.parse(written.subarray(0, end).toString("utf8"));
    const fromElsewhere = { ...(typeof header === "object" ? header : {}), node: "v20.0.0 x64 v8 11.3.244.8-node.1" };
    writeFileSync(cache, Buffer.concat([Buffer.from(`${JSON.stringify(fromElsewhere)}\n`), written.subarray(end + 1)]));
    expect(loadBundle(bundle, cache).codeCache).to.equal("rejected");
  });

  it("rejects a cache whose first line is JSON but not a header, rather than failing to start", async () => {
    writeModules();
    for (const firstLine of ["null", "1", "[]", '"text"']) {
      writeFileSync(cache, Buffer.from(`${firstLine}\nnot V8 data`));
      const loaded = loadBundle(bundle, cache);
      expect(loaded.codeCache, firstLine).to.equal("rejected");
      expect(loaded.exports).to.have.property("fromBeside", 42);
    }
  });

  it("does not put its cache over the one of a build that has replaced the bundle meanwhile", async () => {
    writeModules();
    const running = loadBundle(bundle, cache);
    writeFileSync(bundle, 'exports.fromBeside = "the next build";\n');
    await writeCodeCache(bundle, cache);
    const theNextBuilds = readFileSync(cache);
    expect(await running.writeCodeCache()).to.equal(0);
    expect(readFileSync(cache).equals(theNextBuilds)).to.equal(true);
  });

  it("removes a partial file a writer that died left long ago, not one being written", async () => {
    writeModules();
    const abandoned = `${cache}.${"0".repeat(8)}-dead.partial`;
    const fresh = `${cache}.${"1".repeat(8)}-live.partial`;
    writeFileSync(abandoned, "half a cache");
    writeFileSync(fresh, "being written");
    const anHourAgo = new Date(Date.now() - 60 * 60 * 1000);
    utimesSync(abandoned, anHourAgo, anHourAgo);
    await writeCodeCache(bundle, cache);
    expect(readdirSync(dir).sort()).to.deep.equal(["bot.js", "bot.js.cache", `bot.js.cache.${"1".repeat(8)}-live.partial`, "helper.js"]);
  });

  it("leaves no partial file beside the cache it wrote", async () => {
    writeModules();
    await writeCodeCache(bundle, cache);
    await loadBundle(bundle, cache).writeCodeCache();
    expect(readdirSync(dir).sort()).to.deep.equal(["bot.js", "bot.js.cache", "helper.js"]);
  });

  it("keeps the bundle's lines and columns, so that its source map takes a stack trace back to the TypeScript that threw", () => {
    const source = path.join(dir, "thrower.ts");
    writeFileSync(source, ["export function runBot(): void {", "  checkSettings(process.env);", "}", "", "function checkSettings(env: NodeJS.ProcessEnv): void {", '  if (env.NEVER_SET_IN_TESTS === undefined) throw new Error("bad settings");', "}", ""].join("\n"));
    buildSync({ entryPoints: [source], outfile: bundle, bundle: true, platform: "node", format: "cjs", minify: true, sourcemap: "linked", logLevel: "silent" });
    const loaded = loadBundle(bundle, cache);
    const runBot = exported(loaded.exports, "runBot");
    const stack = catchStack(() => runBot());
    expect(stack).to.match(/bot\.js:1:\d+/);
    const mapped = mapStackTrace(stack, `${bundle}.map`);
    expect(mapped).to.include(`${path.relative(process.cwd(), source)}:6:`);
    expect(mapped).to.include(`${path.relative(process.cwd(), source)}:2:3`);
    expect(mapped).not.to.match(/bot\.js:\d+:\d+/);
    // The same position in a file whose name only ends like the bundle's is another file's: left as it is.
    const robotFrame = `    at elsewhere (${path.join(dir, "robot.js")}${/bot\.js(:1:\d+)/.exec(stack)?.[1] ?? ""})`;
    expect(mapStackTrace(robotFrame, `${bundle}.map`)).to.equal(robotFrame);
  });

  it("leaves the frames a source map does not cover as they are", () => {
    const source = path.join(dir, "tiny.ts");
    writeFileSync(source, "export const one = 1;\n");
    buildSync({ entryPoints: [source], outfile: bundle, bundle: true, platform: "node", format: "cjs", sourcemap: "linked", logLevel: "silent" });
    const foreign = "Error: x\n    at run (node:internal/modules/cjs/loader:1:2)\n    at other (/srv/elsewhere/bot.js:900:7)";
    expect(mapStackTrace(foreign, `${bundle}.map`)).to.equal(foreign);
  });
});

function exported(exports: unknown, name: string): () => void {
  const value: unknown = typeof exports === "object" && exports !== null ? Reflect.get(exports, name) : undefined;
  if (typeof value !== "function") throw new Error(`the bundle does not export ${name}`);
  return () => void Reflect.apply(value, undefined, []);
}

function catchStack(run: () => void): string {
  try {
    run();
  } catch (error) {
    if (error instanceof Error && error.stack !== undefined) return error.stack;
  }
  throw new Error("it did not throw");
}
