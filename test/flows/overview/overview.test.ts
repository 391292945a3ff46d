import { expect } from "chai";
import { assignVisualStudioSeat } from "../../../benefits";
import { ALEX, DEMO_TENANT, LEE, MEGAN, NESTOR, startTestBot, type TestBot } from "../../support/botHarness";
import { readable } from "../visualStudio/seatsSupport";

describe("Benefits overview flow", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
    await assignVisualStudioSeat(bot.deps, { tenantId: DEMO_TENANT, userId: ALEX }, { benefitId: "vs-enterprise", userId: LEE });
  });
  after(async () => {
    await bot.stop();
  });

  it("shows one card per category with package, seats, state and expiry to any employee", async () => {
    const turn = await bot.chat(NESTOR).say("benefits");
    expect(turn.cards).to.have.length(5);
    const titles = ["Software", "Cloud services", "Visual Studio subscriptions", "Technical benefits", "Go-To-Market"];
    titles.forEach((title, i) => expect(JSON.stringify(turn.cards[i])).to.include(title));
    const text = readable(turn);
    expect(text).to.include("Microsoft Action Pack · purchased");
    expect(text).to.include("2 of 5 seats used, 3 free");
    expect(text).to.include("Status: **Active**");
    expect(text).to.include("Status: **Not activated yet**");
    expect(text).to.match(/Expires \w{3} \d{1,2}, \d{4}/);
    expect(text).to.include("Lee Gu");
    expect(turn.actions(), "an employee gets no buttons that change things").to.deep.equal([]);
  });

  it("gives a global admin the buttons that start each category's flow, with the item's id and version", async () => {
    const turn = await bot.chat(ALEX).say("show benefits");
    const assign = turn.findAction("vs.assign");
    expect(assign.data).to.deep.equal({ id: "vs-enterprise", version: 1 });
    for (const verb of ["vs.reassign", "vs.remove", "technical.assign", "software.keys", "cloud.open", "offers.activate", "cancel.start"]) {
      expect(turn.findAction(verb).verb).to.equal(verb);
    }
    const toggles = JSON.stringify(turn.cards).match(/Action\.ToggleVisibility/g) ?? [];
    expect(toggles.length).to.be.greaterThan(10);
  });

  it("gives an MPN partner admin the Go-To-Market buttons only", async () => {
    const verbs = (await bot.chat(MEGAN).say("overview")).actions().map((a) => a.verb);
    expect(verbs).to.include("offers.activate");
    expect(verbs).not.to.include("vs.assign");
  });

  it("starts the Visual Studio flow from the overview's Assign button", async () => {
    const chat = bot.chat(ALEX);
    const overview = await chat.say("benefits");
    const people = await chat.press(overview.findAction("vs.assign"));
    expect(readable(people)).to.include("Who gets a seat of Visual Studio Enterprise subscription?");
  });

  it("speaks French", async () => {
    const turn = await bot.chat(NESTOR, { locale: "fr-FR" }).say("mes avantages de l'organisation");
    const text = readable(turn);
    expect(text).to.include("Abonnements Visual Studio");
    expect(text).to.include("2 licences utilisées sur 5, 3 libres");
    expect(text).to.include("acheté le");
    expect(readable(await bot.chat(NESTOR, { locale: "fr-FR" }).say("aperçu"))).to.include("Logiciels");
  });
});
