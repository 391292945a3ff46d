// `npm start`: builds if needed, then runs the bot in local mode (embedded Cosmos DB, demo tenant) and the
// Microsoft 365 Agents Playground in front of it, with no Azure and no network beyond this machine.
// `npm start -- --as <name>` chats as another demo person; with the bot already running, it only adds a Playground.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { prettyFactory } from "pino-pretty";
import { STALE_BUILD, needsBuild } from "./buildState.mjs";
import { START_USAGE, StartUsageError, configForPerson, parseStartArguments } from "./playgroundPerson.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Production's entry: the bot from its bundle.
const botEntry = path.join(root, "dist", "bot", "start.js");
const playgroundConfigName = ".m365agentsplayground.yml";
const readyTimeoutMs = 120_000;
// Two warnings about restify, not about anything to do: its spdy dependency calls process.binding('http_parser') when
// loaded (DEP0111), and its body reader calls Buffer() (DEP0005, which Node gives only to code outside node_modules:
// the bundle is). Only these two codes are silenced; every other warning still shows.
const botNodeOptions = ["--disable-warning=DEP0111", "--disable-warning=DEP0005"];

const children = new Set();
let stopping = false;

function say(message) {
  console.log(`[start] ${message}`);
}

function buildIfStale() {
  if (!needsBuild(root)) return;
  say(STALE_BUILD);
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, "run", "build"], { cwd: root, stdio: "inherit" })
    : spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  if (result.status !== 0) {
    say("the build failed: not starting");
    process.exit(result.status ?? 1);
  }
}

// The bot writes JSON lines; a person at a terminal reads them pretty-printed, anything else gets them as they are.
const prettify = process.stdout.isTTY ? prettyFactory({ colorize: true, singleLine: true, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname,service" }) : undefined;

function parseJsonLine(line) {
  if (!line.startsWith("{")) return undefined;
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function echo(name, line, entry) {
  const shown = prettify !== undefined && entry !== undefined ? prettify(entry).trimEnd() : line;
  console.log(`[${name}] ${shown}`);
}

/** Starts a child whose output lines are echoed with a prefix and offered to `onLine` (with the parsed JSON, if any). */
function startChild(name, args, env, onLine, cwd = root) {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => {
      const entry = parseJsonLine(line);
      echo(name, line, entry);
      onLine(line, entry);
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

function loadBotConfig() {
  // The built config module is the one reader of settings (and of .env): the script asks it rather than parse twice.
  const { ConfigError, loadConfig, loadEnvFileIfPresent } = createRequire(import.meta.url)(path.join(root, "dist", "bot", "config.js"));
  loadEnvFileIfPresent(path.join(root, ".env"));
  // npm start is the local run: local mode unless the environment (or .env) says otherwise.
  if ((process.env.LOCAL_MODE ?? "").trim() === "") process.env.LOCAL_MODE = "true";
  // A newcomer should see an activation notification arrive seconds after an offer or support benefit goes pending.
  if (process.env.LOCAL_MODE.trim() === "true" && (process.env.DEMO_AUTO_ACTIVATE_MS ?? "").trim() === "") process.env.DEMO_AUTO_ACTIVATE_MS = "5000";
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    say(error.message);
    return process.exit(1);
  }
}

/** The Playground's working directory: the repository (its own config) or a temp copy made for `--as <name>`. */
function playgroundDirectory(as) {
  if (as === undefined) return { cwd: root, personName: undefined, cleanUp: () => undefined };
  const { person, yaml } = configForPerson(readFileSync(path.join(root, playgroundConfigName), "utf8"), as);
  const cwd = mkdtempSync(path.join(tmpdir(), "benefits-bot-playground-"));
  writeFileSync(path.join(cwd, playgroundConfigName), yaml);
  return { cwd, personName: person.name, cleanUp: () => rmSync(cwd, { recursive: true, force: true }) };
}

async function answersHealthz(botUrl) {
  try {
    const response = await fetch(`${botUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

function parseArgumentsOrExit() {
  try {
    return parseStartArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof StartUsageError)) throw error;
    say(error.message);
    return process.exit(2);
  }
}

async function main() {
  const options = parseArgumentsOrExit();
  buildIfStale();
  const config = loadBotConfig();
  const cli = playgroundCli();
  let playground;
  try {
    playground = playgroundDirectory(options.as);
  } catch (error) {
    if (!(error instanceof StartUsageError)) throw error;
    say(`${error.message}\n${START_USAGE}`);
    return process.exit(2);
  }
  process.on("exit", playground.cleanUp);
  const chattingAs = playground.personName ?? "Alex Wilber, global admin of the demo tenant";

  // A terminal's Ctrl-C already reaches the children (same process group); forwarding covers `kill -INT <pid>`.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => stopAll(signal));

  let playgroundUrl;
  let botUrl;
  const announceWhenBothKnown = () => {
    if (playgroundUrl === undefined || botUrl === undefined) return;
    say(`Bot:        ${botUrl}/api/messages${config.localMode ? " (local mode: unsigned requests accepted on loopback only)" : ""}`);
    say(`Playground: ${playgroundUrl}  <- open this; you chat as ${chattingAs}`);
    say(reusingBot ? "Ctrl-C stops this Playground; the bot keeps running." : "Ctrl-C stops both.");
  };

  const timeout = setTimeout(() => {
    say(`nothing ready after ${readyTimeoutMs / 1000} s: stopping`);
    stopAll("SIGTERM", 1);
  }, readyTimeoutMs);

  // The Playground falls back to a random free port when this one is taken (another person's Playground).
  const startPlayground = (url) => {
    const args = [cli, "--app-endpoint", `${url}/api/messages`, "--channel-id", "msteams", "--port", String(config.playgroundPort), "--disable-telemetry"];
    const env = { ...process.env, TEAMSAPPTESTER_BROWSER: "none", APPLICATION_INSIGHTS_NO_STATSBEAT: "true" };
    startChild(
      "playground",
      args,
      env,
      (line) => {
        const listening = /Listening on (\d+)/.exec(line);
        if (listening === null || playgroundUrl !== undefined) return;
        playgroundUrl = `http://localhost:${listening[1]}`;
        announceWhenBothKnown();
      },
      playground.cwd,
    );
  };
  const whenReady = (url) =>
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

  const configuredUrl = reachable(`http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${config.port}`);
  const reusingBot = config.port !== 0 && (await answersHealthz(configuredUrl));
  if (reusingBot) {
    say(`A bot already answers at ${configuredUrl}: starting only a Playground in front of it (same bot, same data)`);
    startPlayground(configuredUrl);
    whenReady(configuredUrl);
    return;
  }
  startChild("bot", [...botNodeOptions, botEntry], process.env, (_line, entry) => {
    if (typeof entry?.url !== "string" || !String(entry.msg).startsWith("Bot listening on") || botUrl !== undefined) return;
    const url = reachable(entry.url);
    startPlayground(url);
    whenReady(url);
  });
}

main().catch((error) => {
  say(`could not start: ${error?.stack ?? error}`);
  stopAll("SIGTERM", 1);
});
