// Items 1, 2, 6: the same turns, over the same HTTP client, against the echo bot, the echo + dialog bot and ours.
import { performance } from "node:perf_hooks";
import type { BotProcess, MemoryReport } from "./support/botProcess";
import { click, findAction, message, PEOPLE, post, speaker, type Answer, type Speaker } from "./support/client";
import type { CosmosRequest } from "./support/countingCosmos";
import { median, percentile, round } from "./support/stats";

export interface Scenario {
  readonly name: "help" | "mine" | "overview";
  readonly userId: string;
  readonly text: string;
  /** What our bot's answer must show for the turn to count as answered (the peers just echo). */
  readonly answered: (answer: Answer) => boolean;
}

export const SCENARIOS: readonly Scenario[] = [
  { name: "help", userId: PEOPLE.alex, text: "help", answered: (a) => a.cards > 0 && a.actions.length > 0 },
  { name: "mine", userId: PEOPLE.adele, text: "what's assigned to me", answered: (a) => a.text.includes("Visual Studio Enterprise") },
  { name: "overview", userId: PEOPLE.alex, text: "benefits", answered: (a) => a.cards >= 1 && a.text.includes("Visual Studio") },
];

export interface Sizes {
  readonly turnsAtOne: number;
  readonly turnsAtMany: number;
  readonly many: number;
  readonly repeats: number;
}

interface Phase {
  readonly turns: number;
  readonly wallMs: number;
  readonly latencies: number[];
  readonly cpuMs: number;
  readonly cosmos: CosmosRequest[];
  readonly failures: number;
}

export interface TurnFigures {
  readonly turnsPerSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

export interface ScenarioFigures {
  readonly bot: string;
  readonly scenario: string;
  readonly atOne: TurnFigures;
  readonly atMany: TurnFigures;
  readonly cpuMsPerTurn: number;
  readonly failures: number;
}

export interface CosmosPerTurn {
  readonly perTurn: number;
  /** method path [query] → requests per turn. */
  readonly requests: Record<string, number>;
}

export interface TurnResults {
  readonly figures: ScenarioFigures[];
  readonly cosmos: Record<string, CosmosPerTurn>;
}

/** `turns` turns spread over the speakers (one at a time each), timing each and the bot process's CPU. */
async function runPhase(bot: BotProcess, scenario: Scenario, speakers: readonly Speaker[], turns: number, cosmosLog: readonly CosmosRequest[], checkAnswer: boolean): Promise<Phase> {
  const latencies: number[] = [];
  let started = 0;
  let failures = 0;
  const cosmosBefore = cosmosLog.length;
  const cpuBefore = bot.cpuMs();
  const start = performance.now();
  await Promise.all(
    speakers.map(async (who) => {
      while (started < turns) {
        started++;
        const answer = await post(bot.url, message(who, scenario.text));
        latencies.push(answer.ms);
        if (answer.status !== 200 || (checkAnswer && !scenario.answered(answer))) failures++;
      }
    }),
  );
  const wallMs = performance.now() - start;
  return { turns: latencies.length, wallMs, latencies, cpuMs: bot.cpuMs() - cpuBefore, cosmos: cosmosLog.slice(cosmosBefore), failures };
}

const round1 = (value: number): number => round(value, 1);

function figures(phases: readonly Phase[]): TurnFigures {
  const latencies = phases.flatMap((p) => p.latencies);
  const turns = phases.reduce((s, p) => s + p.turns, 0);
  const wall = phases.reduce((s, p) => s + p.wallMs, 0);
  return { turnsPerSecond: round((turns * 1000) / wall, 1), p50: round(median(latencies), 1), p95: round(percentile(latencies, 95), 1), p99: round(percentile(latencies, 99), 1) };
}

export function describeRequest(r: CosmosRequest): string {
  // The database id is random per run; everything else says what was asked.
  const path = r.path.replace(/^\/dbs\/[^/]+/, "/dbs/{db}");
  const what = r.batch !== undefined ? ` batch «${r.batch}»` : r.query === undefined ? "" : ` ${r.queryPlan ? "query plan" : "query"} «${r.query}»`;
  return `${r.method} ${path}${what}${r.status >= 400 ? ` → ${r.status}` : ""}`;
}

export function requestsPerTurn(requests: readonly CosmosRequest[], turns: number): CosmosPerTurn {
  const counts: Record<string, number> = {};
  for (const r of requests) counts[describeRequest(r)] = (counts[describeRequest(r)] ?? 0) + 1;
  const perTurnCounts = Object.fromEntries(Object.entries(counts).sort(([, a], [, b]) => b - a).map(([k, v]) => [k, round(v / turns)]));
  return { perTurn: round(requests.length / turns), requests: perTurnCounts };
}

/**
 * Every scenario on every bot, at concurrency 1 and `many`, `repeats` times, the bots' order rotated each round so that
 * none always runs first on a cooler (or busier) machine. Each bot gets a warm-up turn per conversation first: what is
 * measured is the steady state (first contact and JIT done).
 */
export async function measureTurns(bots: readonly BotProcess[], ours: BotProcess, cosmosLog: readonly CosmosRequest[], sizes: Sizes, progress: (line: string) => void): Promise<TurnResults> {
  const phases = new Map<string, { one: Phase[]; many: Phase[] }>();
  const speakers = new Map<string, { one: Speaker[]; many: Speaker[] }>();
  for (const bot of bots) {
    for (const scenario of SCENARIOS) {
      const key = `${bot.name}/${scenario.name}`;
      const one = [speaker(scenario.userId, `${key}-1`)];
      const many = Array.from({ length: sizes.many }, (_, i) => speaker(scenario.userId, `${key}-${i}`));
      speakers.set(key, { one, many });
      phases.set(key, { one: [], many: [] });
      await runPhase(bot, scenario, [...one, ...many], one.length + many.length, cosmosLog, bot === ours);
    }
  }
  for (let round = 0; round < sizes.repeats; round++) {
    const order = bots.map((_, i) => bots[(i + round) % bots.length]);
    for (const scenario of SCENARIOS) {
      for (const bot of order) {
        if (bot === undefined) continue;
        const key = `${bot.name}/${scenario.name}`;
        const who = speakers.get(key);
        const into = phases.get(key);
        if (who === undefined || into === undefined) continue;
        const one = await runPhase(bot, scenario, who.one, sizes.turnsAtOne, cosmosLog, bot === ours);
        const many = await runPhase(bot, scenario, who.many, sizes.turnsAtMany, cosmosLog, bot === ours);
        into.one.push(one);
        into.many.push(many);
        const cpu = (one.cpuMs + many.cpuMs) / (one.turns + many.turns);
        progress(`round ${round + 1} ${key}: ${round1(cpu)} CPU ms/turn, p50 at 1 ${round1(median(one.latencies))} ms, p95 at ${who.many.length} ${round1(percentile(many.latencies, 95))} ms, ${one.cosmos.length / one.turns} Cosmos requests/turn`);
      }
    }
  }
  const results: ScenarioFigures[] = [];
  const cosmos: Record<string, CosmosPerTurn> = {};
  for (const bot of bots) {
    for (const scenario of SCENARIOS) {
      const measured = phases.get(`${bot.name}/${scenario.name}`);
      if (measured === undefined) continue;
      const all = [...measured.one, ...measured.many];
      const turns = all.reduce((s, p) => s + p.turns, 0);
      results.push({
        bot: bot.name,
        scenario: scenario.name,
        atOne: figures(measured.one),
        atMany: figures(measured.many),
        cpuMsPerTurn: round(all.reduce((s, p) => s + p.cpuMs, 0) / turns),
        failures: all.reduce((s, p) => s + p.failures, 0),
      });
      // Counted one turn at a time only: at concurrency 1 nothing else talks to the server meanwhile.
      if (bot === ours) cosmos[scenario.name] = requestsPerTurn(measured.one.flatMap((p) => p.cosmos), measured.one.reduce((s, p) => s + p.turns, 0));
    }
  }
  return { figures: results, cosmos };
}

export interface FlowResult {
  readonly turns: number;
  readonly requestsInAll: number;
  readonly perTurn: number[];
  readonly requests: Record<string, number>;
  readonly flowMsP50: number;
  readonly completed: number;
}

/**
 * The 4-turn Visual Studio assignment of test/flows/visualStudio: ask, pick the subscription, pick the person, Assign.
 * `reset` gives the seat back between runs (outside the counted turns), so every run assigns for real.
 */
export async function measureVisualStudioFlow(ours: BotProcess, cosmosLog: readonly CosmosRequest[], runs: number, reset: () => Promise<void>): Promise<FlowResult> {
  const perTurnTotals = [0, 0, 0, 0];
  const all: CosmosRequest[] = [];
  const flowMs: number[] = [];
  let completed = 0;
  // One warm-up run: the admin's conversation is known afterwards, as in a steady chat.
  const who = speaker(PEOPLE.alex, "vs");
  for (let run = 0; run <= runs; run++) {
    await reset();
    const counted = run > 0;
    const marks = [cosmosLog.length];
    const start = performance.now();
    const picker = await post(ours.url, message(who, "assign visual studio"));
    marks.push(cosmosLog.length);
    const people = await post(ours.url, click(who, findAction(picker, "vs.pickSubscription"), { subscriptionId: "vs-enterprise" }));
    marks.push(cosmosLog.length);
    const confirm = await post(ours.url, click(who, findAction(people, "vs.pickPeople"), { userId: PEOPLE.lee }));
    marks.push(cosmosLog.length);
    const done = await post(ours.url, click(who, findAction(confirm, "vs.confirm.assign")));
    marks.push(cosmosLog.length);
    if (!counted) continue;
    flowMs.push(performance.now() - start);
    if (done.text.includes("now has a seat")) completed++;
    for (let turn = 0; turn < 4; turn++) perTurnTotals[turn] = (perTurnTotals[turn] ?? 0) + ((marks[turn + 1] ?? 0) - (marks[turn] ?? 0));
    all.push(...cosmosLog.slice(marks[0], marks[4]));
  }
  const perTurn = perTurnTotals.map((total) => round(total / runs));
  return { turns: 4, requestsInAll: round(all.length / runs), perTurn, requests: requestsPerTurn(all, runs).requests, flowMsP50: round(median(flowMs), 1), completed };
}

export interface MemoryResult {
  readonly rssAfter1kMb: number;
  readonly rssAfterAllMb: number;
  readonly turns: number;
  /** The bot's own figures at both moments (bench/probe/memoryReport.ts), in MB: heap used vs RSS says what grew. */
  readonly after1k: MemoryFigures;
  readonly afterAll: MemoryFigures;
}

export interface MemoryFigures {
  readonly rssMb: number;
  readonly heapTotalMb: number;
  readonly heapUsedMb: number;
  readonly externalMb: number;
  readonly heapUsedAfterGcMb?: number;
  readonly oldSpaceMb: number;
  readonly newSpaceMb: number;
  readonly snapshot?: string;
}

const MB = 1024 * 1024;
const toMb = (bytes: number): number => round(bytes / MB, 1);

function memoryFigures(report: MemoryReport): MemoryFigures {
  return {
    rssMb: toMb(report.rss),
    heapTotalMb: toMb(report.heapTotal),
    heapUsedMb: toMb(report.heapUsed),
    externalMb: toMb(report.external),
    ...(report.heapUsedAfterGc === undefined ? {} : { heapUsedAfterGcMb: toMb(report.heapUsedAfterGc) }),
    oldSpaceMb: toMb(report.spaces.old_space?.size ?? 0),
    newSpaceMb: toMb(report.spaces.new_space?.size ?? 0),
    ...(report.snapshot === undefined ? {} : { snapshot: report.snapshot }),
  };
}

/**
 * RSS of our bot after 1,000 and after `total` turns of help and "mine" (alternating), each worker keeping one
 * conversation per person: a first contact costs ~10× a steady turn, and steady turns are what a long-running bot serves.
 * The bot runs with bench/probe/memoryReport preloaded: its heap figures are read right after each RSS reading.
 */
export async function measureMemory(ours: BotProcess, total: number, concurrency: number): Promise<MemoryResult> {
  let started = 0;
  let completed = 0;
  let rssAfter1k = Number.NaN;
  let after1k: Promise<MemoryReport> | undefined;
  const alternate = SCENARIOS.filter((s) => s.name !== "overview");
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      const speakers = alternate.map((scenario) => ({ scenario, who: speaker(scenario.userId, `mem-${worker}`) }));
      while (started < total) {
        const next = speakers[started % speakers.length];
        started++;
        if (next === undefined) return;
        await post(ours.url, message(next.who, next.scenario.text));
        completed++;
        if (completed === Math.min(1000, total)) {
          rssAfter1k = ours.rssMb();
          after1k = ours.memoryReport();
        }
      }
    }),
  );
  const rssAfterAll = ours.rssMb();
  const afterAll = await ours.memoryReport();
  if (after1k === undefined) throw new Error("no memory report after 1,000 turns");
  return { rssAfter1kMb: round(rssAfter1k, 1), rssAfterAllMb: round(rssAfterAll, 1), turns: completed, after1k: memoryFigures(await after1k), afterAll: memoryFigures(afterAll) };
}

/** Process start to the first answered turn. */
export async function coldStartMs(bot: BotProcess, text: string, userId: string): Promise<number> {
  const who = speaker(userId, `cold-${bot.name}`);
  for (;;) {
    const answer = await post(bot.url, message(who, text)).catch(() => undefined);
    if (answer !== undefined && answer.status === 200 && answer.text !== "") return round(performance.now() - bot.spawnedAt, 0);
  }
}
