import { expect } from "chai";
import type { Benefit } from "../../../benefits";
import { MAX_MESSAGE_BYTES, cardBytes } from "../../../cards/cardSize";
import { leftHoldersCard } from "../../../cards/leftHolders";
import { OVERVIEW_VERBS } from "../../../cards/overview";
import { DEMO_TENANT, NESTOR, startTestBot, type TestBot, type Turn } from "../../support/botHarness";
import { range, shownCopies as copiesShown, storeCopies } from "../../support/pagedCopies";

const shownCopies = (turn: Turn) => copiesShown(turn, "technical");

const PAGED = 500;
/** The copies sort first ("0 paged …"); the demo's 3 technical benefits fill the last page. */
const PAGES = Math.ceil((PAGED + 3) / 10);


const titles = (turn: Turn) => turn.actions().map((a) => a.title);

describe("Benefits overview: a category of a large package is paged", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
    const stored = await bot.repos.benefits.get(DEMO_TENANT, "tech-support-incidents");
    if (stored === undefined) throw new Error("no demo technical benefit");
    const prototype: Benefit = stored.value;
    await storeCopies(bot.repos, prototype, "technical", PAGED);
  });
  after(async () => {
    await bot.stop();
  });

  it("opens on the first 10 with Next and Back to the overview, whole (not cut by the size guard)", async () => {
    const overview = await bot.chat(NESTOR).say("benefits");
    const open = overview.actions().find((a) => a.verb === OVERVIEW_VERBS.category && a.data.id === "technical");
    if (open === undefined) throw new Error("no Open for the technical benefits");
    const first = await bot.chat(NESTOR).press(open);
    expect(shownCopies(first)).to.deep.equal(range(0, 10));
    expect(first.allText()).to.include(`Page 1 of ${PAGES}`);
    expect(titles(first)).to.include.members(["Next", "All benefits"]).and.not.include("Previous");
    expect(cardBytes(first.card())).to.be.at.most(MAX_MESSAGE_BYTES);
    expect(first.allText()).not.to.match(/… \+\d+/);
  });

  it("Next, Previous and the last page each show their rows of the same category", async () => {
    const chat = bot.chat(NESTOR);
    const first = await chat.click(OVERVIEW_VERBS.category, { id: "technical" });
    const second = await chat.press(first.findAction("Next"));
    expect(shownCopies(second)).to.deep.equal(range(10, 10));
    expect(second.findAction("Next").data).to.deep.include({ id: "technical" });
    const back = await chat.press(second.findAction("Previous"));
    expect(shownCopies(back)).to.deep.equal(range(0, 10));
    const last = await chat.click(OVERVIEW_VERBS.category, { id: "technical", page: PAGES - 1 });
    expect(shownCopies(last)).to.deep.equal([]);
    expect(last.allText()).to.include("Partner advisory hours").and.include(`Page ${PAGES} of ${PAGES}`);
    expect(titles(last)).to.include("Previous").and.not.include("Next");
  });

  it("answers a forged page with the nearest real page", async () => {
    const chat = bot.chat(NESTOR);
    expect(shownCopies(await chat.click(OVERVIEW_VERBS.category, { id: "technical", page: 10_000 }))).to.deep.equal([]);
    expect(shownCopies(await chat.click(OVERVIEW_VERBS.category, { id: "technical", page: -1 }))).to.deep.equal(range(0, 10));
    expect(shownCopies(await chat.click(OVERVIEW_VERBS.category, { id: "technical", page: "x" }))).to.deep.equal(range(0, 10));
  });

  it("speaks French on every page", async () => {
    const chat = bot.chat(NESTOR, { locale: "fr-FR" });
    const first = await chat.click(OVERVIEW_VERBS.category, { id: "technical" });
    const second = await chat.press(first.findAction("Suivant"));
    expect(second.allText()).to.include(`Page 2 sur ${PAGES}`);
    expect(second.findAction("Précédent").verb).to.equal(OVERVIEW_VERBS.category);
  });

  it("keeps the small categories on one page, without page line or buttons", async () => {
    const cloud = await bot.chat(NESTOR).click(OVERVIEW_VERBS.category, { id: "cloud" });
    expect(titles(cloud)).not.to.include("Next");
    expect(cloud.allText()).not.to.include("Page 1");
  });

  it("leaves the paging out of the left-holders card, which shares the template", async () => {
    const benefits = (await bot.repos.benefits.list(DEMO_TENANT)).map((s) => s.value).slice(0, 3);
    const card = leftHoldersCard("en", benefits, { now: new Date(), packages: [], users: [], viewer: undefined });
    const json = JSON.stringify(card.content);
    expect(json).not.to.include("${").and.not.include("Page ");
    expect(json).not.to.include('"Next"');
  });
});
