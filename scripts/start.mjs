// `npm start`: builds if needed, then runs the bot in local mode (embedded Cosmos DB, demo tenant) and the
// Microsoft 365 Agents Playground in front of it, with no Azure and no network beyond this machine.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const botEntry = path.join(root, "dist", "bot", "index.js");
const buildInputs = ["bot", "benefits", "dialogs", "cards", "storage", "package.json", "tsconfig.json", "tsconfig.build.json", "scripts/copyAssets.mjs"];
const playgroundPort = 56150;
const readyTimeoutMs = 120_000;

const children = new Set();
let stopping = false;

function say(message) {
  console.log(`[start] ${message}`);
}

function newestChange(target) {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(target).map((name) => newestChange(path.join(target, name))));
}

function buildIfStale() {
  const builtAt = existsSync(botEntry) ? statSync(botEntry).mtimeMs : 0;
  if (builtAt >= Math.max(...buildInputs.map((input) => newestChange(path.join(root, input))))) return;
  say("dist/ is missing or older than the sources: npm run build");
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, "run", "build"], { cwd: root, stdio: "inherit" })
    : spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  if (result.status !== 0) {
    say("the build failed: not starting");
    process.exit(result.status ?? 1);
  }
}

/** Starts a child whose output lines are echoed with a prefix and offered to `onLine`. */
function startChild(name, args, env, onLine) {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => {
      console.log(`[${name}] ${line}`);
      onLine(line);
    });
  }
  child.on("exit", (code, signal) => {
    children.delete(child);
    if (stopping) {
      if (children.size === 0) process.exit();
      return;
    }
    say(`${name} exited (${signal ?? `code ${code}`}): stopping`);
    stopAll("SIGTERM", code === 0 || code === null ? 1 : code);
  });
  return child;
}

function stopAll(signal, exitCode = 0) {
  if (stopping) return;
  stopping = true;
  process.exitCode = exitCode;
  if (children.size === 0) process.exit();
  for (const child of children) child.kill(signal);
  setTimeout(() => {
    say("a child did not stop within 10 s: killing it");
    for (const child of children) child.kill("SIGKILL");
  }, 10_000).unref();
}

async function waitUntilReady(botUrl) {
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${botUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not answering yet: storage may still be starting.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the bot was not ready at ${botUrl}/readyz within ${readyTimeoutMs / 1000} s`);
}

function playgroundCli() {
  try {
    return createRequire(import.meta.url).resolve("@microsoft/m365agentsplayground/cli.js");
  } catch {
    say("@microsoft/m365agentsplayground is not installed: run npm install");
    return process.exit(1);
  }
}

// A wildcard listen address is not something a client can connect to.
function reachable(url) {
  return url.replace("//0.0.0.0:", "//127.0.0.1:").replace("//[::]:", "//[::1]:");
}

function main() {
  buildIfStale();
  const cli = playgroundCli();

  // A terminal's Ctrl-C already reaches the children (same process group); forwarding covers `kill -INT <pid>`.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => stopAll(signal));

  let playgroundUrl;
  let botUrl;
  const announceWhenBothKnown = () => {
    if (playgroundUrl === undefined || botUrl === undefined) return;
    say(`Bot:        ${botUrl}/api/messages (local mode: unsigned requests accepted on loopback only)`);
    say(`Playground: ${playgroundUrl}  <- open this; you chat as Alex Wilber, global admin of the demo tenant`);
    say("Ctrl-C stops both.");
  };

  const timeout = setTimeout(() => {
    say(`nothing ready after ${readyTimeoutMs / 1000} s: stopping`);
    stopAll("SIGTERM", 1);
  }, readyTimeoutMs);

  const startPlayground = (url) => {
    const args = [cli, "--app-endpoint", `${url}/api/messages`, "--channel-id", "msteams", "--port", String(playgroundPort), "--disable-telemetry"];
    const env = { ...process.env, TEAMSAPPTESTER_BROWSER: "none", APPLICATION_INSIGHTS_NO_STATSBEAT: "true" };
    startChild("playground", args, env, (line) => {
      const listening = /Listening on (\d+)/.exec(line);
      if (listening === null || playgroundUrl !== undefined) return;
      playgroundUrl = `http://localhost:${listening[1]}`;
      announceWhenBothKnown();
    });
  };

  const botEnv = { ...process.env, LOCAL_MODE: process.env.LOCAL_MODE ?? "true" };
  startChild("bot", [botEntry], botEnv, (line) => {
    const listening = /Bot listening on (\S+)/.exec(line);
    if (listening === null || botUrl !== undefined) return;
    const url = reachable(listening[1]);
    startPlayground(url);
    waitUntilReady(url).then(
      () => {
        clearTimeout(timeout);
        botUrl = url;
        announceWhenBothKnown();
      },
      (error) => {
        say(error.message);
        stopAll("SIGTERM", 1);
      },
    );
  });
}

main();
