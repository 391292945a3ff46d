/** dist/app/build.json under `root`, written last by scripts/bundle.mjs. */
export declare function buildStampFile(root: string): string;

/** True when dist/ under `root` is missing, has no code cache, is older than a build input, or was built by another Node.js. */
export declare function needsBuild(root: string): boolean;

/** What to tell the person when a build is needed. */
export declare const STALE_BUILD: string;
