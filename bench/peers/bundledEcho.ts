// The echo peer bundled and cached the way our bot is (scripts/bundle.mjs, bot/launch/bundleLoader.ts). Not a target:
// it shows what the same loading does for a bot with nothing else to load. `--write-code-cache` is its build step
// (bench/support/build.ts); it starts the echo bot, writes the cache and exits.
import path from "node:path";
import { loadBundle, writeCodeCache } from "../../bot/launch/bundleLoader";

const BUNDLE = path.join(__dirname, "echoBot.bundle.js");

if (process.argv.includes("--write-code-cache")) {
  void writeCodeCache(BUNDLE, `${BUNDLE}.cache`).then(() => process.exit(0));
} else {
  loadBundle(BUNDLE, `${BUNDLE}.cache`);
}
