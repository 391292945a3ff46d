import { expect } from "chai";
import { assignVisualStudioSeat } from "../../../benefits";
import { ADELE, ALEX, DEMO_TENANT, LEE, NESTOR, startTestBot, type TestBot } from "../../support/botHarness";
import { readable, seatHolders, storedVersion } from "./seatsSupport";

const OTHER_TENANT = "0b0b0b0b-1111-4111-8111-000000000099";

describe("Visual Studio flows with outdated or forged cards", () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it("re-renders the current state and changes nothing when the Assign button's card is outdated", async () => {
    await assignVisualStudioSeat(bot.deps, { tenantId: DEMO_TENANT, userId: ALEX }, { benefitId: "vs-enterprise", userId: NESTOR });
    const turn = await bot.chat(ALEX).click("vs.assign", { id: "vs-enterprise", version: 0 });
    expect(turn.cards).to.have.length(1);
    expect(readable(turn)).to.include("That card is out of date");
    expect(readable(turn)).to.include("2 of 5 seats used, 3 free");
    expect(readable(turn)).to.include("Nestor Wilke");
    expect(await seatHolders(bot, "vs-enterprise")).to.deep.equal([ADELE, NESTOR]);
  });

  it("re-renders the current state when someone else changed the subscription before Confirm of a removal", async () => {
    const chat = bot.chat(ALEX);
    const people = await chat.click("vs.remove", { id: "vs-enterprise", version: 0 });
    const confirm = await chat.press(people.findAction("vs.pickPeople"), { userId: ADELE });
    await assignVisualStudioSeat(bot.deps, { tenantId: DEMO_TENANT, userId: ALEX }, { benefitId: "vs-enterprise", userId: NESTOR });
    const turn = await chat.press(confirm.findAction("vs.confirm.remove"));
    expect(readable(turn)).to.include("That card is out of date");
    expect(readable(turn)).to.include("2 of 5 seats used, 3 free");
    expect(await seatHolders(bot, "vs-enterprise")).to.deep.equal([ADELE, NESTOR]);
  });

  it("still assigns a free seat when someone else took another seat before Confirm: the seat rule guards assignments", async () => {
    const chat = bot.chat(ALEX);
    const people = await chat.click("vs.assign", { id: "vs-enterprise", version: 0 });
    const confirm = await chat.press(people.findAction("vs.pickPeople"), { userId: LEE });
    await assignVisualStudioSeat(bot.deps, { tenantId: DEMO_TENANT, userId: ALEX }, { benefitId: "vs-enterprise", userId: NESTOR });
    const turn = await chat.press(confirm.findAction("vs.confirm.assign"));
    expect(readable(turn)).not.to.include("out of date");
    expect(await seatHolders(bot, "vs-enterprise")).to.deep.equal([ADELE, NESTOR, LEE]);
  });

  it("says there is no free seat, with the subscription as it is now, when the seats ran out before Confirm", async () => {
    const admin = { tenantId: DEMO_TENANT, userId: ALEX };
    await assignVisualStudioSeat(bot.deps, admin, { benefitId: "vs-professional", userId: LEE });
    const chat = bot.chat(ALEX);
    const people = await chat.click("vs.assign", { id: "vs-professional", version: 1 });
    const confirm = await chat.press(people.findAction("vs.pickPeople"), { userId: ADELE });
    for (const userId of [NESTOR, ALEX]) await assignVisualStudioSeat(bot.deps, admin, { benefitId: "vs-professional", userId });
    const turn = await chat.press(confirm.findAction("vs.confirm.assign"));
    expect(turn.cards).to.have.length(1);
    expect(readable(turn)).to.include("There is no free seat left on this subscription");
    expect(readable(turn)).to.include("3 of 3 seats used");
    expect(await seatHolders(bot, "vs-professional")).to.deep.equal([LEE, NESTOR, ALEX]);
  });

  it("answers not found and changes nothing for another tenant's subscription id", async () => {
    const theirs = (await bot.repos.benefits.get(DEMO_TENANT, "vs-professional"))?.value;
    if (theirs === undefined) throw new Error("demo subscription missing");
    await bot.repos.benefits.create({ ...theirs, id: "vs-foreign", tenantId: OTHER_TENANT });
    const chat = bot.chat(ALEX);
    const turn = await chat.click("vs.assign", { id: "vs-foreign", version: 0 });
    expect(readable(turn)).to.include("I couldn't find that item in your organization.");
    const people = await chat.click("vs.assign", { id: "vs-enterprise", version: 0 });
    const forged = await chat.press(people.findAction("vs.pickPeople"), { id: "vs-foreign", userId: LEE });
    expect(readable(forged)).to.include("That doesn't look right");
    expect(await seatHolders(bot, "vs-foreign", OTHER_TENANT)).to.deep.equal([]);
    expect(await seatHolders(bot, "vs-enterprise")).to.deep.equal([ADELE]);
  });

  it("rejects oversized, unknown and extra fields plainly and re-asks, changing nothing", async () => {
    const chat = bot.chat(ALEX);
    const people = await chat.click("vs.assign", { id: "vs-enterprise", version: 0 });
    const pick = people.findAction("vs.pickPeople");
    for (const inputs of [{ userId: "x".repeat(500) }, { userId: LEE, isAdmin: true }, { userId: "user-that-does-not-exist" }]) {
      const turn = await chat.press(pick, inputs);
      expect(readable(turn)).to.include("That doesn't look right");
      expect(readable(turn)).to.include("Who gets a seat of Visual Studio Enterprise subscription?");
    }
    const wrongVerb = await chat.click("vs.confirm.everything", { id: "vs-enterprise", version: 0 });
    expect(readable(wrongVerb)).to.include("out of date");
    const badUser = await chat.press(pick, { userId: "", displayName: "x".repeat(200), email: "not-an-email" });
    expect(readable(badUser)).to.include("That doesn't look right");
    expect(await seatHolders(bot, "vs-enterprise")).to.deep.equal([ADELE]);
    expect(await storedVersion(bot, "vs-enterprise")).to.equal(0);
    expect((await bot.repos.users.list(DEMO_TENANT)).length).to.equal(6);
  });

  it("tells the admin plainly when a subscription has no free seat", async () => {
    const admin = { tenantId: DEMO_TENANT, userId: ALEX };
    for (const userId of [LEE, NESTOR, ADELE]) await assignVisualStudioSeat(bot.deps, admin, { benefitId: "vs-professional", userId });
    const chat = bot.chat(ALEX);
    const picker = await chat.say("assign visual studio");
    const turn = await chat.press(picker.findAction("vs.pickSubscription"), { subscriptionId: "vs-professional" });
    expect(readable(turn)).to.include("There is no free seat left on this subscription");
    expect(readable(turn), "the picker is shown again").to.include("Which subscription should the person get a seat of?");
    expect(await storedVersion(bot, "vs-professional")).to.equal(3);
  });
});
