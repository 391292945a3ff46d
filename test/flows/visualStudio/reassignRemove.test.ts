import { expect } from "chai";
import { assignVisualStudioSeat } from "../../../benefits";
import { ADELE, ALEX, DEMO_TENANT, LEE, NESTOR, startTestBot, type TestBot } from "../../support/botHarness";
import { readable, seatHolders, storedVersion } from "./seatsSupport";

describe("Visual Studio reassign and remove flows", () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it("reassigns a seat in one write and tells the new holder's next step", async () => {
    const chat = bot.chat(ALEX);
    const picker = await chat.say("reassign visual studio");
    expect(readable(picker), "only subscriptions with a holder are offered").not.to.include("Visual Studio Professional subscription");
    const people = await chat.press(picker.findAction("vs.pickSubscription"), { subscriptionId: "vs-enterprise" });
    // Both person lists are searchable; a compact one in the place of the subscription list showed its options in the Playground.
    expect(JSON.stringify(people.card())).to.match(/"id":"fromUserId"[^}]*"style":"filtered"|"style":"filtered"[^}]*"id":"fromUserId"/);
    const confirm = await chat.press(people.findAction("vs.pickPeople"), { fromUserId: ADELE, toUserId: LEE });
    expect(readable(confirm)).to.include("Reassign this seat?");
    const done = await chat.press(confirm.findAction("Reassign"));
    expect(readable(done)).to.include("Lee Gu now has the seat of Visual Studio Enterprise subscription that Adele Vance had.");
    expect(readable(done)).to.include("https://my.visualstudio.com");
    expect(await seatHolders(bot, "vs-enterprise")).to.deep.equal([LEE]);
    expect(await storedVersion(bot, "vs-enterprise"), "one write").to.equal(1);
  });

  it("acts on the version the confirm card was built from, not a newer one a forged click carries", async () => {
    const chat = bot.chat(ALEX);
    const people = await chat.click("vs.reassign", { id: "vs-enterprise", version: 0 });
    const confirm = await chat.press(people.findAction("vs.pickPeople"), { fromUserId: ADELE, toUserId: LEE });
    await assignVisualStudioSeat(bot.deps, { tenantId: DEMO_TENANT, userId: ALEX }, { benefitId: "vs-enterprise", userId: NESTOR });
    const turn = await chat.press(confirm.findAction("vs.confirm.reassign"), { version: 1 });
    expect(readable(turn)).to.include("That card is out of date");
    expect(await seatHolders(bot, "vs-enterprise")).to.deep.equal([ADELE, NESTOR]);
    expect(await storedVersion(bot, "vs-enterprise")).to.equal(1);
  });

  it("asks again when the same person is picked twice", async () => {
    const chat = bot.chat(ALEX);
    const people = await chat.click("vs.reassign", { id: "vs-enterprise", version: 0 });
    const turn = await chat.press(people.findAction("vs.pickPeople"), { fromUserId: ADELE, toUserId: ADELE });
    expect(readable(turn)).to.include("pick two different people");
    expect(await seatHolders(bot, "vs-enterprise")).to.deep.equal([ADELE]);
  });

  it("removes an assignment from the subscription card's Remove button", async () => {
    const chat = bot.chat(ALEX);
    const people = await chat.click("vs.remove", { id: "vs-enterprise", version: 0 });
    expect(readable(people)).to.include("Remove a seat of Visual Studio Enterprise subscription");
    const confirm = await chat.press(people.findAction("vs.pickPeople"), { userId: ADELE });
    const done = await chat.press(confirm.findAction("vs.confirm.remove"));
    expect(readable(done)).to.include("Adele Vance no longer has a seat of Visual Studio Enterprise subscription.");
    expect(await seatHolders(bot, "vs-enterprise")).to.deep.equal([]);
    const audit = await bot.repos.audit.recent(DEMO_TENANT, 1);
    expect(audit[0]?.action).to.equal("visualStudio.remove");
  });

  it("says plainly there is nothing to remove when nobody holds a seat", async () => {
    const turn = await bot.chat(ALEX).click("vs.remove", { id: "vs-professional", version: 0 });
    expect(readable(turn)).to.include("That person isn't assigned to it.");
    expect(await storedVersion(bot, "vs-professional")).to.equal(0);
  });
});
