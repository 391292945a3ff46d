import { expect } from "chai";
import type { Benefit } from "../../../benefits";
import { MAX_MESSAGE_BYTES, cardBytes } from "../../../cards/cardSize";
import { MINE_VERBS } from "../../../cards/myBenefits";
import { ALEX, DEMO_TENANT, LEE, startTestBot, type TestBot, type Turn } from "../../support/botHarness";
import { range, shownCopies as copiesShown, storeCopies } from "../../support/pagedCopies";

const shownCopies = (turn: Turn) => copiesShown(turn, "technical");

const PAGED = 500;
const PAGES = PAGED / 10;


describe("what's assigned to me, from a large package: paging", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
    const stored = await bot.repos.benefits.get(DEMO_TENANT, "tech-support-incidents");
    if (stored?.value.category !== "technical") throw new Error("no demo technical benefit");
    const at = new Date().toISOString();
    const prototype: Benefit = { ...stored.value, assignment: { userId: LEE, alternateEmail: "lee@alt.example.com", state: "active", assignedAt: at, assignedBy: ALEX, activatedAt: at } };
    // Created in reverse: the card's order is its own (by name), not the store's.
    await storeCopies(bot.repos, prototype, "technical", PAGED, "descending");
  });
  after(async () => {
    await bot.stop();
  });

  it("shows 10 of 500 benefits a page, by name, with Previous / Next, whole and under 28 KB", async () => {
    const chat = bot.chat(LEE);
    const first = await chat.say("my benefits");
    expect(shownCopies(first)).to.deep.equal(range(0, 10));
    expect(first.allText()).to.include(`Page 1 of ${PAGES}`);
    expect(cardBytes(first.card())).to.be.at.most(MAX_MESSAGE_BYTES);
    expect(first.allText()).not.to.match(/… \+\d+/);
    const second = await chat.press(first.findAction("Next"));
    expect(shownCopies(second)).to.deep.equal(range(10, 10));
    expect(second.findAction("Previous").verb).to.equal(MINE_VERBS.show);
    const last = await chat.click(MINE_VERBS.show, { page: PAGES - 1 });
    expect(shownCopies(last)).to.deep.equal(range(490, 10));
    expect(last.actions().map((a) => a.title)).to.include("Previous").and.not.include("Next");
    expect(shownCopies(await chat.click(MINE_VERBS.show, { page: 1e6 }))).to.deep.equal(range(490, 10));
    expect(shownCopies(await chat.click(MINE_VERBS.show, { page: "abc" }))).to.deep.equal(range(0, 10));
  });

  it("pages only the asker's own benefits, in French too", async () => {
    const alex = await bot.chat(ALEX).click(MINE_VERBS.show, { page: 3 });
    expect(shownCopies(alex)).to.deep.equal([]);
    const french = await bot.chat(LEE, { locale: "fr-FR" }).click(MINE_VERBS.show, { page: 1 });
    expect(french.allText()).to.include(`Page 2 sur ${PAGES}`);
    expect(french.findAction("Suivant").data.page).to.equal(2);
  });
});
