// The build's last step: the compiled bot (dist/bot/main.js and everything it loads) as one minified file,
// dist/app/bot.js, with its source map and its V8 code cache; bot/start.ts runs it. See bench/README.md (item 7).
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { buildStampFile } from "./buildState.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const app = path.join(root, "dist", "app");

/** Every installed package folder under `modules`, nested ones included, with its package.json. */
function* installedPackages(modules) {
  if (!existsSync(modules)) return;
  for (const name of readdirSync(modules)) {
    if (name.startsWith(".")) continue;
    const folders = name.startsWith("@") ? readdirSync(path.join(modules, name)).map((inner) => path.join(modules, name, inner)) : [path.join(modules, name)];
    for (const folder of folders) {
      const manifest = path.join(folder, "package.json");
      if (!existsSync(manifest)) continue;
      yield { folder, manifest: JSON.parse(readFileSync(manifest, "utf8")) };
      yield* installedPackages(path.join(folder, "node_modules"));
    }
  }
}

/**
 * npm nests a copy of zod 3 under each of five botbuilder packages (our zod 4 holds the top): five identical copies
 * the bundle would carry and initialize. Every import of a package named here resolves to one copy of its version (the
 * first path in sorted order). Only packages checked by hand belong here: no dependencies, declared or not (a copy
 * must not resolve anything from where it sits), no state whose sharing changes behaviour, no patched copies. For zod
 * the one difference is that a ZodError of one botbuilder package now passes another's `instanceof` check.
 */
const SHARED_PACKAGES = new Set(["zod"]);

function sharedCopies() {
  const copies = new Map();
  for (const { folder, manifest } of installedPackages(path.join(root, "node_modules"))) {
    if (!SHARED_PACKAGES.has(manifest.name)) continue;
    const hasDependencies = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies }).length > 0;
    if (hasDependencies) throw new Error(`${folder} (${manifest.name}@${manifest.version}) has dependencies now: check it again before sharing its copies`);
    const key = `${manifest.name}@${manifest.version}`;
    copies.set(key, [...(copies.get(key) ?? []), folder].sort());
  }
  const chosen = new Map();
  const names = new Set();
  for (const [key, folders] of copies) {
    if (folders.length < 2) continue;
    names.add(key.slice(0, key.lastIndexOf("@")));
    for (const folder of folders) chosen.set(folder, folders[0]);
  }
  const escaped = [...names].map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
  return {
    name: "one-copy-of-identical-packages",
    setup(build) {
      if (names.size === 0) return;
      build.onResolve({ filter: new RegExp(`^(${escaped.join("|")})(/|$)`) }, async (args) => {
        if (args.pluginData === "resolved once") return undefined;
        const result = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: "resolved once" });
        // Whatever esbuild would do by itself (an optional require it cannot find, say) it does.
        if (result.errors.length > 0 || result.external) return undefined;
        const folder = [...chosen.keys()].find((candidate) => result.path.startsWith(`${candidate}${path.sep}`));
        if (folder === undefined) return result;
        return { ...result, path: path.join(chosen.get(folder), path.relative(folder, result.path)) };
      });
    },
  };
}

/** One minified CommonJS file of `entry` and everything it loads, with its source map beside it. */
async function bundleFile(entry, outfile) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // Whole minification: keeping the names cost about 110 ms of every start. Stack traces point into bot.js, and Node
    // applies no source map to code compiled through node:vm: `npm run stack` maps them back through bot.js.map.
    minify: true,
    sourcemap: "linked",
    sourcesContent: false,
    logLevel: "warning",
    plugins: [sharedCopies()],
    external: [
      // The embedded Cosmos DB server (npm start, no COSMOS_ENDPOINT) reads its files from its own package at load, and
      // production never loads it: it and its certificate generator stay in node_modules.
      "@vercel/cosmosdb-server",
      "selfsigned",
      // restify's optional DTrace probes: a native module, absent unless it compiled at install.
      "dtrace-provider",
    ],
  });
}

async function bundleTheBot() {
  // Made beside dist/app and moved in whole by two renames: a bot already running from dist/app keeps its templates
  // and strings until the moment of the swap, and two builds at once each have their own folder.
  const next = `${app}.next-${process.pid}`;
  const old = `${app}.old-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  await bundleFile(path.join(root, "dist", "bot", "main.js"), path.join(next, "bot.js"));
  // cards/render.ts and cards/strings.ts read their files from beside the code that runs: dist/app/ in the bundle.
  for (const dir of ["templates", "strings"]) cpSync(path.join(root, "cards", dir), path.join(next, dir), { recursive: true });
  rmSync(old, { recursive: true, force: true });
  if (existsSync(app)) renameSync(app, old);
  renameSync(next, app);
  rmSync(old, { recursive: true, force: true });
  execFileSync(process.execPath, [path.join(root, "dist", "bot", "start.js"), "--write-code-cache"], { cwd: root, stdio: "inherit" });
  // Last: what `npm start` and the e2e run compare with the sources (and this Node.js) to know whether to build again.
  writeFileSync(buildStampFile(root), `${JSON.stringify({ node: process.version, builtAt: new Date().toISOString() })}\n`);
}

// `node scripts/bundle.mjs` is the build's last step; `node scripts/bundle.mjs <entry> <outfile>` only bundles one file
// with the same options (the bench's echo peer, the bundled-start test).
function runAsScript() {
  try {
    return process.argv[1] !== undefined && pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url;
  } catch {
    return false;
  }
}

if (runAsScript()) {
  const [entry, outfile] = process.argv.slice(2);
  if (entry !== undefined && outfile !== undefined) await bundleFile(path.resolve(entry), path.resolve(outfile));
  else await bundleTheBot();
}
