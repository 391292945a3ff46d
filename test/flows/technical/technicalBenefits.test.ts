import { expect } from "chai";
import type { TechnicalBenefit } from "../../../benefits";
import { ADELE, ALEX, DEMO_TENANT, LEE, startTestBot, type TestBot, type TestChat, type Turn } from "../../support/botHarness";

const SUPPORT = "tech-support-incidents";

async function technical(bot: TestBot, id = SUPPORT): Promise<TechnicalBenefit> {
  const stored = await bot.repos.benefits.get(DEMO_TENANT, id);
  if (stored?.value.category !== "technical") throw new Error(`${id} is not a stored technical benefit`);
  return stored.value;
}

/** Drives the assignment up to the confirmation card. */
async function upToConfirmation(chat: TestChat, alternateEmail: string) {
  const list = await chat.say("technical benefits");
  const assign = list.actions().find((a) => a.verb === "technical.assign" && a.data.id === SUPPORT);
  if (assign === undefined) throw new Error("no Assign button for the support incidents");
  const userCard = await chat.press(assign);
  const emailCard = await chat.press(userCard.findAction("technical.user"), { userId: LEE });
  return { list, userCard, emailCard, confirm: await chat.press(emailCard.findAction("technical.email"), { alternateEmail }) };
}

describe("technical benefits flow", () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it("assigns a user with an alternate email, pending, then marks it active when the admin says so", async () => {
    const chat = bot.chat(ALEX);
    const { list, userCard, emailCard, confirm } = await upToConfirmation(chat, "lee.support@fabrikam.com");
    expect(list.allText()).to.contain("Microsoft product support incidents").and.contain("5 incidents").and.contain("Not assigned yet");
    expect(JSON.stringify(userCard.card())).to.contain('"style":"filtered"').and.contain("Lee Gu (lee.gu@contoso.com)");
    expect(emailCard.allText()).to.contain("lee.gu@contoso.com").and.not.contain("lee\\.gu");
    expect(confirm.allText()).to.contain("lee.support@fabrikam.com").and.contain("several days");

    const done = await chat.press(confirm.findAction("technical.confirm"));
    expect(done.allText()).to.contain("several days").and.contain("lee.gu@contoso.com").and.contain("lee.support@fabrikam.com");
    const pending = await technical(bot);
    expect(pending.assignment).to.include({ userId: LEE, alternateEmail: "lee.support@fabrikam.com", state: "pending", assignedBy: ALEX });

    const activated = await chat.press(done.findAction("Mark active"));
    expect(activated.allText()).to.contain("Active: assigned to Lee Gu");
    expect((await technical(bot)).assignment?.state).to.equal("active");
  });

  it("shows the whole list again after Mark active, the activated row updated, with the confirmation", async () => {
    const chat = bot.chat(ALEX);
    const { confirm } = await upToConfirmation(chat, "lee.support@fabrikam.com");
    await chat.press(confirm.findAction("technical.confirm"));
    const list = await chat.say("technical benefits");
    const markActive = list.actions().find((a) => a.verb === "technical.activate" && a.data.id === SUPPORT);
    if (markActive === undefined) throw new Error("no Mark active button for the support incidents");

    const activated = await chat.press(markActive);

    expect(activated.allText())
      .to.contain("Marked active.")
      .and.contain("Active: assigned to Lee Gu")
      .and.contain("Partner advisory hours")
      .and.contain("Technical presales and deployment services");
    expect(activated.actions().filter((a) => a.verb === "technical.activate")).to.have.length(0);
    expect((await technical(bot)).assignment?.state).to.equal("active");
  });

  it("shows the whole list again in French after Mark active, with the confirmation", async () => {
    const chat = bot.chat(ALEX, { locale: "fr-FR" });
    const { confirm } = await upToConfirmation(chat, "lee.support@fabrikam.com");
    const done = await chat.press(confirm.findAction("technical.confirm"));
    const activated = await chat.press(done.findAction("technical.activate"));
    expect(activated.allText()).to.contain("Marqué comme actif.").and.contain("Partner advisory hours").and.contain("Technical presales and deployment services");
    expect((await technical(bot)).assignment?.state).to.equal("active");
  });

  it("goes one card back with Back, the earlier answers kept, and changes nothing", async () => {
    const chat = bot.chat(ALEX);
    const { confirm } = await upToConfirmation(chat, "lee.support@fabrikam.com");
    const emailCard = await chat.press(confirm.findAction("nav.back"));
    expect(emailCard.actions().map((a) => a.verb)).to.include("technical.email");
    expect(JSON.stringify(emailCard.card())).to.contain("lee.support@fabrikam.com");
    const userCard = await chat.press(emailCard.findAction("Back"));
    expect(userCard.actions().map((a) => a.verb)).to.include("technical.user");
    const list = await chat.press(userCard.findAction("Back"));
    expect(list.allText()).to.contain("Partner advisory hours");
    expect(list.actions().some((a) => a.verb === "technical.assign" && a.data.id === SUPPORT)).to.equal(true);
    expect((await technical(bot)).assignment).to.equal(undefined);
    expect(await bot.repos.audit.recent(DEMO_TENANT, 10)).to.have.length(0);
  });

  const cancelFrom: ReadonlyArray<[string, (steps: Awaited<ReturnType<typeof upToConfirmation>>) => Turn]> = [
    ["the user card", (s) => s.userCard],
    ["the alternate email card", (s) => s.emailCard],
    ["the confirmation card", (s) => s.confirm],
  ];
  for (const [card, pick] of cancelFrom) {
    it(`stops with nothing changed when Cancel is pressed on ${card}`, async () => {
      const chat = bot.chat(ALEX);
      const steps = await upToConfirmation(chat, "lee.support@fabrikam.com");
      const canceled = await chat.press(pick(steps).findAction("Cancel"));
      expect(canceled.allText()).to.contain("Canceled. Nothing was changed.");
      expect((await technical(bot)).assignment).to.equal(undefined);
      expect(await bot.repos.audit.recent(DEMO_TENANT, 10)).to.have.length(0);
      const after = await chat.say("technical benefits");
      expect(after.allText()).to.contain("Not assigned yet");
    });
  }

  it("shows Retour and Annuler in French on the assignment cards", async () => {
    const chat = bot.chat(ALEX, { locale: "fr-FR" });
    const { userCard } = await upToConfirmation(chat, "lee.support@fabrikam.com");
    expect(userCard.findAction("nav.back").title).to.equal("Retour");
    expect(userCard.findAction("nav.cancel").title).to.equal("Annuler");
  });

  it("refuses the account email typed in another case, says which one, asks again and stores nothing", async () => {
    const chat = bot.chat(ALEX);
    const { confirm } = await upToConfirmation(chat, "  LEE.GU@Contoso.COM ");
    expect(confirm.allText()).to.contain("different from the user's account email (lee.gu@contoso.com)");
    expect(confirm.actions().map((a) => a.verb)).to.include("technical.email");
    expect((await technical(bot)).assignment).to.equal(undefined);

    const fixed = await chat.press(confirm.findAction("technical.email"), { alternateEmail: "lee@fabrikam.com" });
    expect(fixed.actions().map((a) => a.verb)).to.include("technical.confirm");
  });

  it("explains an invalid email and asks again when the address is malformed", async () => {
    const chat = bot.chat(ALEX);
    const { confirm } = await upToConfirmation(chat, "lee at fabrikam");
    expect(confirm.allText()).to.contain("isn't a valid email address");
    expect(confirm.actions().map((a) => a.verb)).to.include("technical.email");
    expect((await technical(bot)).assignment).to.equal(undefined);
  });

  it("refuses an employee, naming the role and who holds it", async () => {
    const turn = await bot.chat(ADELE).say("technical benefits");
    expect(turn.allText()).to.contain("Global admin").and.contain("Alex Wilber");
    expect(turn.actions().map((a) => a.verb)).not.to.include("technical.assign");
  });

  it("runs end to end in French", async () => {
    const chat = bot.chat(ALEX, { locale: "fr-FR" });
    const list = await chat.say("avantages techniques");
    expect(list.allText()).to.contain("Incidents de support produit Microsoft").and.contain("Pas encore attribué");
    const userCard = await chat.press(list.findAction("Attribuer un utilisateur"));
    const emailCard = await chat.press(userCard.findAction("Suivant"), { userId: LEE });
    expect(emailCard.allText()).to.contain("Adresse e-mail de secours");
    const same = await chat.press(emailCard.findAction("Suivant"), { alternateEmail: "Lee.Gu@contoso.com" });
    expect(same.allText()).to.contain("doit être différente");
    const confirm = await chat.press(same.findAction("Suivant"), { alternateEmail: "lee@fabrikam.com" });
    const done = await chat.press(confirm.findAction("Attribuer l'utilisateur"));
    expect(done.allText()).to.contain("plusieurs jours").and.contain("Marquer comme actif");
    expect((await technical(bot)).assignment?.state).to.equal("pending");
  });

  it("assigns once when the confirmation is clicked twice", async () => {
    const chat = bot.chat(ALEX);
    const { confirm } = await upToConfirmation(chat, "lee@fabrikam.com");
    await chat.press(confirm.findAction("technical.confirm"));
    const again = await chat.press(confirm.findAction("technical.confirm"));
    expect(again.allText()).to.contain("out of date");
    const stored = await technical(bot);
    expect(stored.version).to.equal(1);
    const audit = (await bot.repos.audit.recent(DEMO_TENANT, 50)).filter((e) => e.targetId === SUPPORT);
    expect(audit).to.have.length(1);
  });

  it("re-renders the current state and changes nothing when Mark active comes from an outdated card", async () => {
    const chat = bot.chat(ALEX);
    const { confirm } = await upToConfirmation(chat, "lee@fabrikam.com");
    await chat.press(confirm.findAction("technical.confirm"));
    const stale = await chat.click("technical.activate", { id: SUPPORT, version: 0 });
    expect(stale.cards).to.have.length(1);
    expect(stale.allText()).to.contain("out of date").and.contain("Pending activation");
    const stored = await technical(bot);
    expect(stored.assignment?.state).to.equal("pending");
    expect(stored.version).to.equal(1);
  });

  const forged: ReadonlyArray<[string, string, Record<string, unknown>]> = [
    ["a Visual Studio subscription id", "technical.assign", { id: "vs-enterprise", version: 0 }],
    ["another tenant's benefit id", "technical.assign", { id: "other-tech", version: 0 }],
    ["a Visual Studio id to Mark active", "technical.activate", { id: "vs-enterprise", version: 0 }],
    ["another tenant's id to Mark active", "technical.activate", { id: "other-tech", version: 0 }],
  ];
  for (const [what, verb, data] of forged) {
    it(`answers not found and changes nothing when the card carries ${what}`, async () => {
      await bot.repos.benefits.create({ ...(await technical(bot)), id: "other-tech", tenantId: "0000aaaa-1111-2222-3333-444455556666", version: 0 });
      const turn = await bot.chat(ALEX).click(verb, data);
      expect(turn.allText()).to.contain("couldn't find");
      const other = await bot.repos.benefits.get("0000aaaa-1111-2222-3333-444455556666", "other-tech");
      expect(other?.value.version).to.equal(0);
      expect((await bot.repos.benefits.get(DEMO_TENANT, "vs-enterprise"))?.value.version).to.equal(0);
      expect(await bot.repos.audit.recent(DEMO_TENANT, 10)).to.have.length(0);
    });
  }

  it("refuses a user choice with extra fields or an oversized id, and asks again", async () => {
    const chat = bot.chat(ALEX);
    const list = await chat.say("technical benefits");
    const userCard = await chat.press(list.findAction("technical.assign"));
    const extra = await chat.press(userCard.findAction("technical.user"), { userId: LEE, tenantId: "evil" });
    expect(extra.allText()).to.contain("isn't valid");
    const oversized = await chat.press(userCard.findAction("technical.user"), { userId: "x".repeat(500) });
    expect(oversized.allText()).to.contain("isn't valid");
    expect(oversized.actions().map((a) => a.verb)).to.include("technical.user");
  });

  it("goes back one step and cancels without storing anything", async () => {
    const chat = bot.chat(ALEX);
    const { confirm } = await upToConfirmation(chat, "lee@fabrikam.com");
    expect(confirm.actions().map((a) => a.verb)).to.include("technical.confirm");
    const back = await chat.say("back");
    expect(back.actions().map((a) => a.verb)).to.include("technical.email");
    const backAgain = await chat.say("back");
    expect(backAgain.actions().map((a) => a.verb)).to.include("technical.user");
    const canceled = await chat.say("cancel");
    expect(canceled.allText()).to.contain("Nothing was changed");
    expect((await technical(bot)).assignment).to.equal(undefined);
  });
});
