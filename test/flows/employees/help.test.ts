import { expect } from "chai";
import { ADELE, ALEX, LEE, startTestBot, type TestBot } from "../../support/botHarness";

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

  it("offers Resume reminders instead of Stop reminders once the person stopped them, and Stop again after resuming", async () => {
    const chat = bot.chat(LEE);
    await chat.say("stop reminders");
    const muted = await chat.say("help");
    expect(muted.findAction("reminders.resume").title).to.equal("Resume reminders");
    expect(muted.allText()).to.contain("Type: **resume reminders**");
    expect(muted.actions().map((a) => a.verb)).not.to.include("reminders.mute");

    await chat.press(muted.findAction("reminders.resume"));
    expect((await chat.say("help")).findAction("reminders.mute").title).to.equal("Stop reminders");
  });

  it("offers Reprendre les rappels in French once the person stopped them, and Arrêter les rappels again after resuming", async () => {
    const chat = bot.chat(LEE, { locale: "fr-FR" });
    await chat.say("arrêter les rappels");
    const muted = await chat.say("aide");
    expect(muted.findAction("reminders.resume").title).to.equal("Reprendre les rappels");
    expect(muted.allText()).to.contain("Tapez : **reprendre les rappels**");
    await chat.say("reprendre les rappels");
    expect((await chat.say("aide")).findAction("reminders.mute").title).to.equal("Arrêter les rappels");
  });

  it("offers the pending requests to a global admin, in French", async () => {
    const turn = await bot.chat(ALEX, { locale: "fr-FR" }).say("aide");
    expect(turn.findAction("request.list").title).to.equal("Demandes en attente");
    expect(turn.allText()).to.contain("Ce qui m'est attribué");
  });
});
