import type { Logger } from "pino";
import type { CodeCacheUse } from "./bundleLoader";

/** How bot/start.ts loaded the bot, written once the logger exists. */
export interface LaunchNote {
  readonly bundle: string;
  readonly codeCache: CodeCacheUse;
}

export function logLaunch(logger: Logger, note: LaunchNote): void {
  const fields = { bundle: note.bundle, codeCache: note.codeCache };
  if (note.codeCache === "used") logger.info(fields, "Loaded from the bundle, compiled from its V8 code cache");
  else if (note.codeCache === "rejected") logger.warn(fields, "V8 rejected the bundle's code cache (another Node.js wrote it): compiled from source, a slower start; `npm run build` on this Node.js writes a new one");
  else logger.warn(fields, "The bundle has no code cache: compiled from source, a slower start; `npm run build` writes one");
}
