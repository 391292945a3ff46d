import { expect } from "chai";
import { benefitsHeldByLeavers, tenantOverview } from "../../../benefits";
import { leftHoldersCard } from "../../../cards/leftHolders";
import { ALEX, DEMO_TENANT, LEE, NESTOR, startTestBot, Turn, type TestBot } from "../../support/botHarness";
import { aUser } from "../../benefits/fixtures";
import { readable } from "../visualStudio/seatsSupport";
import { auditActions, AZURE, heldByLeavers, holderOf, stored, TECH } from "./support";

function rowVerbs(turn: Turn, benefitId: string): string[] {
  return turn.actions().filter((a) => a.data.id === benefitId).map((a) => a.verb);
}

describe("Remove on rows held by someone who left (technical, usage-based Azure)", () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
    await heldByLeavers(bot);
  });
  afterEach(async () => {
    await bot.stop();
  });

  it("offers Reassign and Remove on the overview's technical and Azure rows held by someone who left", async () => {
    const technical = await bot.chat(ALEX).click("overview.category", { id: "technical" });
    expect(rowVerbs(technical, TECH)).to.include.members(["holder.reassign", "holder.remove"]);
    expect(rowVerbs(technical, "tech-advisory-hours"), "a free benefit has no holder to remove").to.not.include("holder.remove");
    const cloud = await bot.chat(ALEX).click("overview.category", { id: "cloud" });
    expect(rowVerbs(cloud, AZURE)).to.include.members(["holder.reassign", "holder.remove"]);
    expect(cloud.actions().find((a) => a.verb === "holder.reassign")?.title).to.equal("Reassign to me");
    const french = await bot.chat(ALEX, { locale: "fr-FR" }).click("overview.category", { id: "cloud" });
    expect(french.actions().filter((a) => a.data.id === AZURE).map((a) => a.title)).to.include.members(["Me le réattribuer", "Retirer"]);
  });

  it("removes a technical benefit from someone who left: confirm, the holder loses it, one audited write", async () => {
    const chat = bot.chat(ALEX);
    const row = await chat.click("overview.category", { id: "technical" });
    const confirm = await chat.press(row.actions().find((a) => a.verb === "holder.remove" && a.data.id === TECH) ?? expect.fail("no Remove"));
    expect(readable(confirm)).to.include("Remove the user of Microsoft product support incidents?").and.to.include("Nestor Wilke (held by someone who left the organization)");
    const before = (await stored(bot, TECH)).version;
    const done = await chat.press(confirm.findAction("holder.confirm.remove"));
    expect(readable(done)).to.include("Removed: Nestor Wilke no longer holds");
    expect(await holderOf(bot, TECH)).to.equal(undefined);
    expect((await stored(bot, TECH)).version).to.equal(before + 1);
    expect((await auditActions(bot)).filter((a) => a === "technical.remove")).to.have.length(1);
    // The benefit's card now offers to assign it again.
    expect(done.actions().map((a) => a.verb)).to.include("technical.assign");
  });

  it("starts Remove from the one-per-sync card sent to global admins, as from the overview", async () => {
    const overview = await tenantOverview(bot.deps, DEMO_TENANT);
    const viewer = overview.users.find((u) => u.id === ALEX);
    const held = benefitsHeldByLeavers(overview.benefits, overview.users);
    const card = leftHoldersCard("en", held, { now: bot.deps.now(), packages: overview.packages, users: overview.users, viewer });
    const sent = new Turn([], [card.content], [], undefined);
    expect(sent.actions().filter((a) => a.verb.startsWith("holder.")).map((a) => `${a.verb} ${String(a.data.id)}`)).to.have.members([
      `holder.reassign ${TECH}`,
      `holder.remove ${TECH}`,
      `holder.reassign ${AZURE}`,
      `holder.remove ${AZURE}`,
    ]);
    const chat = bot.chat(ALEX);
    const remove = sent.actions().find((a) => a.verb === "holder.remove" && a.data.id === AZURE) ?? expect.fail("no Remove");
    const confirm = await chat.press(remove);
    await chat.press(confirm.findAction("holder.confirm.remove"));
    expect(await holderOf(bot, AZURE)).to.equal(undefined);
  });

  it("removes the Azure subscription's departed user, so any global admin can assign themself", async () => {
    const chat = bot.chat(ALEX);
    const confirm = await chat.click("holder.remove", { id: AZURE, version: (await stored(bot, AZURE)).version });
    expect(readable(confirm)).to.include("manage it in the Azure portal");
    const done = await chat.press(confirm.findAction("holder.confirm.remove"));
    expect(readable(done)).to.include("Removed: Pradeep Gupta no longer holds");
    expect(await holderOf(bot, AZURE)).to.equal(undefined);
    expect((await auditActions(bot)).filter((a) => a === "cloud.remove")).to.have.length(1);
  });

  it("answers a second press of the same confirm button with the same outcome and writes nothing more", async () => {
    const chat = bot.chat(ALEX);
    const confirm = await chat.click("holder.remove", { id: TECH, version: (await stored(bot, TECH)).version });
    await chat.press(confirm.findAction("holder.confirm.remove"));
    const version = (await stored(bot, TECH)).version;
    const audits = (await auditActions(bot)).length;
    await chat.press(confirm.findAction("holder.confirm.remove"));
    expect((await stored(bot, TECH)).version).to.equal(version);
    expect((await auditActions(bot)).length).to.equal(audits);
    expect(await holderOf(bot, TECH)).to.equal(undefined);
  });

  it("says the card is out of date and changes nothing when the benefit moved on after the row was shown", async () => {
    const chat = bot.chat(ALEX);
    const row = await chat.click("overview.category", { id: "technical" });
    const removeButton = row.actions().find((a) => a.verb === "holder.remove" && a.data.id === TECH) ?? expect.fail("no Remove");
    const confirm = await chat.press(removeButton);
    // Another admin reassigns it meanwhile.
    const other = bot.chat(ALEX);
    const form = await other.press({ ...removeButton, verb: "holder.reassign" });
    const confirmOther = await other.press(form.findAction("holder.person"), { userId: LEE, alternateEmail: "lee@fabrikam.example" });
    await other.press(confirmOther.findAction("holder.confirm.reassign"));
    const version = (await stored(bot, TECH)).version;
    const turn = await chat.press(confirm.findAction("holder.confirm.remove"));
    expect(readable(turn)).to.include("That card is out of date");
    expect(await holderOf(bot, TECH)).to.equal(LEE);
    expect((await stored(bot, TECH)).version).to.equal(version);
  });

  it("answers an older confirm card of the other action as out of date: Remove's button never reassigns, nor the reverse", async () => {
    const chat = bot.chat(ALEX);
    const row = await chat.click("overview.category", { id: "technical" });
    const removeButton = row.actions().find((a) => a.verb === "holder.remove" && a.data.id === TECH) ?? expect.fail("no Remove");
    const removeConfirm = await chat.press(removeButton);
    const form = await chat.press({ ...removeButton, verb: "holder.reassign" });
    await chat.press(form.findAction("holder.person"), { userId: LEE, alternateEmail: "lee@fabrikam.example" });
    const version = (await stored(bot, TECH)).version;
    const holder = await holderOf(bot, TECH);
    const turn = await chat.press(removeConfirm.findAction("holder.confirm.remove"));
    expect(readable(turn)).to.include("That card is out of date");
    expect(await holderOf(bot, TECH)).to.equal(holder);
    expect((await stored(bot, TECH)).version).to.equal(version);
  });

  it("refuses someone who is not a global admin, and changes nothing", async () => {
    const turn = await bot.chat(LEE).click("holder.remove", { id: TECH, version: (await stored(bot, TECH)).version });
    expect(readable(turn)).to.include("Global admin");
    expect(readable(turn)).to.not.include("Remove the user of");
    expect(await holderOf(bot, TECH)).to.equal(NESTOR);
  });

  it("does not find a benefit of another organization: an id from another tenant changes nothing there", async () => {
    const other = "0b0b0b0b-1111-4222-8333-444444444444";
    await bot.repos.users.create(aUser("fab-admin", ["globalAdmin"], { tenantId: other }));
    const turn = await bot.chat("fab-admin", { tenantId: other }).click("holder.remove", { id: TECH, version: 1 });
    expect(readable(turn)).to.include("couldn't find");
    expect(readable(turn)).to.not.include("Remove the user of");
    expect(await holderOf(bot, TECH)).to.equal(NESTOR);
    expect(await auditActions(bot)).to.not.include("technical.remove");
  });
});
