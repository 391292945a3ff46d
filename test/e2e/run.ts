// `npm run test:e2e`: the bot as `npm start` runs it, the Microsoft 365 Agents Playground in front of it, and Debian's
// Chromium driving the Playground's page as a person would. Exits non-zero on any failure.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { serveFiles, type ServedFiles } from "./fileServer";
import { startLocaleProxy } from "./localeProxy";
import { ChatPage } from "./page";
import { playgroundConfigFor, type PlaygroundConfig } from "./playgroundConfig";
import { buildIfStale, ROOT, startBot, startPlayground, type RunningBot, type RunningPlayground } from "./processes";
import { readmeWalk } from "./readmeWalk";
import { scenarios as baseScenarios, type Scenario } from "./scenarios";

const CHROMIUM = "/usr/bin/chromium";
const scenarios: readonly Scenario[] = [...baseScenarios, ...readmeWalk()];
// A safety net far above a normal run (about 2 minutes with the French walk; 12 on a machine loaded 10x, as measured once).
const RUN_TIMEOUT_MS = 15 * 60_000;
const SCENARIO_TIMEOUT_MS = 90_000;
// Seconds, not the minutes of a real activation: the notification must arrive while the test waits for it.
const BOT_TIMING = { autoActivateMs: 3_000, schedulerIntervalMs: 1_000 };

const startedAt = Date.now();
const runId = new Date(startedAt).toISOString().replace(/[:.]/g, "-");
const artifacts = path.join(ROOT, "test-results", "e2e", runId);
const cleanups: (() => Promise<void>)[] = [];
const outcomes: Outcome[] = [];

function say(message: string): void {
  console.log(`[e2e] ${message}`);
}

function seconds(fromMs: number): string {
  return `${((Date.now() - fromMs) / 1000).toFixed(1)} s`;
}

function slug(index: number, name: string): string {
  return `${String(index + 1).padStart(2, "0")}-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

let cleaningUp: Promise<void> | undefined;

/** One clean-up whoever asks (the end of the run, a signal, the watchdog): the exit waits for all of it. */
function cleanUp(): Promise<void> {
  cleaningUp ??= (async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => say(`clean-up: ${String(error)}`));
  })();
  return cleaningUp;
}

interface Outcome {
  readonly scenario: Scenario;
  readonly error?: unknown;
}

/** The closing line: a scenario that never got to run (the run stopped early) counts as failed. */
function closingLine(): string {
  const passed = outcomes.filter((outcome) => outcome.error === undefined).length;
  return `${passed} passed, ${scenarios.length - passed} failed`;
}

class PersonSession {
  private constructor(
    readonly person: string,
    readonly locale: string | undefined,
    readonly playground: RunningPlayground,
    readonly chat: ChatPage,
    readonly config: PlaygroundConfig,
  ) {}

  static async open(person: string, locale: string | undefined, bot: RunningBot, browser: BrowserContext): Promise<PersonSession> {
    const openedAt = Date.now();
    const config = playgroundConfigFor(person, runId);
    const logFile = path.join(artifacts, `playground-${`${person}-${locale ?? "en-US"}`.toLowerCase().replace(/\W+/g, "-")}.log`);
    // The Playground only ever sends en-US: another locale goes through a relay that rewrites it, as that client would send it.
    const proxy = locale === undefined ? undefined : await startLocaleProxy(bot.url, locale);
    if (proxy !== undefined) cleanups.push(() => proxy.stop());
    const playground = await startPlayground(config, proxy?.url ?? bot.url, logFile);
    const chat = new ChatPage(await browser.newPage());
    const session = new PersonSession(person, locale, playground, chat, config);
    try {
      await chat.open(playground.url);
    } catch (error) {
      await session.close();
      throw error;
    }
    say(`Playground as ${person}${locale === undefined ? "" : ` (${locale})`} at ${playground.url} (process and page ready in ${seconds(openedAt)})`);
    return session;
  }

  async close(): Promise<void> {
    await this.chat.page.close().catch(() => undefined);
    await this.playground.stop();
  }
}

async function runScenario(index: number, scenario: Scenario, session: PersonSession, failed: ReadonlySet<string>, files: ServedFiles): Promise<Outcome> {
  const name = slug(index, scenario.name);
  const missing = (scenario.needs ?? []).filter((needed) => failed.has(needed));
  const scenarioStart = Date.now();
  try {
    if (missing.length > 0) throw new Error(`not run: it builds on "${missing.join('", "')}", which failed`);
    await withTimeout(
      scenario.run({ chat: session.chat, config: session.config, playgroundUrl: session.playground.url, files }),
      SCENARIO_TIMEOUT_MS,
      "the scenario",
    );
    await session.chat.screenshot(path.join(artifacts, `${name}.png`));
    say(`✓ ${scenario.name} (${seconds(scenarioStart)})`);
    return { scenario };
  } catch (error) {
    say(`✗ ${scenario.name} (${seconds(scenarioStart)}): ${error instanceof Error ? error.message : String(error)}`);
    await saveFailure(name, session.chat, error);
    return { scenario, error };
  }
}

async function saveFailure(name: string, chat: ChatPage, error: unknown): Promise<void> {
  await chat.screenshot(path.join(artifacts, `${name}.failed.png`)).catch((shotError: unknown) => say(`no screenshot: ${String(shotError)}`));
  const pageText = await chat.text().catch((textError: unknown) => `(page text unavailable: ${String(textError)})`);
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  writeFileSync(path.join(artifacts, `${name}.failed.txt`), `${detail}\n\n--- page text ---\n${pageText}\n`);
}

/** The Playground's page asks a CDN for fonts; nothing but this machine is reached, and a failed font costs nothing. */
async function allowLoopbackOnly(browser: BrowserContext): Promise<void> {
  const blocked = new Set<string>();
  await browser.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === "localhost" || host === "127.0.0.1" || host === "[::1]") return route.continue();
    if (!blocked.has(host)) say(`blocked a request to ${host} (only loopback traffic here)`);
    blocked.add(host);
    return route.abort("blockedbyclient");
  });
}

async function main(): Promise<number> {
  mkdirSync(artifacts, { recursive: true });
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does it)`);
  buildIfStale(say);

  const botDir = mkdtempSync(path.join(tmpdir(), "benefits-e2e-bot-"));
  cleanups.push(async () => rmSync(botDir, { recursive: true, force: true }));
  const bot = await startBot(BOT_TIMING, botDir, path.join(artifacts, "bot.log"));
  cleanups.push(() => bot.stop());
  say(`bot at ${bot.url} (${seconds(startedAt)} after start)`);

  const profile = mkdtempSync(path.join(tmpdir(), "benefits-e2e-chromium-"));
  cleanups.push(async () => rmSync(profile, { recursive: true, force: true }));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
    viewport: { width: 1400, height: 1000 },
    timeout: 60_000,
    // Playwright's own SIGINT handler exits the process once the browser is closed, before our clean-up has stopped
    // the bot and the Playground; ours closes the browser too.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  cleanups.push(() => browser.close());
  await allowLoopbackOnly(browser);
  say(`Chromium started (${seconds(startedAt)} after start)`);

  const files = await serveFiles({ "example-package.json": path.join(ROOT, "docs/import/example-package.json") });
  cleanups.push(() => files.stop());
  const failed = new Set<string>();
  let session: PersonSession | undefined;
  cleanups.push(async () => session?.close());
  for (const [index, scenario] of scenarios.entries()) {
    if (cleaningUp !== undefined) break;
    if (session?.person !== scenario.person || session.locale !== scenario.locale) {
      await session?.close();
      session = await PersonSession.open(scenario.person, scenario.locale, bot, browser);
    }
    const outcome = await runScenario(index, scenario, session, failed, files);
    if (outcome.error !== undefined) failed.add(scenario.name);
    outcomes.push(outcome);
  }
  await session?.close();

  say(`screenshots and logs: ${artifacts}`);
  say(`wall time ${seconds(startedAt)}`);
  console.log(closingLine());
  return failed.size === 0 ? 0 : 1;
}

const watchdog = setTimeout(() => {
  say(`the run took longer than ${RUN_TIMEOUT_MS / 60_000} minutes: stopping`);
  console.log(closingLine());
  void cleanUp().finally(() => process.exit(1));
}, RUN_TIMEOUT_MS);

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    say(`${signal}: stopping`);
    void cleanUp().finally(() => process.exit(130));
  });
}

main()
  .catch((error: unknown) => {
    say(`the run could not complete: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    say(`logs: ${artifacts}`);
    console.log(closingLine());
    return 1;
  })
  .then(async (code) => {
    clearTimeout(watchdog);
    await cleanUp();
    process.exit(code);
  });
