import { expect } from "chai";
import { formatDateTime } from "../../../cards/dates";
import { HISTORY_VERBS } from "../../../cards/history";
import { ALEX, DEMO_TENANT, LEE, startTestBot, type Turn, type TestBot } from "../../support/botHarness";
import { readable } from "../visualStudio/seatsSupport";

const ENTRIES = 25;
/** Entry i happened at minute i: the card shows each entry's time, which tells the entries apart. */
const atOf = (i: number) => new Date(Date.UTC(2026, 0, 5, 9, i)).toISOString();
const shownTime = (i: number, language: "en" | "fr" = "en") => formatDateTime(language, atOf(i));

/** The entries (by index) a card shows, among the 25 written. */
function shownEntries(turn: Turn): number[] {
  const text = readable(turn);
  return Array.from({ length: ENTRIES }, (_, i) => i).filter((i) => text.includes(shownTime(i)));
}

const verbsOf = (turn: Turn) => turn.actions().map((a) => a.verb);

describe("History flow: paging", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
    for (let i = 0; i < ENTRIES; i++) {
      await bot.repos.audit.append({ type: "audit", id: `paging-${i}`, tenantId: DEMO_TENANT, version: 0, at: atOf(i), actorId: ALEX, action: "roles.grant", targetId: LEE, before: [], after: ["adminAgent"] });
    }
  });
  after(async () => {
    await bot.stop();
  });

  it("shows the 10 newest first, with Next and no Previous", async () => {
    const turn = await bot.chat(ALEX).say("history");
    expect(shownEntries(turn)).to.deep.equal([15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    expect(verbsOf(turn)).to.include(HISTORY_VERBS.next).and.not.include(HISTORY_VERBS.previous);
    expect(readable(turn)).to.include("Page 1");
  });

  it("Next shows the next entries, with Previous back to the first page", async () => {
    const first = await bot.chat(ALEX).say("history");
    const second = await bot.chat(ALEX).click(HISTORY_VERBS.next, first.findAction(HISTORY_VERBS.next).data);
    expect(shownEntries(second)).to.deep.equal([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(verbsOf(second)).to.include.members([HISTORY_VERBS.previous, HISTORY_VERBS.next]);
    const back = await bot.chat(ALEX).click(HISTORY_VERBS.previous, second.findAction(HISTORY_VERBS.previous).data);
    expect(shownEntries(back)).to.deep.equal([15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
  });

  it("has no Next on the last page", async () => {
    const second = await bot.chat(ALEX).click(HISTORY_VERBS.next, { page: 1 });
    const last = await bot.chat(ALEX).click(HISTORY_VERBS.next, second.findAction(HISTORY_VERBS.next).data);
    expect(shownEntries(last)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(verbsOf(last)).to.include(HISTORY_VERBS.previous).and.not.include(HISTORY_VERBS.next);
    expect(readable(last)).to.include("Page 3");
  });

  for (const [forged, expected] of [
    [999, [0, 1, 2, 3, 4]],
    [7, [0, 1, 2, 3, 4]],
    [-3, [15, 16, 17, 18, 19, 20, 21, 22, 23, 24]],
    ["two", [15, 16, 17, 18, 19, 20, 21, 22, 23, 24]],
    [1.5, [15, 16, 17, 18, 19, 20, 21, 22, 23, 24]],
  ] as const) {
    it(`answers a forged page ${JSON.stringify(forged)} with the nearest real page, never an empty card`, async () => {
      const turn = await bot.chat(ALEX).click(HISTORY_VERBS.next, { page: forged });
      expect(shownEntries(turn)).to.deep.equal(expected);
      expect(readable(turn)).not.to.include("Nothing has been changed yet.");
    });
  }

  it("never pages for someone who may not see the history", async () => {
    const turn = await bot.chat(LEE).click(HISTORY_VERBS.next, { page: 1 });
    expect(shownEntries(turn)).to.deep.equal([]);
    expect(verbsOf(turn)).not.to.include(HISTORY_VERBS.previous);
  });

  it("speaks French on every page", async () => {
    const chat = bot.chat(ALEX, { locale: "fr-FR" });
    const first = await chat.say("historique");
    const next = first.findAction("Suivant");
    expect(next.verb).to.equal(HISTORY_VERBS.next);
    const second = await chat.click(next.verb, next.data);
    expect(readable(second)).to.include(shownTime(14, "fr")).and.include("Page 2");
    expect(second.findAction("Précédent").verb).to.equal(HISTORY_VERBS.previous);
  });

  it("shows one page without buttons when everything fits", async () => {
    const small = await startTestBot();
    try {
      await small.repos.audit.append({ type: "audit", id: "only-one", tenantId: DEMO_TENANT, version: 0, at: atOf(0), actorId: ALEX, action: "roles.grant", targetId: LEE, before: [], after: ["adminAgent"] });
      const turn = await small.chat(ALEX).say("history");
      expect(shownEntries(turn)).to.deep.equal([0]);
      expect(verbsOf(turn)).not.to.include(HISTORY_VERBS.next);
      expect(verbsOf(turn)).not.to.include(HISTORY_VERBS.previous);
      expect(readable(turn)).not.to.include("Page 1");
    } finally {
      await small.stop();
    }
  });
});
