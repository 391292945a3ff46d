// The production entry (`npm run start:bot`, the App Service's startup command): the bot from its bundle,
// dist/app/bot.js, compiled with its V8 code cache. `node dist/bot/start.js --write-code-cache` is the build's last
// step (scripts/bundle.mjs). bot/index.ts runs the same bot from the separate modules, as the tests do.
import { existsSync } from "node:fs";
import path from "node:path";
import { loadBundle, writeCodeCache, type LoadedBundle } from "./launch/bundleLoader";
import type { CacheRewrite, LaunchNote } from "./launch/launchNote";

const BUNDLE = path.join(__dirname, "..", "app", "bot.js");
const CODE_CACHE = `${BUNDLE}.cache`;

interface BundleExports {
  runBot(launch: LaunchNote): void;
}

function isBundleExports(value: unknown): value is BundleExports {
  return typeof value === "object" && value !== null && "runBot" in value && typeof value.runBot === "function";
}

function start(): void {
  if (!existsSync(BUNDLE)) {
    process.stderr.write(`${BUNDLE} is missing: run \`npm run build\` first\n`);
    process.exit(1);
  }
  if (process.argv.includes("--write-code-cache")) {
    writeCodeCache(BUNDLE, CODE_CACHE).then(
      (bytes) => {
        process.stdout.write(`V8 code cache written: ${CODE_CACHE} (${Math.round(bytes / 1024)} KB)\n`);
        // Loading the bundle runs only its modules' top-level code; exiting here does not wait for anything they opened.
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`Could not write the code cache: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
    return;
  }
  const loaded = loadBundle(BUNDLE, CODE_CACHE);
  if (!isBundleExports(loaded.exports)) throw new Error(`${BUNDLE} does not export runBot: it was not built from bot/main.ts`);
  // A cache that was not used is replaced after the bot has started (not to delay readiness further), so that only
  // one start pays for it.
  loaded.exports.runBot({ bundle: BUNDLE, codeCache: loaded.codeCache, rewriteCache: loaded.codeCache === "used" ? undefined : () => rewrite(loaded) });
}

async function rewrite(loaded: LoadedBundle): Promise<CacheRewrite> {
  try {
    return { bytes: await loaded.writeCodeCache() };
  } catch (error) {
    // A read-only deployment (run from a package, say), or a file another instance holds: the bot goes on.
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

start();
