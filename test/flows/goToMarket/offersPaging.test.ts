import { expect } from "chai";
import type { Benefit } from "../../../benefits";
import { MAX_MESSAGE_BYTES, cardBytes } from "../../../cards/cardSize";
import { OFFER_VERBS } from "../../../cards/offers";
import { ALEX, DEMO_TENANT, MEGAN, startTestBot, type TestBot, type TestChat, type Turn } from "../../support/botHarness";
import { copyId as copyIdOf, range, shownCopies as copiesShown, storeCopies } from "../../support/pagedCopies";

const copyId = (n: number) => copyIdOf("offer", n);
const shownCopies = (turn: Turn) => copiesShown(turn, "offer");

const PAGED = 500;
/** Gold Core's one offer, then Silver Core: the copies ("0 paged …") before the demo's two. */
const PAGES = Math.ceil((PAGED + 3) / 10);


async function setContact(chat: TestChat): Promise<void> {
  const intro = await chat.say("marketing contact");
  const pick = await chat.press(intro.findAction("contact.edit"));
  const details = await chat.press(pick.findAction("contact.pickUser"), { userId: MEGAN });
  const confirm = await chat.press(details.findAction("contact.details"), { alternateEmail: "megan.marketing@fabrikam.com", phone: "+1 425 555 0100", language: "en" });
  await chat.press(confirm.findAction("contact.confirm"));
}

describe("Go-To-Market offers of a large package: paging", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
    const stored = await bot.repos.benefits.get(DEMO_TENANT, "gtm-silver-marketing-kit");
    if (stored === undefined) throw new Error("no demo offer");
    const prototype: Benefit = stored.value;
    await storeCopies(bot.repos, prototype, "offer", PAGED);
  });
  after(async () => {
    await bot.stop();
  });

  it("shows 10 offers a page under their levels, a level cut by the page named on both pages", async () => {
    const chat = bot.chat(ALEX);
    const first = await chat.say("go-to-market");
    const text = first.allText();
    expect(text.indexOf("Gold Core")).to.be.lessThan(text.indexOf("Co-marketing campaign with Microsoft"));
    expect(text.indexOf("Co-marketing campaign with Microsoft")).to.be.lessThan(text.indexOf("Silver Core"));
    expect(shownCopies(first)).to.deep.equal(range(0, 9));
    expect(text).to.include(`Page 1 of ${PAGES}`);
    expect(first.actions().map((a) => a.title)).to.include("Next").and.not.include("Previous");
    expect(cardBytes(first.card())).to.be.at.most(MAX_MESSAGE_BYTES);

    const second = await chat.press(first.findAction("Next"));
    expect(shownCopies(second)).to.deep.equal(range(9, 10));
    expect(second.allText()).to.include("Silver Core").and.not.include("Gold Core");
    const last = await chat.click(OFFER_VERBS.page, { page: PAGES - 1 });
    expect(last.allText()).to.include("Marketplace listing optimization").and.include(`Page ${PAGES} of ${PAGES}`);
    expect(last.actions().map((a) => a.title)).to.include("Previous").and.not.include("Next");
    const forged = await chat.click(OFFER_VERBS.page, { page: "-7" });
    expect(shownCopies(forged)).to.deep.equal(range(0, 9));
  });

  it("activates an offer picked on page 2, and a page click after that says the card is out of date", async () => {
    const chat = bot.chat(ALEX);
    await setContact(chat);
    const first = await chat.say("go-to-market");
    const second = await chat.press(first.findAction("Next"));
    const activate = second.actions().find((a) => a.verb === OFFER_VERBS.activate && a.data.id === copyId(12));
    if (activate === undefined) throw new Error("no Activate for copy 12 on page 2");
    const requested = await chat.press(activate);
    expect(requested.allText()).to.include("0 paged offer 012");
    const stored = (await bot.repos.benefits.get(DEMO_TENANT, copyId(12)))?.value;
    expect(stored?.category === "goToMarket" ? stored.state : undefined).to.equal("pending");
    const stale = await chat.press(second.findAction("Next"));
    expect(stale.allText()).to.include("That card is out of date");
    expect(shownCopies(stale)).to.deep.equal([]);
  });

  it("speaks French on every page", async () => {
    const chat = bot.chat(ALEX, { locale: "fr-FR" });
    const first = await chat.say("offres");
    const second = await chat.press(first.findAction("Suivant"));
    expect(second.allText()).to.include(`Page 2 sur ${PAGES}`);
    expect(second.findAction("Précédent").verb).to.equal(OFFER_VERBS.page);
  });
});
