import { expect } from "chai";
import { ADELE, DEMO_TENANT, LEE, startTestBot, type TestBot } from "../../support/botHarness";

describe("stop and resume reminders", () => {
  let bot: TestBot;
  before(async function () {
    this.timeout(60_000);
    bot = await startTestBot();
  });
  after(async () => {
    await bot.stop();
  });

  async function muted(userId: string): Promise<boolean | undefined> {
    return (await bot.repos.users.get(DEMO_TENANT, userId))?.value.remindersMuted;
  }

  it("mutes the asker's reminders and offers to resume them when they type stop reminders", async () => {
    const turn = await bot.chat(ADELE).say("stop reminders");
    expect(turn.allText()).to.contain("I won't send you expiry reminders any more.");
    expect(turn.findAction("reminders.resume").title).to.equal("Resume reminders");
    expect(await muted(ADELE)).to.equal(true);
    expect(await muted(LEE)).to.equal(false);
  });

  it("turns them back on when the resume button is clicked", async () => {
    await bot.chat(ADELE).say("stop reminders");
    expect(await muted(ADELE), "muted before the click").to.equal(true);
    const turn = await bot.chat(ADELE).click("reminders.resume", {});
    expect(turn.allText()).to.contain("I'll remind you 30, 7 and 1 days before your benefits expire.");
    expect(await muted(ADELE)).to.equal(false);
  });

  it("confirms in French and stores the setting when the person types arrêter les rappels then reprendre les rappels", async () => {
    const chat = bot.chat(LEE, { locale: "fr-FR" });
    expect((await chat.say("Arrêter les rappels")).allText()).to.contain("Je ne vous enverrai plus de rappels d'expiration.");
    expect(await muted(LEE)).to.equal(true);
    expect((await chat.say("reprendre les rappels")).allText()).to.contain("Je vous préviendrai 30, 7 et 1 jours avant");
    expect(await muted(LEE)).to.equal(false);
  });

  it("changes the document once when stop is asked twice", async () => {
    await bot.chat(ADELE).say("mute reminders");
    const version = (await bot.repos.users.get(DEMO_TENANT, ADELE))?.value.version;
    await bot.chat(ADELE).say("stop reminders");
    expect((await bot.repos.users.get(DEMO_TENANT, ADELE))?.value.version).to.equal(version);
    expect(await muted(ADELE)).to.equal(true);
  });

  it("says it cannot find the person and stores nothing when they are not in the directory", async () => {
    const stranger = "b2b2b2b2-0000-4000-8000-000000000099";
    const turn = await bot.chat(stranger).say("stop reminders");
    expect(turn.allText()).to.contain("I couldn't find that item");
    expect(await bot.repos.users.get(DEMO_TENANT, stranger)).to.equal(undefined);
  });

  it("leaves the cancel word alone: a bare stop is not a reminders command", async () => {
    const turn = await bot.chat(LEE).say("stop");
    expect(turn.allText()).to.contain("There is nothing to cancel.");
    expect(await muted(LEE)).to.equal(false);
  });
});
