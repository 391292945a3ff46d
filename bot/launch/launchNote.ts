import type { Logger } from "pino";
import type { CodeCacheUse } from "./bundleLoader";

export type CacheRewrite = { readonly bytes: number } | { readonly error: string };

/** How bot/start.ts loaded the bot, written once the logger exists. */
export interface LaunchNote {
  readonly bundle: string;
  readonly codeCache: CodeCacheUse;
  /** When V8 did not use the cache: writes a new one for this Node.js and its flags; run once the bot listens. */
  readonly rewriteCache?: () => CacheRewrite;
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
  logger.warn(fields, `${why}: compiled from source, a slower start; a new cache is written once the bot listens`);
}

export function logCacheRewrite(logger: Logger, note: LaunchNote, rewrite: CacheRewrite): void {
  if ("bytes" in rewrite) logger.info({ bundle: note.bundle, bytes: rewrite.bytes }, "Wrote a new code cache for this Node.js and its flags: the next start uses it");
  else logger.warn({ bundle: note.bundle, error: rewrite.error }, "Could not write a new code cache, so every start compiles from source; `npm run build` on this Node.js with these flags writes one");
}
