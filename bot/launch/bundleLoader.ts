// Runs the bot's one-file bundle (dist/app/bot.js, made by scripts/bundle.mjs) as Node's CommonJS loader would, but
// compiled with a V8 code cache. Finding and compiling some 2,400 module files one by one was most of a cold start
// (bench/README.md, item 7): the bundle takes away the finding, the cache most of the compiling.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import Module, { createRequire } from "node:module";
import path from "node:path";
import { Script, constants } from "node:vm";

/**
 * Whether the bundle was compiled from its cache. "rejected": the cache was made by another build, another Node.js,
 * or with other V8 flags, or is damaged; "missing": there is none.
 */
export type CodeCacheUse = "used" | "rejected" | "missing";

export interface LoadedBundle {
  readonly exports: unknown;
  readonly codeCache: CodeCacheUse;
  /**
   * Writes the cache of what V8 has compiled of the bundle so far (for this Node.js and its flags) and resolves with its
   * bytes, or with 0 when the bundle on disk is no longer the one loaded (a build replaced it meanwhile).
   */
  writeCodeCache(): Promise<number>;
}

type CommonJsWrapper = (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;

// What V8 does not check before it runs cached code, so the cache file's first line does:
// - the source: V8 compares its length only, and the cache of another build of the same length ran that build's code;
// - the payload: V8 release builds skip its checksum, and damaged bytes crashed the process (SIGSEGV) before any log;
// - the Node.js: V8 compares its own version, not the patches Node.js carries on it.
// SHA-1 tells builds and damage apart; it is not there for security (whoever can write the cache can write the
// bundle). It takes 3 ms for the bundle here, SHA-256 20 ms.
interface CacheHeader {
  readonly bundle: string;
  readonly payload: string;
  readonly node: string;
}

const HEADER_END = 0x0a;
const MAX_HEADER_BYTES = 1024;

interface Source {
  readonly text: string;
  readonly digest: string;
}

export function loadBundle(file: string, cacheFile: string): LoadedBundle {
  const source = readSource(file);
  const cache = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const payload = cache === undefined ? undefined : payloadFor(cache, source);
  const script = compile(file, source, payload);
  const exports = run(script, file);
  const codeCache = cache === undefined ? "missing" : payload === undefined || script.cachedDataRejected === true ? "rejected" : "used";
  return { exports, codeCache, writeCodeCache: () => writeCacheOf(script, source, file, cacheFile) };
}

/**
 * Loads the bundle (its modules' top-level code runs, nothing is started) and writes the cache of everything V8
 * compiled for that. Returns the cache's size in bytes.
 */
export async function writeCodeCache(file: string, cacheFile: string): Promise<number> {
  const source = readSource(file);
  const script = compile(file, source, undefined);
  run(script, file);
  return writeCacheOf(script, source, file, cacheFile);
}

function readSource(file: string): Source {
  const bytes = readFileSync(file);
  return { text: bytes.toString("utf8"), digest: sha1(bytes) };
}

function sha1(bytes: Buffer): string {
  return createHash("sha1").update(bytes).digest("hex");
}

function thisNode(): string {
  return `${process.version} ${process.arch} v8 ${process.versions.v8}`;
}

/** The V8 data of a cache made for this bundle by this Node.js, intact; otherwise undefined. */
function payloadFor(cache: Buffer, source: Source): Buffer | undefined {
  const end = cache.subarray(0, MAX_HEADER_BYTES).indexOf(HEADER_END);
  if (end < 0) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(cache.subarray(0, end).toString("utf8"));
  } catch {
    return undefined;
  }
  if (typeof header !== "object" || header === null) return undefined;
  const payload = cache.subarray(end + 1);
  const field = (name: keyof CacheHeader): unknown => Reflect.get(header, name);
  const matches = field("bundle") === source.digest && field("node") === thisNode() && field("payload") === sha1(payload);
  return matches ? payload : undefined;
}

const PARTIAL_SUFFIX = ".partial";
/** A writer takes well under a second: a partial file this old was left by a process that died while writing. */
const ABANDONED_PARTIAL_MS = 10 * 60 * 1000;

async function writeCacheOf(script: Script, source: Source, file: string, cacheFile: string): Promise<number> {
  const payload = script.createCachedData();
  const header: CacheHeader = { bundle: source.digest, payload: sha1(payload), node: thisNode() };
  const data = Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), payload]);
  removeAbandonedPartials(cacheFile);
  // Its own file, renamed over the cache when whole: a process starting meanwhile reads the old cache or the new one,
  // and two writing at once (instances sharing one disk, which may have the same pid) never mix their bytes.
  const partial = `${cacheFile}.${randomUUID()}${PARTIAL_SUFFIX}`;
  try {
    await writeFile(partial, data, { flag: "wx" });
    // A bot of the previous build must not put its cache over the one the new build wrote.
    if (existsSync(file) && sha1(readFileSync(file)) !== source.digest) return 0;
    await rename(partial, cacheFile);
  } finally {
    await rm(partial, { force: true });
  }
  return data.length;
}

function removeAbandonedPartials(cacheFile: string): void {
  const folder = path.dirname(cacheFile);
  const prefix = `${path.basename(cacheFile)}.`;
  for (const name of readdirSync(folder)) {
    if (!name.startsWith(prefix) || !name.endsWith(PARTIAL_SUFFIX)) continue;
    const partial = path.join(folder, name);
    try {
      if (Date.now() - statSync(partial).mtimeMs > ABANDONED_PARTIAL_MS) rmSync(partial, { force: true });
    } catch {
      // Renamed or removed by its writer meanwhile.
    }
  }
}

function compile(file: string, source: Source, cachedData: Buffer | undefined): Script {
  // The wrapper's own line, taken back by lineOffset, keeps every line and column of the bundle where its source map says.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {\n${source.text}\n})`;
  return new Script(wrapped, { filename: file, lineOffset: -1, cachedData, importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
}

function run(script: Script, file: string): unknown {
  const wrapper: unknown = script.runInThisContext();
  if (!isWrapper(wrapper)) throw new Error(`${file} did not compile to a CommonJS module wrapper`);
  const bundle = new Module(file);
  bundle.filename = file;
  wrapper.call(bundle.exports, bundle.exports, createRequire(file), bundle, file, path.dirname(file));
  bundle.loaded = true;
  return bundle.exports;
}

function isWrapper(value: unknown): value is CommonJsWrapper {
  return typeof value === "function";
}
