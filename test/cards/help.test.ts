import { expect } from "chai";
import { HELP_FIRST_COUNT, helpCard, rankHelpEntries } from "../../cards/help";
import { ALL_FLOWS } from "../../dialogs/flows";
import { ADELE, ALEX, MEGAN, startTestBot, type TestBot } from "../support/botHarness";

const entries = ALL_FLOWS.map((f) => ({ flowId: f.id, verb: f.startVerbs[0] ?? f.id }));
const employeeEntries = ALL_FLOWS.filter((f) => f.capability === undefined).map((f) => ({ flowId: f.id, verb: f.startVerbs[0] ?? f.id }));

describe("cards/help", () => {
  it("puts an employee's four own tasks first, in that order, and only what is left behind More", () => {
    const { first, more } = rankHelpEntries(["employee"], employeeEntries);
    expect(first.map((e) => e.flowId)).to.deep.equal(["mine", "request", "overview", "reminders"]);
    expect(more.map((e) => e.flowId)).to.deep.equal(employeeEntries.map((e) => e.flowId).filter((id) => !["mine", "request", "overview", "reminders"].includes(id)));
  });

  it("gives a global admin the assignment tasks first, at most a screenful, and every other task behind More in the usual order", () => {
    const { first, more } = rankHelpEntries(["globalAdmin"], entries);
    expect(first).to.have.length(HELP_FIRST_COUNT);
    expect(first.map((e) => e.flowId)).to.include.members(["overview", "visualStudio.assign", "technicalBenefits", "requestDecision"]);
    expect([...first, ...more].map((e) => e.flowId).sort()).to.deep.equal(entries.map((e) => e.flowId).sort());
    const order = entries.map((e) => e.flowId);
    expect(more.map((e) => order.indexOf(e.flowId))).to.deep.equal(more.map((e) => order.indexOf(e.flowId)).sort((a, b) => a - b));
  });

  it("gives an MPN partner admin Go-To-Market first", () => {
    const allowed = entries.filter((e) => ["goToMarketOffers", "marketingContact", "cancelBenefit", "history", "overview", "mine", "request", "reminders"].includes(e.flowId));
    expect(rankHelpEntries(["mpnPartnerAdmin"], allowed).first.slice(0, 3).map((e) => e.flowId)).to.deep.equal(["goToMarketOffers", "marketingContact", "cancelBenefit"]);
  });

  it("hides the More button when nothing is left for it, and shows it as soon as one task is", () => {
    const ranked = rankHelpEntries(["globalAdmin"], entries);
    const fits = JSON.stringify(helpCard("en", "Alex", ["globalAdmin"], ranked.first).content);
    expect(fits).not.to.contain("Action.ShowCard");
    const oneMore = JSON.stringify(helpCard("en", "Alex", ["globalAdmin"], [...ranked.first, ranked.more[0]!]).content);
    expect(oneMore.match(/"Action\.ShowCard"/g) ?? []).to.have.length(1);
  });
});

describe("help card in chat", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
  });
  after(async () => bot.stop());

  it("shows a global admin six tasks on the card and the rest, still clickable, behind one More", async () => {
    const turn = await bot.chat(ALEX).say("help");
    const card = turn.card();
    const body = JSON.stringify(card.body);
    const showCards = body.match(/"Action\.ShowCard"/g) ?? [];
    expect(showCards).to.have.length(1);
    const [onCard, behindMore] = body.split('"Action.ShowCard"');
    expect((onCard?.match(/"Action\.Execute"/g) ?? []).length).to.equal(HELP_FIRST_COUNT);
    expect(behindMore).to.contain("roles.manage").and.contain("history.show");
    expect(turn.actions().map((a) => a.verb)).to.include.members(["overview.show", "vs.assign", "roles.manage", "history.show"]);
  });

  it("shows an employee four tasks and no More", async () => {
    const turn = await bot.chat(ADELE).say("aide");
    expect(JSON.stringify(turn.card())).not.to.contain("Action.ShowCard");
    expect(turn.actions()).to.have.length(4);
  });

  it("starts an MPN partner admin's card with Go-To-Market offers", async () => {
    const turn = await bot.chat(MEGAN).say("help");
    expect(turn.actions()[0]?.verb).to.equal("offers.start");
  });
});
