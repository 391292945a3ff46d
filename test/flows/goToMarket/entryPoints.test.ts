import { expect } from "chai";
import { ADELE, ALEX, startTestBot, type TestBot } from "../../support/botHarness";
import { expectText } from "./support";

describe("Go-To-Market and refund entry points", () => {
  let bot: TestBot;
  before(async function () {
    this.timeout(60_000);
    bot = await startTestBot();
  });
  after(async () => bot.stop());

  it("lists the three flows on a global admin's help card and starts each from its button", async () => {
    const chat = bot.chat(ALEX);
    const help = await chat.say("help");
    expectText(help, "Go-To-Market offers", "Marketing contact", "Cancel a benefit or offer");
    expectText(await chat.press(help.findAction("contact.start")), "Company marketing contact");
    expectText(await chat.press(help.findAction("offers.start")), "Silver Core");
    expectText(await chat.press(help.findAction("cancel.start")), "Check refund");
  });

  it("keeps them off an employee's help card", async () => {
    const help = await bot.chat(ADELE).say("aide");
    const verbs = help.actions().map((a) => a.verb);
    expect(verbs).not.to.include("contact.start");
    expect(verbs).not.to.include("offers.start");
    expect(verbs).not.to.include("cancel.start");
  });

  it("moves from the offers card to the refund flow with its Request a refund button", async () => {
    const chat = bot.chat(ALEX);
    const offers = await chat.say("gtm");
    const refund = await chat.press(offers.findAction("Request a refund"));
    expectText(refund, "Cancel a benefit or offer", "Check refund");
  });

  it("works through the Action.Submit fallback as well", async () => {
    const chat = bot.chat(ALEX);
    const offers = await chat.submit("offers.start");
    expectText(offers, "Go-To-Market offers");
    const needed = await chat.submit("offers.activate", { id: "gtm-silver-listing", version: 0 });
    expectText(needed, "Set a marketing contact first");
  });
});
