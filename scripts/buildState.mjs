// Whether dist/ needs `npm run build` before the bot runs from it: what `npm start` and the e2e run both ask.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

// The bundle holds the dependencies too, hence the lock file among the inputs.
const BUILD_INPUTS = ["bot", "benefits", "dialogs", "cards", "storage", "package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json", "scripts/copyAssets.mjs", "scripts/bundle.mjs"];

/** Written last by scripts/bundle.mjs: its age and its Node.js are the build's. */
export function buildStampFile(root) {
  return path.join(root, "dist", "app", "build.json");
}

function newestChange(target) {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(target).map((name) => newestChange(path.join(target, name))));
}

/** When dist/ was built, or 0 if it is missing, has no code cache, or was built by another Node.js (whose cache this one refuses). */
function builtAt(root) {
  const stamp = buildStampFile(root);
  if (!existsSync(stamp) || !existsSync(path.join(root, "dist", "app", "bot.js.cache"))) return 0;
  try {
    return JSON.parse(readFileSync(stamp, "utf8")).node === process.version ? statSync(stamp).mtimeMs : 0;
  } catch {
    return 0;
  }
}

export function needsBuild(root) {
  return builtAt(root) < Math.max(...BUILD_INPUTS.map((input) => newestChange(path.join(root, input))));
}

export const STALE_BUILD = "dist/ is missing, older than the sources or built by another Node.js: npm run build";
