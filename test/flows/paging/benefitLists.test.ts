import { expect } from "chai";
import type { Benefit } from "../../../benefits";
import { MAX_MESSAGE_BYTES, cardBytes } from "../../../cards/cardSize";
import { CLOUD_VERBS } from "../../../cards/cloud";
import { SOFTWARE_VERBS } from "../../../cards/software";
import { TECHNICAL_VERBS } from "../../../cards/technical";
import { adaptiveCardProblems } from "../../support/adaptiveCardCheck";
import { ALEX, DEMO_TENANT, LEE, startTestBot, type TestBot, type TestChat, type Turn } from "../../support/botHarness";
import { copyId, copyName, range, shownCopies, storeCopies } from "../../support/pagedCopies";

const PAGED = 500;
const PAGE_SIZE = 10;

interface PagedList {
  readonly kind: "software" | "cloud" | "technical";
  readonly say: string;
  readonly pageVerb: string;
  readonly pickVerb: string;
  /** A demo benefit of the category, copied PAGED times. */
  readonly prototype: string;
  /** The demo benefits of the category: they sort after the copies ("0 paged …"), so they fill the last page. */
  readonly demoNames: readonly string[];
  readonly endToEnd: (bot: TestBot, list: PagedList) => Promise<void>;
}

const LISTS: readonly PagedList[] = [
  { kind: "software", say: "get keys", pageVerb: SOFTWARE_VERBS.page, pickVerb: SOFTWARE_VERBS.keys, prototype: "sw-m365-apps", demoNames: ["Microsoft 365 Apps for enterprise", "Windows Server 2022 Standard"], endToEnd: softwareEndToEnd },
  { kind: "cloud", say: "azure", pageVerb: CLOUD_VERBS.page, pickVerb: CLOUD_VERBS.open, prototype: "cloud-azure-usage", demoNames: ["Azure usage-based subscription", "Dynamics 365 Sales"], endToEnd: cloudEndToEnd },
  {
    kind: "technical",
    say: "technical benefits", pageVerb: TECHNICAL_VERBS.page, pickVerb: TECHNICAL_VERBS.assign, prototype: "tech-support-incidents",
    demoNames: ["Microsoft product support incidents", "Partner advisory hours", "Technical presales and deployment services"],
    endToEnd: technicalEndToEnd,
  },
];

const verbsOf = (turn: Turn) => turn.actions().map((a) => a.verb);

function pickOn(turn: Turn, list: PagedList, n: number) {
  const action = turn.actions().find((a) => a.verb === list.pickVerb && a.data.id === copyId(list.kind, n));
  if (action === undefined) throw new Error(`no ${list.pickVerb} for copy ${n} on this card`);
  return action;
}

/** Sent as is: never cut by the size guard (no "… +N"), under what Teams accepts, and a valid Adaptive Card. */
function expectWholeCard(turn: Turn): void {
  expect(cardBytes(turn.card())).to.be.at.most(MAX_MESSAGE_BYTES);
  expect(adaptiveCardProblems(turn.card())).to.deep.equal([]);
  expect(turn.allText()).not.to.match(/… \+\d+/);
}

const lastPage = (list: PagedList) => Math.ceil((PAGED + list.demoNames.length) / PAGE_SIZE) - 1;

/** The demo tenant with PAGED copies of the list's prototype (one bot per list: each turn reads the tenant's benefits). */
async function pagedBot(list: PagedList): Promise<TestBot> {
  const bot = await startTestBot();
  const stored = await bot.repos.benefits.get(DEMO_TENANT, list.prototype);
  if (stored === undefined) throw new Error(`no demo benefit ${list.prototype}`);
  const prototype: Benefit = stored.value;
  await storeCopies(bot.repos, prototype, list.kind, PAGED);
  return bot;
}

describe("benefit lists of a large package: paging", () => {
  for (const list of LISTS) {
    describe(`${list.kind} list with ${PAGED} more benefits`, () => {
      let bot: TestBot;
      before(async () => {
        bot = await pagedBot(list);
      });
      after(async () => {
        await bot.stop();
      });

      it("shows the first 10 with Next, no Previous, and says which page of how many", async () => {
        const first = await bot.chat(ALEX).say(list.say);
        expect(shownCopies(first, list.kind)).to.deep.equal(range(0, 10));
        expect(verbsOf(first).filter((v) => v === list.pageVerb)).to.have.length(1);
        expect(first.findAction("Next").verb).to.equal(list.pageVerb);
        expect(first.actions().some((a) => a.title === "Previous")).to.equal(false);
        expect(first.allText()).to.include(`Page 1 of ${lastPage(list) + 1}`);
        expectWholeCard(first);
      });

      it("Next and Previous move between pages on the same card, the list still waiting for a pick", async () => {
        const chat = bot.chat(ALEX);
        const first = await chat.say(list.say);
        const second = await chat.press(first.findAction("Next"));
        expect(second.cards).to.have.length(1);
        expect(shownCopies(second, list.kind)).to.deep.equal(range(10, 10));
        expect(second.allText()).to.include(`Page 2 of ${lastPage(list) + 1}`);
        expectWholeCard(second);
        const third = await chat.press(second.findAction("Next"));
        expect(shownCopies(third, list.kind)).to.deep.equal(range(20, 10));
        const back = await chat.press(third.findAction("Previous"));
        expect(shownCopies(back, list.kind)).to.deep.equal(range(10, 10));
        const middle = await chat.click(list.pageVerb, { page: 25 });
        expect(shownCopies(middle, list.kind)).to.deep.equal(range(250, 10));
        expect(middle.actions().map((a) => a.title)).to.include.members(["Previous", "Next"]);
      });

      it("ends on the last page: the rest of the list, Previous and no Next", async () => {
        const chat = bot.chat(ALEX);
        await chat.say(list.say);
        const last = await chat.click(list.pageVerb, { page: lastPage(list) });
        expect(shownCopies(last, list.kind)).to.deep.equal([]);
        for (const name of list.demoNames) expect(last.allText()).to.include(name);
        expect(last.allText()).to.include(`Page ${lastPage(list) + 1} of ${lastPage(list) + 1}`);
        expect(last.findAction("Previous").data.page).to.equal(lastPage(list) - 1);
        expect(last.actions().some((a) => a.title === "Next")).to.equal(false);
        const before = await chat.press(last.findAction("Previous"));
        expect(shownCopies(before, list.kind)).to.deep.equal(range(490, 10));
      });

      it("answers forged pages with the nearest real page, never an empty list, and goes on waiting for a pick", async () => {
        const chat = bot.chat(ALEX);
        await chat.say(list.say);
        const cases: readonly (readonly [unknown, "first" | "last"])[] = [
          [99_999, "last"],
          ["1e300", "first"],
          [-2, "first"],
          ["two", "first"],
          [2.5, "first"],
          [{ $gt: 0 }, "first"],
        ];
        for (const [forged, expected] of cases) {
          const turn = await chat.click(list.pageVerb, { page: forged });
          const page = expected === "last" ? lastPage(list) : 0;
          expect(turn.allText(), JSON.stringify(forged)).to.include(`Page ${page + 1} of ${lastPage(list) + 1}`);
          expect(shownCopies(turn, list.kind), JSON.stringify(forged)).to.deep.equal(expected === "last" ? [] : range(0, 10));
          expect(turn.allText()).not.to.include("out of date");
        }
      });

      it("says a page click is out of date when no list is open", async () => {
        const turn = await bot.chat(ALEX).click(list.pageVerb, { page: 1 });
        expect(turn.allText()).to.include("That card is out of date");
        expect(shownCopies(turn, list.kind)).to.deep.equal([]);
      });

      it("says a page click is out of date once the flow has moved on from the list, and the flow goes on", async () => {
        const chat = bot.chat(ALEX);
        const first = await chat.say(list.say);
        const second = await chat.press(first.findAction("Next"));
        const picked = await chat.press(pickOn(second, list, 11 + LISTS.indexOf(list)));
        const stale = await chat.press(first.findAction("Next"));
        expect(stale.allText()).to.include("That card is out of date");
        expect(shownCopies(stale, list.kind)).to.deep.equal([]);
        // The picked benefit's card still answers: its first action goes on to the flow's next card, not a stale notice.
        const goesOn = await chat.press(picked.actions()[0]!);
        expect(goesOn.allText()).not.to.include("out of date");
      });

      it("a benefit picked on page 2 goes through the flow to the end, on that benefit", async () => {
        await list.endToEnd(bot, list);
      });

      it("speaks French on every page", async () => {
        const chat = bot.chat(ALEX, { locale: "fr-FR" });
        const opened = await chat.say(list.kind === "technical" ? "avantages techniques" : list.kind === "software" ? "logiciels" : "azure");
        const next = opened.findAction("Suivant");
        const second = await chat.press(next);
        expect(second.allText()).to.include(`Page 2 sur ${lastPage(list) + 1}`);
        expect(second.findAction("Précédent").verb).to.equal(list.pageVerb);
      });
    });
  }
});

async function secondPage(chat: TestChat, list: PagedList): Promise<Turn> {
  const first = await chat.say(list.say);
  return chat.press(first.findAction("Next"));
}

/** A product picked on page 2 opens, reveals its own keys and gives its downloads. */
async function softwareEndToEnd(bot: TestBot, software: PagedList): Promise<void> {
  const chat = bot.chat(ALEX);
  const product = await chat.press(pickOn(await secondPage(chat, software), software, 12));
  expect(product.allText()).to.include(copyName("software", 12));
  const keys = await chat.press(product.findAction("Get keys"));
  expect(keys.allText()).to.include("M3P6H-4XJ9T-QW2BD-7KC8R-F5N3Y");
  const stored = (await bot.repos.benefits.get(DEMO_TENANT, copyId("software", 12)))?.value;
  expect(stored?.category === "software" ? stored.keysRevealed?.by : undefined).to.equal(ALEX);
  const untouched = (await bot.repos.benefits.get(DEMO_TENANT, "sw-m365-apps"))?.value;
  expect(untouched?.category === "software" ? untouched.keysRevealed : "not software").to.equal(undefined);
  const links = await chat.press(keys.findAction(SOFTWARE_VERBS.download), { language: "French", os: "32-bit" });
  expect(links.allText()).to.include("Next step");
}

/** A subscription picked on page 2 is assigned to the admin. */
async function cloudEndToEnd(bot: TestBot, cloud: PagedList): Promise<void> {
  const chat = bot.chat(ALEX);
  const detail = await chat.press(pickOn(await secondPage(chat, cloud), cloud, 13));
  expect(detail.allText()).to.include(copyName("cloud", 13));
  const done = await chat.press(detail.findAction("Assign to me"));
  expect(done.allText()).to.include("is assigned to you");
  const stored = (await bot.repos.benefits.get(DEMO_TENANT, copyId("cloud", 13)))?.value;
  expect(stored?.category === "cloud" ? stored.assignedTo?.userId : undefined).to.equal(ALEX);
}

/** A benefit picked on page 2 is assigned; Back shows page 2 again; Mark active shows the page holding it, still paged. */
async function technicalEndToEnd(bot: TestBot, technical: PagedList): Promise<void> {
  const chat = bot.chat(ALEX);
  const userCard = await chat.press(pickOn(await secondPage(chat, technical), technical, 14));
  const back = await chat.press(userCard.findAction("Back"));
  expect(shownCopies(back, "technical")).to.deep.equal(range(10, 10));
  const again = await chat.press(pickOn(back, technical, 14));
  const emailCard = await chat.press(again.findAction(TECHNICAL_VERBS.user), { userId: LEE });
  const confirm = await chat.press(emailCard.findAction(TECHNICAL_VERBS.email), { alternateEmail: "lee.support@fabrikam.com" });
  const done = await chat.press(confirm.findAction(TECHNICAL_VERBS.confirm));
  const stored = (await bot.repos.benefits.get(DEMO_TENANT, copyId("technical", 14)))?.value;
  expect(stored?.category === "technical" ? stored.assignment : undefined).to.include({ userId: LEE, state: "pending" });

  const activated = await chat.press(done.findAction("Mark active"));
  expect(shownCopies(activated, "technical")).to.deep.equal(range(10, 10));
  expect(activated.allText()).to.include(`Page 2 of ${lastPage(technical) + 1}`).and.include("Active: assigned to Lee Gu");
  expectWholeCard(activated);
  const third = await chat.press(activated.findAction("Next"));
  expect(shownCopies(third, "technical")).to.deep.equal(range(20, 10));
}
