import { expect } from "chai";
import sinon from "sinon";
import { BenefitsError } from "../../../benefits";
import { aUser } from "../../benefits/fixtures";
import { ADELE, ALEX, DEMO_TENANT, LEE, NESTOR, startTestBot, type TestBot } from "../../support/botHarness";
import { readable } from "../visualStudio/seatsSupport";
import { auditActions, AZURE, GONE_ADMIN, heldByLeavers, holderOf, stored, TECH } from "./support";

const LEE_ALTERNATE = "lee.gu@fabrikam.example";

describe("Reassign on rows held by someone who left", () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
    await heldByLeavers(bot);
  });
  afterEach(async () => {
    sinon.restore();
    await bot.stop();
  });

  async function reassignForm(chat = bot.chat(ALEX)) {
    const form = await chat.click("holder.reassign", { id: TECH, version: (await stored(bot, TECH)).version });
    return { chat, form };
  }

  it("reassigns a technical benefit: new user and alternate email, confirm, one write, pending for the new user", async () => {
    const { chat, form } = await reassignForm();
    expect(readable(form)).to.include("Reassign Microsoft product support incidents (now: Nestor Wilke (held by someone who left the organization))");
    const version = (await stored(bot, TECH)).version;
    const confirm = await chat.press(form.findAction("holder.person"), { userId: LEE, alternateEmail: LEE_ALTERNATE });
    expect(readable(confirm)).to.include("Reassign Microsoft product support incidents?").and.to.include(LEE_ALTERNATE).and.to.include("lee.gu@contoso.com");
    const done = await chat.press(confirm.findAction("holder.confirm.reassign"));
    expect(readable(done)).to.include("Reassigned: Lee Gu now holds Microsoft product support incidents in place of Nestor Wilke.");
    const benefit = await stored(bot, TECH);
    expect(benefit.category === "technical" && benefit.assignment).to.deep.include({ userId: LEE, alternateEmail: LEE_ALTERNATE, state: "pending", assignedBy: ALEX });
    expect(benefit.version, "remove and assign in one write").to.equal(version + 1);
    expect((await auditActions(bot)).filter((a) => a === "technical.reassign")).to.have.length(1);
    const history = readable(await chat.say("history"));
    expect(history).to.include("reassigned a technical benefit").and.not.to.include("technical.reassign");
  });

  it("asks again on the same card when the alternate email is the new user's account email, and changes nothing", async () => {
    const { chat, form } = await reassignForm();
    const again = await chat.press(form.findAction("holder.person"), { userId: LEE, alternateEmail: " Lee.Gu@contoso.com " });
    expect(readable(again)).to.include("must be different from the user's account email");
    expect(again.findAction("holder.person")).to.not.equal(undefined);
    const bad = await chat.press(again.findAction("holder.person"), { userId: LEE, alternateEmail: "not-an-address" });
    expect(readable(bad)).to.include("isn't a valid email address");
    expect(await holderOf(bot, TECH)).to.equal(NESTOR);
  });

  it("refuses the person who already holds it, someone who left and an id of another organization", async () => {
    await bot.repos.users.create(aUser("fab-1", ["employee"], { tenantId: "0b0b0b0b-1111-4222-8333-444444444444", email: "fab@fabrikam.example" }));
    const { chat, form } = await reassignForm();
    for (const userId of [GONE_ADMIN, "fab-1", NESTOR]) {
      const again = await chat.press(form.findAction("holder.person"), { userId, alternateEmail: LEE_ALTERNATE });
      expect(readable(again)).to.match(/isn't in your directory|already holds it/);
      expect(readable(again)).to.not.include("Reassign Microsoft product support incidents?");
    }
    expect(await holderOf(bot, TECH)).to.equal(NESTOR);
  });

  it("offers a typeahead when there are more than 15 people, and reassigns to the person picked from it", async () => {
    for (let i = 0; i < 20; i++) await bot.repos.users.create(aUser(`emp-${i}`, ["employee"], { tenantId: DEMO_TENANT, displayName: `Employee ${i}`, email: `employee${i}@contoso.com` }));
    const { chat, form } = await reassignForm();
    expect(JSON.stringify(form.card())).to.include('"choices.data":{"type":"Data.Query","dataset":"people"}');
    const confirm = await chat.press(form.findAction("holder.person"), { userId: "emp-7", alternateEmail: "seven@fabrikam.example" });
    await chat.press(confirm.findAction("holder.confirm.reassign"));
    expect(await holderOf(bot, TECH)).to.equal("emp-7");
  });

  it("tells the truth when the write fails: nothing changed, the confirm card comes back, pressing it again finishes", async () => {
    const { chat, form } = await reassignForm();
    const confirm = await chat.press(form.findAction("holder.person"), { userId: LEE, alternateEmail: LEE_ALTERNATE });
    const version = (await stored(bot, TECH)).version;
    const replace = bot.repos.benefits.replace.bind(bot.repos.benefits);
    sinon.stub(bot.repos.benefits, "replace").onFirstCall().rejects(new BenefitsError("UNAVAILABLE", "injected 503", { status: 503 })).callsFake(replace);
    const failed = await chat.press(confirm.findAction("holder.confirm.reassign"));
    expect(readable(failed)).to.include("can't be reached right now");
    expect(await holderOf(bot, TECH)).to.equal(NESTOR);
    expect((await stored(bot, TECH)).version).to.equal(version);
    const retried = await chat.press(failed.findAction("holder.confirm.reassign"));
    expect(readable(retried)).to.include("Reassigned: Lee Gu now holds");
    expect(await holderOf(bot, TECH)).to.equal(LEE);
    expect((await auditActions(bot)).filter((a) => a === "technical.reassign")).to.have.length(1);
  });

  it("lets the admin take over the departed admin's Azure subscription: confirm, they become its user", async () => {
    const chat = bot.chat(ALEX);
    const confirm = await chat.click("holder.reassign", { id: AZURE, version: (await stored(bot, AZURE)).version });
    expect(readable(confirm)).to.include("Reassign Azure usage-based subscription to you?");
    const done = await chat.press(confirm.findAction("holder.confirm.reassign"));
    expect(readable(done)).to.include("You now hold").and.to.include("in place of Pradeep Gupta");
    expect(await holderOf(bot, AZURE)).to.equal(ALEX);
    expect((await auditActions(bot)).filter((a) => a === "cloud.takeOver")).to.have.length(1);
    const replay = await chat.press(confirm.findAction("holder.confirm.reassign"));
    // The flow has ended: the old button is answered like every finished card's, and nothing happens twice.
    expect(readable(replay)).to.include("nothing was done");
    expect(await holderOf(bot, AZURE)).to.equal(ALEX);
    expect((await auditActions(bot)).filter((a) => a === "cloud.takeOver"), "a replay writes nothing").to.have.length(1);
  });

  it("refuses Reassign to someone who is not a global admin", async () => {
    const turn = await bot.chat(ADELE).click("holder.reassign", { id: AZURE, version: (await stored(bot, AZURE)).version });
    expect(readable(turn)).to.include("Global admin");
    expect(await holderOf(bot, AZURE)).to.equal(GONE_ADMIN);
  });

  it("goes Back from the confirm card to the form, with the person and email kept", async () => {
    const { chat, form } = await reassignForm();
    const confirm = await chat.press(form.findAction("holder.person"), { userId: LEE, alternateEmail: LEE_ALTERNATE });
    const back = await chat.press(confirm.findAction("nav.back"));
    expect(JSON.stringify(back.card())).to.include(`"value":"${LEE_ALTERNATE}"`).and.to.include(`"value":"${LEE}"`);
    expect(await holderOf(bot, TECH)).to.equal(NESTOR);
  });

  it("speaks French on the reassign form and confirm card", async () => {
    const chat = bot.chat(ALEX, { locale: "fr-FR" });
    const form = await chat.click("holder.reassign", { id: TECH, version: (await stored(bot, TECH)).version });
    expect(readable(form)).to.include("Réattribuer").and.to.include("E-mail secondaire");
    const confirm = await chat.press(form.findAction("holder.person"), { userId: LEE, alternateEmail: LEE_ALTERNATE });
    expect(readable(confirm)).to.include("en une seule étape");
  });
});
