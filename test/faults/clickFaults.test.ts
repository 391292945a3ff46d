// One admin click with Cosmos faults injected at each of its business-data calls in turn: the deterministic twins of
// what the 1,000-turn run (flakyStore.test.ts) found. Whatever the bot answers is true ("done" means stored, "nothing
// was changed" means nothing was, anything else asks to try again), and one more clean click always finishes the task.
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { assignTechnicalBenefit, requestBenefit, type UseCaseDeps } from "../../benefits";
import { attachmentFiles } from "../../bot/attachmentDownload";
import { composeBot } from "../../bot/composeBot";
import { t } from "../../cards/strings";
import { CosmosBotStorage } from "../../storage/cosmosBotStorage";
import { seedDemoTenant } from "../../storage/demoSeed";
import { createRepositories } from "../../storage/repositories";
import { ADELE, ALEX, SwappableMessenger, TestBot, type Turn } from "../support/botHarness";
import { startTestCosmos } from "../support/cosmos";
import { FaultPlan, faultyContainer, type FaultKind } from "../support/faultyContainer";
import { RecordingMessenger } from "../flows/employees/support";
import { readable } from "../flows/visualStudio/seatsSupport";
import { cloneDemoTenant, readTruth, type Truth } from "./flakyBot";

const NOW = new Date("2026-12-01T09:00:00.000Z");
const SAYS_NOTHING_CHANGED = /Nothing was changed|nothing was done/;
const ASKS_TO_RETRY = /try(ing)? again/i;
const WRITES = new Set(["create", "upsert", "replace", "delete", "patch"]);

type Faults = { readonly kind: FaultKind; readonly at: number }[];

interface ClickCase {
  readonly name: string;
  /** Stores, without faults, what the click needs in a fresh tenant; gives the click's verb and data. */
  prepare(deps: UseCaseDeps, tenantId: string): Promise<{ readonly verb: string; readonly data: Record<string, unknown> }>;
  readonly done: RegExp;
  readonly holds: (truth: Truth) => boolean;
  /** Pairs of refused writes too (a change refused, then the write that undoes it). */
  readonly pairs: boolean;
}

const CASES: readonly ClickCase[] = [
  {
    name: "Approve an employee's request",
    async prepare(deps, tenantId) {
      const request = await requestBenefit(deps, { tenantId, userId: ADELE }, { benefitId: "vs-professional", reason: "", requesterLocale: "en" });
      return { verb: "request.approve", data: { id: request.id, version: 0 } };
    },
    done: /Approved by/,
    holds: (truth) => {
      const benefit = truth.benefits.get("vs-professional");
      const seat = benefit?.category === "visualStudio" && benefit.assignments.some((a) => a.userId === ADELE);
      return seat && truth.requests.some((r) => r.requesterId === ADELE && r.state === "approved");
    },
    pairs: true,
  },
  {
    name: "Mark a technical benefit active",
    async prepare(deps, tenantId) {
      const assigned = await assignTechnicalBenefit(deps, { tenantId, userId: ALEX }, { benefitId: "tech-advisory-hours", userId: ADELE, alternateEmail: "adele.support@fabrikam.com" });
      return { verb: "technical.activate", data: { id: assigned.id, version: assigned.version } };
    },
    done: /Active: assigned to/,
    holds: (truth) => {
      const benefit = truth.benefits.get("tech-advisory-hours");
      return benefit?.category === "technical" && benefit.assignment?.state === "active";
    },
    pairs: false,
  },
];

/**
 * A lost reply and a refusal at every call, and for some clicks every pair of refused writes. (A crash, every call
 * from one on failing, ends in the generic "try again" and is left to the 1,000-turn run, to keep this file short.)
 */
function faultSets(names: readonly string[], pairs: boolean): Faults[] {
  const singles = (["lostReply", "refused"] as FaultKind[]).flatMap((kind) => names.map((_, i) => [{ kind, at: i + 1 }]));
  if (!pairs) return singles;
  const writes = names.flatMap((name, i) => (WRITES.has(name) ? [i + 1] : []));
  const refused = (at: number) => ({ kind: "refused" as FaultKind, at });
  return [...singles, ...writes.flatMap((first) => writes.filter((second) => second > first).map((second) => [refused(first), refused(second)]))];
}

describe("an admin click with Cosmos faults at each of its calls", function () {
  this.timeout(180_000);
  const plan = new FaultPlan();
  let bot: TestBot;
  let clean: UseCaseDeps;
  let tenants = 0;

  before(async () => {
    const cosmos = await startTestCosmos();
    await seedDemoTenant(cosmos.repositories, NOW);
    clean = { repos: cosmos.repositories, now: () => NOW, newId: () => randomUUID() };
    const deps: UseCaseDeps = { ...clean, repos: createRepositories(faultyContainer(cosmos.tenantData, plan)) };
    const messenger = new SwappableMessenger();
    messenger.target = new RecordingMessenger();
    const logs: string[] = [];
    const composed = composeBot({ storage: new CosmosBotStorage(cosmos.botState), domain: deps, log: (line) => logs.push(line), privateMessenger: messenger, files: attachmentFiles({ localMode: true }) });
    bot = new TestBot(cosmos, composed, deps, logs, messenger);
    // What bot/adapter.ts does with a turn that throws: the generic sentence, then the dialog is cleared.
    bot.adapter.onTurnError = async (context) => {
      await context.sendActivity(t("en", context.responded ? "common.error.afterAnswer" : "common.error.generic"));
      await composed.clearDialog(context).catch(() => undefined);
    };
  });
  after(async () => {
    await bot.stop();
  });

  async function prepared(c: ClickCase): Promise<{ readonly tenantId: string; click: (answer?: Turn) => Promise<Turn> }> {
    plan.heal();
    const tenantId = `5f1d6c9e-7a43-4a8e-9b1c-${(0xc00000000000 + ++tenants).toString(16)}`;
    await cloneDemoTenant(bot.repos, tenantId);
    const { verb, data } = await c.prepare(clean, tenantId);
    const chat = bot.chat(ALEX, { tenantId });
    return {
      tenantId,
      // Clicked again on the card an answer showed (a released claim moved the version), else on the same card.
      click: (answer) => {
        const again = answer?.actions().find((a) => a.verb === verb);
        return again === undefined ? chat.click(verb, data) : chat.press(again);
      },
    };
  }

  for (const c of CASES) {
    it(`${c.name}: done only when stored, "nothing was changed" only when nothing was, and a clean retry finishes it`, async () => {
      const counting = await prepared(c);
      plan.count();
      const cleanAnswer = readable(await counting.click());
      const names = [...plan.names];
      plan.heal();
      expect(cleanAnswer).to.match(c.done);

      const wrong: string[] = [];
      let saidDone = 0;
      const sets = faultSets(names, c.pairs);
      for (const faults of sets) {
        const { tenantId, click } = await prepared(c);
        const before = await readTruth(bot.cosmos.tenantData, tenantId);
        plan.armEach(faults);
        const answer = await click();
        plan.heal();
        const text = readable(answer);
        const after = await readTruth(bot.cosmos.tenantData, tenantId);
        const where = faults.map((f) => `${f.kind} at call ${f.at} (${names[f.at - 1]})`).join(" and ");
        if (c.done.test(text)) {
          saidDone += 1;
          if (!c.holds(after)) wrong.push(`${where}: said done, not stored: ${text}`);
        } else if (SAYS_NOTHING_CHANGED.test(text)) {
          if (after.fingerprint !== before.fingerprint) wrong.push(`${where}: "nothing changed" after a change: ${text}`);
        } else if (!ASKS_TO_RETRY.test(text)) {
          wrong.push(`${where}: neither done, nor nothing changed, nor try again: ${text}`);
        }
        await click(answer);
        if (!c.holds(await readTruth(bot.cosmos.tenantData, tenantId))) wrong.push(`${where}: a clean retry did not finish it`);
      }
      expect(wrong).to.deep.equal([]);
      expect(sets.length, "every call was faulted").to.be.at.least(names.length * 2);
      expect(saidDone, "some faulted clicks still succeed (a lost reply read back)").to.be.greaterThan(0);
    });
  }
});
