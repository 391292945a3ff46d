// Item 7: process start to the first answered turn, ours against the echo bot, both as they run in production: the
// echo bot compiled by tsc, ours from its bundle with its code cache (dist/bot/start.js). Ours from the separate
// compiled modules (dist/bot/index.js) runs beside them, to show what the bundle saves.
import { randomUUID } from "node:crypto";
import { BotProcess } from "./support/botProcess";
import { PEOPLE } from "./support/client";
import { median, round } from "./support/stats";
import { coldStartMs } from "./turns";

export interface ColdStartSetup {
  readonly peerEntry: string;
  /** The peer from a bundle with its code cache, as ours is: not a target, a measure of what bundling does for any bot. */
  readonly bundledPeerEntry: string;
  readonly oursEntry: string;
  /** The same bot from the separate modules tsc wrote, without the bundle. */
  readonly oursModulesEntry: string;
  /** Our bot's settings for a database id (the bench's counting Cosmos server, local mode, demo seed). */
  readonly oursEnv: (databaseId: string) => Record<string, string>;
  /** Our bot's settings without COSMOS_ENDPOINT: the embedded server in the bot's process, as `npm start` runs it. */
  readonly embeddedEnv: Record<string, string>;
  readonly cwd: string;
  readonly nodeArgs?: readonly string[];
}

export interface ColdStartResult {
  readonly echo: Start[];
  readonly bundledEcho: Start[];
  /** Each on a database of its own: containers created and the demo tenant seeded, a first start. */
  readonly oursFirst: Start[];
  /** Each on the database of the previous first start: the demo tenant is already there, a restart. */
  readonly oursRestart: Start[];
  /** With the embedded Cosmos server (started in the process, empty, then seeded): what `npm start` does. */
  readonly oursEmbedded: Start[];
  /** From the separate modules, on a database of its own. */
  readonly oursModules: Start[];
  readonly echoMedianMs: number;
  readonly bundledEchoMedianMs: number;
  readonly oursFirstMedianMs: number;
  readonly oursRestartMedianMs: number;
  readonly ratio: number;
  readonly restartRatio: number;
  readonly oursEmbeddedMedianMs: number;
  readonly oursModulesMedianMs: number;
  /** Median CPU ms to the first answer. */
  readonly cpuMedianMs: { readonly echo: number; readonly bundledEcho: number; readonly oursFirst: number; readonly oursRestart: number; readonly oursEmbedded: number; readonly oursModules: number };
}

interface Start {
  readonly ms: number;
  /** CPU the process used up to its first answer: steadier than wall time on a machine others load. */
  readonly cpuMs: number;
}

async function timedStart(name: string, entry: string, env: Record<string, string>, setup: ColdStartSetup, text: string): Promise<Start> {
  const bot = await BotProcess.start(name, entry, [], env, setup.cwd, setup.nodeArgs);
  try {
    const ms = await coldStartMs(bot, text, PEOPLE.alex);
    return { ms, cpuMs: bot.cpuMs() };
  } finally {
    await bot.stop();
  }
}

/**
 * `repeats` times, in turn and each process alone: the echo bot, the echo bot bundled, ours on a new database, ours again on that database,
 * ours on its embedded server, ours from the separate modules on a new database.
 * The median of each is what the row compares; a single start on a shared machine is too noisy to judge.
 */
export async function measureColdStarts(setup: ColdStartSetup, repeats: number): Promise<ColdStartResult> {
  const echo: Start[] = [];
  const bundledEcho: Start[] = [];
  const oursFirst: Start[] = [];
  const oursRestart: Start[] = [];
  const oursEmbedded: Start[] = [];
  const oursModules: Start[] = [];
  for (let i = 0; i < repeats; i++) {
    echo.push(await timedStart("echo", setup.peerEntry, {}, setup, "hi"));
    bundledEcho.push(await timedStart("echo", setup.bundledPeerEntry, {}, setup, "hi"));
    const databaseId = `bench-cold-${randomUUID()}`;
    oursFirst.push(await timedStart("benefits", setup.oursEntry, setup.oursEnv(databaseId), setup, "help"));
    oursRestart.push(await timedStart("benefits", setup.oursEntry, setup.oursEnv(databaseId), setup, "help"));
    oursEmbedded.push(await timedStart("benefits", setup.oursEntry, setup.embeddedEnv, setup, "help"));
    oursModules.push(await timedStart("benefits", setup.oursModulesEntry, setup.oursEnv(`bench-cold-${randomUUID()}`), setup, "help"));
  }
  const wall = (starts: readonly Start[]) => median(starts.map((s) => s.ms));
  const cpu = (starts: readonly Start[]) => median(starts.map((s) => s.cpuMs));
  const echoMedianMs = wall(echo);
  const oursFirstMedianMs = wall(oursFirst);
  const oursRestartMedianMs = wall(oursRestart);
  return {
    echo,
    bundledEcho,
    oursFirst,
    oursRestart,
    oursEmbedded,
    oursModules,
    echoMedianMs,
    bundledEchoMedianMs: wall(bundledEcho),
    oursFirstMedianMs,
    oursRestartMedianMs,
    oursEmbeddedMedianMs: wall(oursEmbedded),
    oursModulesMedianMs: wall(oursModules),
    ratio: round(oursFirstMedianMs / echoMedianMs),
    restartRatio: round(oursRestartMedianMs / echoMedianMs),
    cpuMedianMs: { echo: cpu(echo), bundledEcho: cpu(bundledEcho), oursFirst: cpu(oursFirst), oursRestart: cpu(oursRestart), oursEmbedded: cpu(oursEmbedded), oursModules: cpu(oursModules) },
  };
}
