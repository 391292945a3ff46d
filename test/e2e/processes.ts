import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { STALE_BUILD, needsBuild } from "../../scripts/buildState.mjs";
import { NEW_TENANT_BOOTSTRAP_ADMIN } from "./issue8Scenario";
import type { PlaygroundConfig } from "./playgroundConfig";

export const ROOT = path.resolve(__dirname, "..", "..");
// Production's entry: the bot from its bundle.
const BOT_ENTRY = path.join(ROOT, "dist", "bot", "start.js");
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/** `npm run build` when dist/ is missing or older than a source: the run tests what `npm start` would run. */
export function buildIfStale(say: (message: string) => void): void {
  if (!needsBuild(ROOT)) return;
  say(STALE_BUILD);
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, "run", "build", "--silent"], { cwd: ROOT, stdio: "inherit", timeout: 180_000 })
    : spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit", timeout: 180_000 });
  if (result.status !== 0) throw new Error("npm run build failed");
}

/** A port nobody listens on right now (the OS's pick); the tiny race until our child binds it is acceptable here. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface Child {
  readonly name: string;
  /** Resolves with the first match of `pattern` in the child's output, or rejects after `timeoutMs` or on exit. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  isRunning(): boolean;
  stop(): Promise<void>;
}

const liveChildren = new Set<ChildProcess>();
// Whatever way the runner ends (a crash included), no bot or Playground outlives it.
process.once("exit", () => {
  for (const child of liveChildren) child.kill("SIGKILL");
});

function startChild(name: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string }): Child {
  const child: ChildProcess = spawn(process.execPath, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  liveChildren.add(child);
  const log = createWriteStream(options.logFile);
  const lines: string[] = [];
  const listeners = new Set<(line: string) => void>();
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      liveChildren.delete(child);
      resolve();
    }),
  );
  let stopped: Promise<void> | undefined;
  for (const stream of [child.stdout, child.stderr]) {
    if (stream === null) continue;
    createInterface({ input: stream }).on("line", (line) => {
      log.write(`${line}\n`);
      lines.push(line);
      for (const listener of listeners) listener(line);
    });
  }
  return {
    name,
    waitForLine(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const already = lines.map((line) => pattern.exec(line)).find((match) => match !== null);
        if (already) return resolve(already);
        const done = (error?: Error, match?: RegExpExecArray) => {
          clearTimeout(timer);
          listeners.delete(listener);
          if (match) resolve(match);
          else reject(error);
        };
        const listener = (line: string) => {
          const match = pattern.exec(line);
          if (match) done(undefined, match);
        };
        const timer = setTimeout(() => done(new Error(`${name}: no line matching ${pattern} within ${timeoutMs / 1000} s`)), timeoutMs);
        listeners.add(listener);
        void exit.then(() => done(new Error(`${name} exited before printing ${pattern} (see ${options.logFile})`)));
      });
    },
    isRunning: () => !exited,
    stop() {
      stopped ??= (async () => {
        if (!exited) {
          child.kill("SIGTERM");
          const killer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
          await exit;
          clearTimeout(killer);
        }
        await new Promise<void>((resolve) => log.end(resolve));
      })();
      return stopped;
    },
  };
}

async function waitUntilReady(url: string, bot: Child): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    // A bot that dies at start (a bad setting) fails the run at once, not after the whole timeout.
    if (!bot.isRunning()) throw new Error("the bot exited at start: see its log");
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the bot was not ready at ${url}/readyz within ${READY_TIMEOUT_MS / 1000} s`);
}

export interface BotTiming {
  /** How long a pending offer or support benefit waits before the local demo switch activates it. */
  readonly autoActivateMs: number;
  readonly schedulerIntervalMs: number;
}

export interface RunningBot extends Child {
  readonly url: string;
}

/**
 * The bot as `npm start` runs it (local mode, embedded Cosmos DB, demo seed) on a free port. Settings that could
 * point it elsewhere (a developer's shell or .env) are set empty, which the config reads as "not set"; the working
 * directory is a temp dir so no .env of the checkout is read either.
 */
export async function startBot(timing: BotTiming, workDir: string, logFile: string): Promise<RunningBot> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOCAL_MODE: "true",
    HOST: "127.0.0.1",
    PORT: String(port),
    COSMOS_ENDPOINT: "",
    COSMOS_KEY: "",
    MicrosoftAppId: "",
    MicrosoftAppPassword: "",
    MicrosoftAppType: "",
    MicrosoftAppTenantId: "",
    ALLOWED_TENANTS: "",
    // The tenant issue 8's scenario brings to the bot: its only member is this first admin.
    BOOTSTRAP_ADMINS: NEW_TENANT_BOOTSTRAP_ADMIN,
    DEMO_SEED: "true",
    DEMO_AUTO_ACTIVATE_MS: String(timing.autoActivateMs),
    SCHEDULER_INTERVAL_MS: String(timing.schedulerIntervalMs),
  };
  const bot = startChild("bot", [BOT_ENTRY], { cwd: workDir, env, logFile });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(url, bot);
    // What makes production's start fast: the bundle compiled from the cache the build wrote, which V8 accepted.
    await bot.waitForLine(/"codeCache":"used"/, 5_000).catch(() => {
      throw new Error("the bot did not use its code cache (its first log line says why): run `npm run build` with this Node.js and no extra V8 flags");
    });
  } catch (error) {
    await bot.stop();
    throw error;
  }
  return { ...bot, url };
}

export interface RunningPlayground extends Child {
  readonly url: string;
}

/** The Agents Playground in a temp dir of its own holding the generated config, in front of `botUrl`. */
export async function startPlayground(config: PlaygroundConfig, botUrl: string, logFile: string): Promise<RunningPlayground> {
  const workDir = mkdtempSync(path.join(tmpdir(), "benefits-e2e-playground-"));
  writeFileSync(path.join(workDir, ".m365agentsplayground.yml"), config.yaml);
  const cli = require.resolve("@microsoft/m365agentsplayground/cli.js");
  const args = [cli, "--app-endpoint", `${botUrl}/api/messages`, "--channel-id", "msteams", "--port", String(await freePort()), "--disable-telemetry"];
  const env = { ...process.env, TEAMSAPPTESTER_BROWSER: "none", APPLICATION_INSIGHTS_NO_STATSBEAT: "true" };
  const playground = startChild(`playground (${config.currentUser.name})`, args, { cwd: workDir, env, logFile });
  try {
    // It silently moves to another port when the one asked for is taken: its own line says where it is.
    const listening = await playground.waitForLine(/Listening on (\d+)/, READY_TIMEOUT_MS);
    return {
      ...playground,
      url: `http://localhost:${listening[1]}`,
      async stop() {
        await playground.stop();
        rmSync(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await playground.stop();
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
}
