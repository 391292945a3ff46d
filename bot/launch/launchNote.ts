import type { Logger } from "pino";
import type { CodeCacheUse } from "./bundleLoader";

/** How bot/start.ts loaded the bot, written once the logger exists. */
export interface LaunchNote {
  readonly bundle: string;
  readonly codeCache: CodeCacheUse;
  /** When V8 did not use the cache: a new one was written for this Node.js and its flags (bytes), or why not. */
  readonly rewritten?: { readonly bytes: number } | { readonly error: string };
}

export function logLaunch(logger: Logger, note: LaunchNote): void {
  const fields = { bundle: note.bundle, codeCache: note.codeCache, rewritten: note.rewritten };
  if (note.codeCache === "used") return logger.info(fields, "Loaded from the bundle, compiled from its V8 code cache");
  const why =
    note.codeCache === "rejected"
      ? "V8 rejected the bundle's code cache (another Node.js, other V8 flags such as --max-old-space-size, or another build wrote it)"
      : "The bundle has no code cache";
  const next =
    note.rewritten === undefined || "error" in note.rewritten
      ? "could not write a new one, so every start compiles (`npm run build` on this Node.js with these flags writes one)"
      : "wrote a new one for this Node.js and its flags: the next start uses it";
  logger.warn(fields, `${why}: compiled from source, a slower start; ${next}`);
}
