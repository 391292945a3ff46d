import { expect } from "chai";
import { ADELE, ALEX, DEMO_TENANT, LEE, NESTOR, startTestBot, type TestBot } from "../../support/botHarness";
import { readable, seatHolders, storedVersion } from "./seatsSupport";

describe("Visual Studio assign flow", () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it("assigns a seat to a picked user and points them to the Visual Studio portal", async () => {
    const chat = bot.chat(ALEX);
    const picker = await chat.say("assign visual studio");
    expect(picker.allText()).to.include("Visual Studio Enterprise subscription: 1 of 5 seats used, 4 free");
    const people = await chat.press(picker.findAction("vs.pickSubscription"), { subscriptionId: "vs-enterprise" });
    expect(readable(people)).to.include("Who gets a seat of Visual Studio Enterprise subscription?");
    expect(readable(people)).to.include("Lee Gu (lee.gu@contoso.com)");
    expect(readable(people), "Adele already holds a seat").not.to.include("Adele Vance (adele.vance@contoso.com)");
    const confirm = await chat.press(people.findAction("vs.pickPeople"), { userId: LEE });
    expect(readable(confirm)).to.include("Assign this seat?");
    expect(readable(confirm)).to.include("lee.gu@contoso.com");
    const done = await chat.press(confirm.findAction("Assign"));
    expect(readable(done)).to.include("Lee Gu now has a seat of Visual Studio Enterprise subscription.");
    expect(readable(done)).to.include("https://my.visualstudio.com");
    expect(await seatHolders(bot, "vs-enterprise")).to.deep.equal([ADELE, LEE]);
    const audit = await bot.repos.audit.recent(DEMO_TENANT, 5);
    expect(audit.map((a) => a.action)).to.include("visualStudio.assign");
  });

  it("starts from the subscription's Assign button and adds a new user on the spot", async () => {
    const chat = bot.chat(ALEX);
    const people = await chat.click("vs.assign", { id: "vs-professional", version: 0 });
    expect(readable(people)).to.include("Who gets a seat of Visual Studio Professional subscription?");
    const confirm = await chat.press(people.findAction("vs.addUser"), { userId: "", displayName: "Pradeep Gupta", email: "pradeep.gupta@contoso.com" });
    expect(readable(confirm)).to.include("pradeep.gupta@contoso.com");
    const added = (await bot.repos.users.list(DEMO_TENANT)).map((s) => s.value).find((u) => u.email === "pradeep.gupta@contoso.com");
    expect(added?.displayName).to.equal("Pradeep Gupta");
    await chat.press(confirm.findAction("vs.confirm.assign"));
    expect(await seatHolders(bot, "vs-professional")).to.deep.equal([added?.id]);
  });

  it("refuses an employee, naming the Global admin role and who holds it, and stores nothing", async () => {
    const turn = await bot.chat(NESTOR).say("assign visual studio");
    expect(turn.allText()).to.include("Global admin");
    expect(turn.allText()).to.include("Alex Wilber");
    const direct = await bot.chat(NESTOR).click("vs.assign", { id: "vs-enterprise", version: 0 });
    expect(direct.allText()).to.include("Alex Wilber");
    expect(await seatHolders(bot, "vs-enterprise")).to.deep.equal([ADELE]);
    expect(await storedVersion(bot, "vs-enterprise")).to.equal(0);
  });

  it("performs a double-clicked Confirm once", async () => {
    const chat = bot.chat(ALEX);
    const people = await chat.click("vs.assign", { id: "vs-enterprise", version: 0 });
    const confirm = await chat.press(people.findAction("vs.pickPeople"), { userId: LEE });
    const assign = confirm.findAction("vs.confirm.assign");
    await chat.press(assign);
    const second = await chat.press(assign);
    expect(second.allText()).to.include("out of date");
    expect(await seatHolders(bot, "vs-enterprise")).to.deep.equal([ADELE, LEE]);
    expect(await storedVersion(bot, "vs-enterprise")).to.equal(1);
  });

  it("changes nothing when canceled mid-flow", async () => {
    const chat = bot.chat(ALEX);
    const people = await chat.click("vs.assign", { id: "vs-enterprise", version: 0 });
    const confirm = await chat.press(people.findAction("vs.pickPeople"), { userId: LEE });
    const canceled = await chat.say("cancel");
    expect(canceled.allText()).to.include("Nothing was changed");
    const late = await chat.press(confirm.findAction("vs.confirm.assign"));
    expect(late.allText()).to.include("out of date");
    expect(await seatHolders(bot, "vs-enterprise")).to.deep.equal([ADELE]);
  });

  it("goes back from the confirm step to the user picker", async () => {
    const chat = bot.chat(ALEX);
    const people = await chat.click("vs.assign", { id: "vs-enterprise", version: 0 });
    await chat.press(people.findAction("vs.pickPeople"), { userId: LEE });
    const back = await chat.say("back");
    expect(readable(back)).to.include("Who gets a seat of Visual Studio Enterprise subscription?");
    const confirm = await chat.press(back.findAction("vs.pickPeople"), { userId: NESTOR });
    expect(readable(confirm)).to.include("nestor.wilke@contoso.com");
    const viaButton = await chat.press(confirm.findAction("nav.back"));
    expect(readable(viaButton)).to.include("Who gets a seat of Visual Studio Enterprise subscription?");
    expect(await seatHolders(bot, "vs-enterprise")).to.deep.equal([ADELE]);
  });

  it("works through the Action.Submit fallback older clients send", async () => {
    const chat = bot.chat(ALEX);
    await chat.submit("vs.assign", { id: "vs-enterprise", version: 0 });
    const confirm = await chat.submit("vs.pickPeople", { id: "vs-enterprise", version: 0, userId: NESTOR });
    const action = confirm.findAction("vs.confirm.assign");
    await chat.submit(action.verb, action.data);
    expect(await seatHolders(bot, "vs-enterprise")).to.deep.equal([ADELE, NESTOR]);
  });
});
