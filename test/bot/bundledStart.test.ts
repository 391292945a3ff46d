// Production runs the bot from one bundle (scripts/bundle.mjs), loaded by bot/launch/bundleLoader.ts. What breaks only
// there (a dependency reading a file beside its own code, a require esbuild cannot follow, a wrong shared copy) would
// pass every other test: this bundles bot/main.ts with the build's own options and starts it through the loader
// bot/start.ts uses (without a code cache: bot/launch's own tests cover the cache).
// It bundles the TypeScript directly (esbuild compiles it) rather than tsc's output, to stay a few seconds long; the
// e2e run starts the build's real dist/app/bot.js.
import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { ALEX, TestChat } from "../support/botHarness";
import { BotProcess } from "./support/botProcess";

const ROOT = path.resolve(__dirname, "..", "..");

describe("the bot from its bundle (child process)", function () {
  this.timeout(120_000);
  let dir: string | undefined;
  let bot: BotProcess | undefined;
  before(() => {
    // Inside the project, so that the bundle's external packages resolve from its node_modules as in dist/app.
    mkdirSync(path.join(ROOT, "dist"), { recursive: true });
    dir = mkdtempSync(path.join(ROOT, "dist", "bundle-test-"));
    const bundleScript = path.join(ROOT, "scripts", "bundle.mjs");
    execFileSync(process.execPath, [bundleScript, path.join(ROOT, "bot", "main.ts"), path.join(dir, "bot.js")], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    for (const assets of ["templates", "strings"]) cpSync(path.join(ROOT, "cards", assets), path.join(dir, assets), { recursive: true });
  });
  afterEach(async () => {
    await bot?.kill();
  });
  after(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it("starts on its embedded Cosmos server, seeds the demo tenant and answers the global admin's help", async () => {
    if (dir === undefined) throw new Error("no bundle was made");
    const bundle = path.join(dir, "bot.js");
    const start = `const { loadBundle } = require("./bot/launch/bundleLoader"); const loaded = loadBundle(${JSON.stringify(bundle)}, ${JSON.stringify(`${bundle}.cache`)}); loaded.exports.runBot({ bundle: ${JSON.stringify(bundle)}, codeCache: loaded.codeCache });`;
    bot = await BotProcess.start("embedded", ["--disable-warning=DEP0111", "--disable-warning=DEP0005", "--require", "tsx/cjs", "-e", start]);
    const help = await new TestChat(bot, ALEX, { name: "Alex Wilber" }).say("help");
    expect(help.allText()).not.to.include("Sorry, something went wrong");
    expect(help.actions().map((a) => a.verb)).to.include.members(["vs.assign", "roles.manage", "export.assignments"]);
  });
});
