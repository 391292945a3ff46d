import { expect } from "chai";
import { ADELE, ALEX, LEE, startTestBot, type TestBot } from "../support/botHarness";

describe("BenefitsBot", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
  });
  after(async () => {
    await bot.stop();
  });

  it("answers help with a help card naming the person and role when the global admin asks", async () => {
    const turn = await bot.chat(ALEX).say("help");
    const text = turn.allText();
    expect(text).to.contain("Alex Wilber");
    expect(text).to.contain("Global admin");
  });

  it("answers in French when the locale is fr-FR", async () => {
    const turn = await bot.chat(ALEX, { locale: "fr-FR" }).say("aide");
    expect(turn.allText()).to.contain("voici ce que je peux faire");
    expect(turn.allText()).to.contain("Administrateur général");
  });

  it("answers an unknown command with one line pointing to help, not the help card and not an error", async () => {
    const turn = await bot.chat(LEE).say("please make me a sandwich");
    expect(turn.cards).to.have.length(0);
    expect(turn.texts).to.deep.equal(["I didn't get that. Type **help** to see what I can do."]);
    expect(bot.logs.join("\n")).not.to.match(/Turn failed/);
  });

  const typos = [
    { locale: "en-US", typed: "histroy", suggested: "**history**" },
    { locale: "en-US", typed: "asign visual studio", suggested: "**assign visual studio**" },
    { locale: "en-US", typed: "ofers", suggested: "**offers**" },
    { locale: "fr-FR", typed: "historiqe", suggested: "**historique**" },
    { locale: "fr-FR", typed: "contact marketting", suggested: "**contact marketing**" },
  ];
  for (const { locale, typed, suggested } of typos) {
    it(`suggests the closest commands in one line when ${locale} types "${typed}"`, async () => {
      const turn = await bot.chat(ALEX, { locale }).say(typed);
      expect(turn.cards).to.have.length(0);
      expect(turn.texts).to.have.length(1);
      const line = turn.texts[0] ?? "";
      expect(line).to.match(locale === "fr-FR" ? /^Je n'ai pas compris\. Vouliez-vous dire / : /^I didn't get that\. Did you mean /);
      expect(line.indexOf(suggested), line).to.be.within(0, 60);
      expect((line.match(/\*\*[^*]+\*\*/g) ?? []).length, "2-3 commands and the help word").to.be.within(2, 4);
    });
  }

  it("lists fewer tasks to an employee than to a global admin", async () => {
    const admin = (await bot.chat(ALEX).say("help")).actions().length;
    const employee = (await bot.chat(ADELE).say("help")).actions().length;
    expect(employee).to.be.lessThan(admin);
  });

  it("replaces the clicked card with the help card when the welcome card's button is clicked", async () => {
    const turn = await bot.chat(ALEX).click("help.show");
    expect(turn.invokeStatus).to.equal(200);
    expect(turn.cards[0]).to.be.an("object");
    expect(turn.allText()).to.contain("here is what I can do");
  });

  it("greets with a welcome card when the app is installed", async () => {
    const turn = await bot.chat(ALEX).send({ type: "installationUpdate", action: "add" });
    expect(turn.allText()).to.contain("Welcome to Benefits Bot");
  });

  it("ignores an activity that carries no aadObjectId", async () => {
    const turn = await bot.chat(ALEX).send({ type: "message", text: "help", from: { id: "29:x", name: "Nobody" } });
    expect(turn.cards).to.have.length(0);
    expect(turn.texts).to.have.length(0);
  });

  it("starts the newly typed task when a card of another task is still waiting", async () => {
    const chat = bot.chat(ALEX);
    await chat.say("go-to-market");
    const next = await chat.say("manage roles");
    expect(next.texts.join(" ")).not.to.contain("I'm waiting for your answer");
    expect(next.allText()).to.contain("Isaiah Langer");
  });

  it("reminds of the waiting card when the typed text is not a request", async () => {
    const chat = bot.chat(ALEX);
    await chat.say("go-to-market");
    const next = await chat.say("hmm");
    expect(next.texts.join(" ")).to.contain("I'm waiting for your answer on the card above");
  });
});
