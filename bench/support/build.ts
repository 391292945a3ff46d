// The bots are timed as production runs them: compiled JavaScript under plain node (`npm run start:bot` builds, then
// runs dist/bot/start.js, the bundle with its code cache). The build happens once, before anything is timed; it is not part of any cold start.
import { execFileSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const TSC = require.resolve("typescript/bin/tsc");

export interface BuiltEntries {
  /** dist/bot/start.js, what `npm run start:bot` runs: the bundle dist/app/bot.js, compiled from its code cache. */
  readonly ours: string;
  /** dist/bot/index.js: the same bot from the separate modules tsc wrote. */
  readonly oursModules: string;
  /** The peer bot, compiled the same way (same tsconfig options) so neither side pays for tsx. */
  readonly peer: string;
  /** The same peer from a bundle with its code cache, made the way ours is. */
  readonly bundledPeer: string;
  /** bench/probe/memoryReport.ts compiled: preloaded into our bot for the memory row. */
  readonly memoryProbe: string;
}

export function buildBots(): BuiltEntries {
  // What `npm run build` does (typescript, then the card templates and strings beside the code).
  execFileSync(process.execPath, [TSC, "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "inherit" });
  execFileSync(process.execPath, [path.join(ROOT, "scripts", "copyAssets.mjs")], { cwd: ROOT, stdio: "inherit" });
  execFileSync(process.execPath, [path.join(ROOT, "scripts", "bundle.mjs")], { cwd: ROOT, stdio: "inherit" });
  execFileSync(process.execPath, [TSC, "-p", path.join("bench", "peers", "tsconfig.json")], { cwd: ROOT, stdio: "inherit" });
  const bench = path.join(ROOT, "dist", "bench");
  const peers = path.join(bench, "peers");
  execFileSync(process.execPath, [path.join(ROOT, "scripts", "bundle.mjs"), path.join(peers, "echoBot.js"), path.join(peers, "echoBot.bundle.js")], { cwd: ROOT, stdio: "inherit" });
  execFileSync(process.execPath, [path.join(peers, "bundledEcho.js"), "--write-code-cache"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  return { ours: path.join(ROOT, "dist", "bot", "start.js"), oursModules: path.join(ROOT, "dist", "bot", "index.js"), peer: path.join(peers, "echoBot.js"), bundledPeer: path.join(peers, "bundledEcho.js"), memoryProbe: path.join(bench, "probe", "memoryReport.js") };
}
