// Runs the bot's one-file bundle (dist/app/bot.js, made by scripts/bundle.mjs) as Node's CommonJS loader would, but
// compiled with a V8 code cache. Finding and compiling some 2,400 module files one by one was most of a cold start
// (bench/README.md, item 7): the bundle takes away the finding, the cache most of the compiling.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";
import { Script, constants } from "node:vm";

/** Whether V8 took the cache: "rejected" when another Node.js (V8 version or flags) or another build wrote it, "missing" when none was written. */
export type CodeCacheUse = "used" | "rejected" | "missing";

export interface LoadedBundle {
  readonly exports: unknown;
  readonly codeCache: CodeCacheUse;
  /** Writes the cache of what V8 has compiled of the bundle so far (for this Node.js and its flags); returns its bytes. */
  writeCodeCache(): number;
}

type CommonJsWrapper = (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;

// V8 checks a cache against the source's length only: the cache of another build of the same length would run that
// build's code. So the cache file starts with a digest of the bundle it was made from. SHA-1 is for telling builds
// apart, not for security (whoever can write the cache can write the bundle): it takes 3 ms here, SHA-256 20.
const DIGEST = "sha1";
const DIGEST_BYTES = 20;

interface Source {
  readonly text: string;
  readonly digest: Buffer;
}

export function loadBundle(file: string, cacheFile: string): LoadedBundle {
  const source = readSource(file);
  const cache = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const forThisBuild = cache !== undefined && cache.subarray(0, DIGEST_BYTES).equals(source.digest);
  const script = compile(file, source, forThisBuild ? cache.subarray(DIGEST_BYTES) : undefined);
  const exports = run(script, file);
  const codeCache = cache === undefined ? "missing" : !forThisBuild || script.cachedDataRejected === true ? "rejected" : "used";
  return { exports, codeCache, writeCodeCache: () => writeCacheOf(script, source, cacheFile) };
}

/**
 * Loads the bundle (its modules' top-level code runs, nothing is started) and writes the cache of everything V8
 * compiled for that. Returns the cache's size in bytes.
 */
export function writeCodeCache(file: string, cacheFile: string): number {
  const source = readSource(file);
  const script = compile(file, source, undefined);
  run(script, file);
  return writeCacheOf(script, source, cacheFile);
}

function readSource(file: string): Source {
  const bytes = readFileSync(file);
  return { text: bytes.toString("utf8"), digest: createHash(DIGEST).update(bytes).digest() };
}

function writeCacheOf(script: Script, source: Source, cacheFile: string): number {
  const data = Buffer.concat([source.digest, script.createCachedData()]);
  // A process starting meanwhile reads the old cache or the new one, never half of one.
  const partial = `${cacheFile}.${process.pid}.partial`;
  writeFileSync(partial, data);
  renameSync(partial, cacheFile);
  return data.length;
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
