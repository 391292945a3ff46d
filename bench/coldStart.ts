// Item 7: process start to the first answered turn, ours against the echo bot, both compiled JavaScript under node.
import { randomUUID } from "node:crypto";
import { BotProcess } from "./support/botProcess";
import { PEOPLE } from "./support/client";
import { median, round } from "./support/stats";
import { coldStartMs } from "./turns";

export interface ColdStartSetup {
  readonly peerEntry: string;
  readonly oursEntry: string;
  /** Our bot's settings for a database id (the bench's counting Cosmos server, local mode, demo seed). */
  readonly oursEnv: (databaseId: string) => Record<string, string>;
  readonly cwd: string;
  readonly nodeArgs?: readonly string[];
}

export interface ColdStartResult {
  readonly echoMs: number[];
  /** Each on a database of its own: containers created and the demo tenant seeded, a first start. */
  readonly oursFirstMs: number[];
  /** Each on the database of the previous first start: the demo tenant is already there, a restart. */
  readonly oursRestartMs: number[];
  readonly echoMedianMs: number;
  readonly oursFirstMedianMs: number;
  readonly oursRestartMedianMs: number;
  readonly ratio: number;
  readonly restartRatio: number;
}

async function timedStart(name: string, entry: string, env: Record<string, string>, setup: ColdStartSetup, text: string): Promise<number> {
  const bot = await BotProcess.start(name, entry, [], env, setup.cwd, setup.nodeArgs);
  try {
    return await coldStartMs(bot, text, PEOPLE.alex);
  } finally {
    await bot.stop();
  }
}

/**
 * `repeats` times, in turn and each process alone: the echo bot, ours on a new database, ours again on that database.
 * The median of each is what the row compares; a single start on a shared machine is too noisy to judge.
 */
export async function measureColdStarts(setup: ColdStartSetup, repeats: number): Promise<ColdStartResult> {
  const echoMs: number[] = [];
  const oursFirstMs: number[] = [];
  const oursRestartMs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    echoMs.push(await timedStart("echo", setup.peerEntry, {}, setup, "hi"));
    const databaseId = `bench-cold-${randomUUID()}`;
    oursFirstMs.push(await timedStart("benefits", setup.oursEntry, setup.oursEnv(databaseId), setup, "help"));
    oursRestartMs.push(await timedStart("benefits", setup.oursEntry, setup.oursEnv(databaseId), setup, "help"));
  }
  const echoMedianMs = median(echoMs);
  const oursFirstMedianMs = median(oursFirstMs);
  const oursRestartMedianMs = median(oursRestartMs);
  return {
    echoMs,
    oursFirstMs,
    oursRestartMs,
    echoMedianMs,
    oursFirstMedianMs,
    oursRestartMedianMs,
    ratio: round(oursFirstMedianMs / echoMedianMs),
    restartRatio: round(oursRestartMedianMs / echoMedianMs),
  };
}
