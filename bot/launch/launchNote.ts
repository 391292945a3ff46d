import type { Logger } from "pino";
import type { CodeCacheUse } from "./bundleLoader";

export type CacheRewrite = { readonly bytes: number } | { readonly error: string };

/** How bot/start.ts loaded the bot, written once the logger exists. */
export interface LaunchNote {
  readonly bundle: string;
  readonly codeCache: CodeCacheUse;
  /** When V8 did not use the cache: writes a new one for this Node.js and its flags; run after the bot has started. */
  readonly rewriteCache?: () => Promise<CacheRewrite>;
}

export function logLaunch(logger: Logger, note: LaunchNote): void {
  const fields = { bundle: note.bundle, codeCache: note.codeCache };
  if (note.codeCache === "used") {
    logger.info(fields, "Loaded from the bundle, compiled from its V8 code cache");
    return;
  }
  const why =
    note.codeCache === "rejected"
      ? "The bundle's code cache was not for this start (another build, another Node.js, other V8 flags such as --max-old-space-size, or damaged)"
      : "The bundle has no code cache";
  logger.warn(fields, `${why}: compiled from source, a slower start; a new cache is written once the bot has started`);
}

export function logCacheRewrite(logger: Logger, note: LaunchNote, rewrite: CacheRewrite): void {
  if ("error" in rewrite) {
    logger.warn({ bundle: note.bundle, error: rewrite.error }, "This start could not write a new code cache: the next start compiles from source too and tries again (on a read-only deployment, build where the bot runs)");
  } else if (rewrite.bytes === 0) {
    logger.info({ bundle: note.bundle }, "Did not write a new code cache: a new build has replaced the bundle this bot runs");
  } else {
    logger.info({ bundle: note.bundle, bytes: rewrite.bytes }, "Wrote a new code cache for this Node.js and its flags: the next start uses it");
  }
}
