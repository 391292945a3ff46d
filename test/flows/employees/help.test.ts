import { expect } from "chai";
import { ADELE, ALEX, startTestBot, type TestBot } from "../../support/botHarness";

describe("employee flows on the help card", () => {
  let bot: TestBot;
  before(async function () {
    this.timeout(60_000);
    bot = await startTestBot();
  });
  after(async () => {
    await bot.stop();
  });

  it("offers what's assigned, requests and reminders to an employee, but not the admins' request list", async () => {
    const turn = await bot.chat(ADELE).say("help");
    const verbs = turn.actions().map((a) => a.verb);
    expect(verbs).to.include.members(["mine.show", "request.start", "reminders.mute"]);
    expect(verbs).not.to.include("request.list");
  });

  it("offers the pending requests to a global admin, in French", async () => {
    const turn = await bot.chat(ALEX, { locale: "fr-FR" }).say("aide");
    expect(turn.findAction("request.list").title).to.equal("Demandes en attente");
    expect(turn.allText()).to.contain("Ce qui m'est attribué");
  });
});
