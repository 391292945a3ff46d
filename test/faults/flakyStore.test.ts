// Item 5 of issue 11: the bot tells the truth while its store fails. A seeded fault proxy sits between the bot's
// @azure/cosmos client and the embedded server, failing 20% of the business-data requests (429 with
// x-ms-retry-after-ms, 503, resets before and after forwarding). 1,000 mixed admin and employee turns go through the
// real bot; after each one what it said is compared with the truth read straight from the server.
import { expect } from "chai";
import { readable } from "../flows/visualStudio/seatsSupport";
import { TestAdapter, type Activity } from "botbuilder";
import type { BenefitsBot } from "../../bot/benefitsBot";
import { isBenefitsError } from "../../benefits";
import { t } from "../../cards/strings";
import { collectTurn, TestChat, Turn, type TurnProcessor } from "../support/botHarness";
import { seededRandom, type JournalEntry } from "../support/faultProxy";
import { readTruth, startFlakyBot, type FlakyBot, type Truth } from "./flakyBot";
import { LATE_TASKS, TASKS, type Commit, type World } from "./scenarios";

const SEED = Number(process.env.FAULTS_SEED ?? 20261201);
// FAULTS_DETAIL=1: the proxy keeps a journal, and each false statement comes with its lane's requests of the last turns.
const DETAIL = process.env.FAULTS_DETAIL === "1";
const FAULT_RATE = Number(process.env.FAULTS_RATE ?? 0.2);
// npm test runs 300 turns: the fault and fuzz files must stay under 3 minutes together on the loaded 2-core box, and
// inside the whole suite they took 197 s with 500 (the others about 117 s, these turns 0.16 s each). `npm run
// test:faults` runs 1,000 and prints the figures.
const TURNS = Number(process.env.FAULTS_TURNS ?? 1000);
const LANES = Number(process.env.FAULTS_LANES ?? 10);
const NOW = new Date("2026-12-01T09:00:00.000Z");

const SAYS_NOTHING_CHANGED = /Nothing was changed|That card is out of date/;
const ASKS_TO_RETRY = /try(ing)? again/i;

interface Findings {
  turns: number;
  commits: number;
  /** Turns a store failure ended in the adapter's error handler ("something went wrong, try again"). */
  endedInErrorHandler: number;
  done: number;
  readonly falseNothingChanged: string[];
  readonly falseDone: string[];
  readonly unanswered: string[];
  /** Commits answered done, then contradicted in the same turn by the generic "try again" (a later failure, e.g. the state save). */
  readonly contradicted: string[];
  readonly overAllocated: string[];
  readonly turnErrors: string[];
  /** With FAULTS_DETAIL: for each finding, the lane's requests over its last turns. */
  readonly trails: string[];
}

function overAllocations(truth: Truth): string[] {
  return [...truth.benefits.values()].flatMap((b) => {
    if (b.category !== "visualStudio") return [];
    const holders = b.assignments.map((a) => a.userId);
    return holders.length > b.seats || new Set(holders).size !== holders.length ? [`${b.id}: ${holders.length} of ${b.seats}`] : [];
  });
}

/** One person at a time per lane, as in a chat; lanes (tenants) side by side, so the SDK's retry waits overlap. */
class Lane implements TurnProcessor {
  private readonly adapter = new TestAdapter();

  constructor(
    private readonly bot: BenefitsBot,
    onTurnError: (error: unknown) => void,
  ) {
    // What bot/adapter.ts does with a turn that throws: log it, and tell the person with the generic sentence.
    // What bot/adapter.ts does with a turn that throws: log it, tell the person with the generic sentence, then clear
    // the dialog (bot/index.ts's cleanup), which may fail too.
    this.adapter.onTurnError = async (context, error) => {
      onTurnError(error);
      await context.sendActivity(t("en", context.responded ? "common.error.afterAnswer" : "common.error.generic"));
      await this.bot.clearDialog(context).catch(() => undefined);
    };
  }

  async process(activity: Partial<Activity>): Promise<Turn> {
    this.adapter.activeQueue.splice(0);
    await this.adapter.processActivity(activity, (context) => this.bot.run(context));
    return collectTurn(this.adapter.activeQueue.splice(0));
  }
}

function emptyFindings(): Findings {
  return { turns: 0, commits: 0, endedInErrorHandler: 0, done: 0, falseNothingChanged: [], falseDone: [], unanswered: [], contradicted: [], overAllocated: [], turnErrors: [], trails: [] };
}

function problemCount(findings: Findings): number {
  return findings.falseNothingChanged.length + findings.falseDone.length + findings.unanswered.length + findings.contradicted.length + findings.overAllocated.length + findings.turnErrors.length;
}

function describeRequest(entry: JournalEntry): string {
  const path = entry.path.replace(/^\/dbs\/[^/]+\/colls\//, "");
  return `${entry.method} ${path}${entry.wrote === undefined ? "" : ` [${entry.wrote}]`} → ${entry.fault ?? ""}${entry.status === undefined ? "" : ` ${entry.status}`}`;
}

function judge(findings: Findings, label: string, text: string, before: Truth, after: Truth, commit: Commit | undefined): void {
  const changed = before.fingerprint !== after.fingerprint;
  const saysNothingChanged = SAYS_NOTHING_CHANGED.test(text);
  if (changed && saysNothingChanged) findings.falseNothingChanged.push(`${label}: ${text}`);
  findings.overAllocated.push(...overAllocations(after).map((o) => `${label}: ${o}`));
  if (commit === undefined) return;
  findings.commits += 1;
  const saysDone = commit.done.test(text);
  if (saysDone) findings.done += 1;
  if (saysDone && !commit.holds(after)) findings.falseDone.push(`${label}: ${text}`);
  if (saysDone && text.includes(t("en", "common.error.generic"))) findings.contradicted.push(`${label}: ${text}`);
  const otherTruth = commit.alsoTrue?.test(text) === true && !changed;
  if (!saysDone && !ASKS_TO_RETRY.test(text) && !saysNothingChanged && !otherTruth) findings.unanswered.push(`${label}: ${text}`);
}

async function runLane(flaky: FlakyBot, lane: number, findings: Findings): Promise<void> {
  const tenantId = flaky.tenants[lane] ?? "";
  const messenger = flaky.messengers.get(tenantId);
  if (messenger === undefined) throw new Error(`no messenger for lane ${lane}`);
  const processor = new Lane(flaky.bot.bot, (error) => {
    // A store failure outside a use case's refusal path ends the turn in the adapter's handler; anything else is a bug.
    const inner: unknown = (error as { error?: unknown }).error ?? error;
    if (isBenefitsError(inner, "UNAVAILABLE") || isBenefitsError(inner, "THROTTLED")) findings.endedInErrorHandler += 1;
    else findings.turnErrors.push(String(inner instanceof Error ? inner.stack : inner));
  });
  const random = seededRandom(SEED + 1 + lane);
  const turns = TURNS / LANES;
  let done = 0;
  let truth = await readTruth(flaky.bot.cosmos.tenantData, tenantId);
  const recentTurns: { readonly label: string; readonly from: number; readonly text: string }[] = [];
  const trail = (): string =>
    recentTurns
      .map((r, i) => {
        const until = recentTurns[i + 1]?.from ?? flaky.proxy.journal.length;
        const requests = flaky.proxy.journal.slice(r.from, until).filter((e) => e.partitionKey.includes(tenantId));
        return [`${r.label}: ${r.text}`, ...requests.map((e) => `    ${describeRequest(e)}`)].join("\n");
      })
      .join("\n");
  const world: World = {
    chat: (userId) => new TestChat(processor, userId, { tenantId }),
    messenger,
    random,
    truth: () => Promise.resolve(truth),
    async turn(step, commit) {
      done += 1;
      findings.turns += 1;
      const label = `lane ${lane} turn ${done} (${commit?.task ?? "navigation"})`;
      const before = truth;
      const from = flaky.proxy.journal.length;
      let turn: Turn;
      try {
        turn = await step();
      } catch (error) {
        findings.turnErrors.push(`${label}: ${String(error)}${DETAIL && error instanceof Error ? String((error as { error?: Error }).error?.stack ?? error.stack) : ""}`);
        turn = new Turn([], [], [], undefined);
      }
      // Straight from the server, not through the proxy: the truth itself never fails.
      truth = await readTruth(flaky.bot.cosmos.tenantData, tenantId);
      const text = readable(turn);
      // Counted right before judging: the other lanes add their own findings while this one awaits.
      const problemsBefore = problemCount(findings);
      judge(findings, label, text, before, truth, commit);
      if (DETAIL) {
        recentTurns.push({ label, from, text: text.slice(0, 300) });
        if (recentTurns.length > 4) recentTurns.shift();
        if (problemCount(findings) > problemsBefore) findings.trails.push(trail());
      }
      return turn;
    },
  };
  while (done < turns) {
    const tasks = done > turns * 0.9 ? [...TASKS, ...LATE_TASKS] : TASKS;
    const task = tasks[Math.floor(random() * tasks.length)];
    const before = done;
    if (task !== undefined) await task(world);
    // A task with nothing to do this time (no seat to move) took no turn: let the other lanes run.
    if (done === before) await new Promise((resolve) => setImmediate(resolve));
  }
}

describe("a store failing 20% of requests: what the bot says is true", function () {
  this.timeout(300_000);
  let flaky: FlakyBot;

  before(async () => {
    flaky = await startFlakyBot(SEED, FAULT_RATE, NOW, LANES, DETAIL);
  });
  after(async () => {
    await flaky.stop();
  });

  it(`over ${TURNS} mixed turns: no false statement, no over-allocation, every commit done or asking to retry`, async () => {
    const { proxy } = flaky;
    const findings = emptyFindings();
    proxy.enabled = true;
    await Promise.all(Array.from({ length: LANES }, (_, lane) => runLane(flaky, lane, findings)));
    proxy.enabled = false;

    const faults = proxy.counts.throttled + proxy.counts.unavailable + proxy.counts.resetBeforeForwarding + proxy.counts.resetAfterForwarding;
    if (process.env.FAULTS_REPORT === "1") {
      const counted = { ...findings, seed: SEED, trails: findings.trails.length, falseNothingChanged: findings.falseNothingChanged.length, falseDone: findings.falseDone.length, unanswered: findings.unanswered.length, contradicted: findings.contradicted.length };
      process.stdout.write(`${JSON.stringify({ ...counted, faults: proxy.counts })}\n`);
      if (DETAIL) {
        process.stdout.write(`${JSON.stringify({ lies: findings.falseNothingChanged, falseDone: findings.falseDone, unanswered: findings.unanswered, contradicted: findings.contradicted, errors: findings.turnErrors }, null, 1)}\n`);
        for (const found of findings.trails) process.stdout.write(`--- requests of the lane's last turns (newest last):\n${found}\n`);
      }
    }
    expect(faults, "faults were injected").to.be.greaterThan(TURNS / 2);
    expect(proxy.counts.resetAfterForwarding, "writes whose answer was lost").to.be.greaterThan(0);
    expect(findings.done, "many commits went through").to.be.greaterThan(findings.commits / 3);
    expect(findings.turnErrors, "turn errors").to.deep.equal([]);
    expect(findings.falseNothingChanged, '"nothing was changed" when something was').to.deep.equal([]);
    expect(findings.falseDone, '"done" when it was not').to.deep.equal([]);
    expect(findings.overAllocated, "over-allocations").to.deep.equal([]);
    expect(findings.unanswered, "commits neither done nor asking to retry").to.deep.equal([]);
    expect(findings.contradicted, '"done", then the generic "try again" in the same turn').to.deep.equal([]);
  });
});
