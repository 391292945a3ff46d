import { expect } from "chai";
import { ALEX, DEMO_TENANT, ISAIAH, LEE, MEGAN, NESTOR, startTestBot, type TestBot } from "../../support/botHarness";
import { readable } from "../visualStudio/seatsSupport";

async function rolesOf(bot: TestBot, userId: string): Promise<string[] | undefined> {
  return (await bot.repos.users.get(DEMO_TENANT, userId))?.value.roles;
}

describe("Roles flow", () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it("lists people with their roles and grants a role", async () => {
    const chat = bot.chat(ALEX);
    const card = await chat.say("manage roles");
    expect(readable(card)).to.include("Megan Bowen");
    expect(readable(card)).to.include("MPN partner admin");
    const done = await chat.press(card.findAction("Grant role"), { userId: LEE, role: "mpnPartnerAdmin" });
    expect(readable(done)).to.include("Lee Gu now has the role MPN partner admin.");
    expect(await rolesOf(bot, LEE)).to.deep.equal(["mpnPartnerAdmin"]);
    const audit = await bot.repos.audit.recent(DEMO_TENANT, 1);
    expect(audit[0]?.action).to.equal("directory.grantRole");
  });

  it("removes a role, leaving the person an employee", async () => {
    const chat = bot.chat(ALEX);
    const card = await chat.say("roles");
    const done = await chat.press(card.findAction("roles.revoke"), { userId: ISAIAH, role: "userAdmin" });
    expect(readable(done)).to.include("Isaiah Langer no longer has the role User admin.");
    expect(await rolesOf(bot, ISAIAH)).to.deep.equal(["employee"]);
  });

  it("never removes the last global admin", async () => {
    const chat = bot.chat(ALEX);
    const card = await chat.say("manage roles");
    const refused = await chat.press(card.findAction("roles.revoke"), { userId: ALEX, role: "globalAdmin" });
    expect(readable(refused)).to.include("Your organization must keep at least one global admin.");
    expect(await rolesOf(bot, ALEX)).to.deep.equal(["globalAdmin"]);
  });

  it("keeps the roles form after a refusal, so the admin can make another change at once", async () => {
    const chat = bot.chat(ALEX);
    const card = await chat.say("manage roles");
    const refused = await chat.press(card.findAction("roles.revoke"), { userId: ALEX, role: "globalAdmin" });
    expect(refused.cards).to.have.length(1);
    expect(readable(refused)).to.include("Your organization must keep at least one global admin.");
    const done = await chat.press(refused.findAction("Grant role"), { userId: LEE, role: "userAdmin" });
    expect(readable(done)).to.include("Lee Gu now has the role User admin.");
    expect(await rolesOf(bot, LEE)).to.deep.equal(["userAdmin"]);
  });

  it("refuses someone who is not a global admin, naming who is, and changes nothing", async () => {
    const chat = bot.chat(MEGAN);
    const refused = await chat.say("manage roles");
    expect(readable(refused)).to.include("Global admin");
    expect(readable(refused)).to.include("Alex Wilber");
    const forged = await chat.click("roles.grant", { userId: MEGAN, role: "globalAdmin" });
    expect(readable(forged)).not.to.include("now has the role");
    expect(await rolesOf(bot, MEGAN)).to.deep.equal(["mpnPartnerAdmin"]);
  });

  it("rejects an unknown role or extra fields plainly and shows the form again", async () => {
    const chat = bot.chat(ALEX);
    const card = await chat.say("manage roles");
    const bad = await chat.press(card.findAction("roles.grant"), { userId: NESTOR, role: "superAdmin" });
    expect(readable(bad)).to.include("That doesn't look right");
    const extra = await chat.press(card.findAction("roles.grant"), { userId: NESTOR, role: "userAdmin", tenantId: "other" });
    expect(readable(extra)).to.include("That doesn't look right");
    expect(readable(extra)).to.include("Roles in your organization");
    expect(await rolesOf(bot, NESTOR)).to.deep.equal(["employee"]);
  });

  it("works in French", async () => {
    const chat = bot.chat(ALEX, { locale: "fr-FR" });
    const card = await chat.say("gérer les rôles");
    expect(readable(card)).to.include("Rôles dans votre organisation");
    const done = await chat.press(card.findAction("Attribuer le rôle"), { userId: NESTOR, role: "userAdmin" });
    expect(readable(done)).to.include("Nestor Wilke a maintenant le rôle Administrateur des utilisateurs.");
    expect(await rolesOf(bot, NESTOR)).to.deep.equal(["userAdmin"]);
  });
});
