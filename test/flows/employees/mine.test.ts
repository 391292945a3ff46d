import { expect } from "chai";
import { MARKETING_CONTACT_ID, type Benefit } from "../../../benefits";
import { ADELE, ALEX, DEMO_TENANT, LEE, NESTOR, startTestBot, type TestBot } from "../../support/botHarness";
import { benefitOf, installMessenger, putBenefit, allTextOf, type RecordingMessenger } from "./support";

const OTHER_TENANT = "9e9e9e9e-1111-4222-8333-444455556666";
const DAY = 24 * 60 * 60 * 1000;

describe("what's assigned to me", () => {
  let bot: TestBot;
  let messenger: RecordingMessenger;
  const now = new Date("2026-03-10T12:00:00Z");

  before(async function () {
    this.timeout(60_000);
    bot = await startTestBot({ now });
    messenger = installMessenger(bot);
    await seedAssignments();
    await seedOtherTenant();
  });
  after(async () => {
    await bot.stop();
  });
  beforeEach(() => messenger.clear());

  async function seedAssignments(): Promise<void> {
    const advisory = await benefitOf(bot, DEMO_TENANT, "tech-advisory-hours");
    const incidents = await benefitOf(bot, DEMO_TENANT, "tech-support-incidents");
    const azure = await benefitOf(bot, DEMO_TENANT, "cloud-azure-usage");
    const offer = await benefitOf(bot, DEMO_TENANT, "gtm-gold-co-marketing");
    const at = new Date(now.getTime() - 2 * DAY).toISOString();
    if (advisory.category !== "technical" || incidents.category !== "technical" || azure.category !== "cloud" || offer.category !== "goToMarket") {
      throw new Error("demo tenant changed shape");
    }
    await putBenefit(bot, { ...advisory, assignment: { userId: ADELE, alternateEmail: "adele@alt.example.com", state: "pending", assignedAt: at, assignedBy: ALEX } });
    await putBenefit(bot, { ...incidents, assignment: { userId: LEE, alternateEmail: "lee@alt.example.com", state: "active", assignedAt: at, assignedBy: ALEX, activatedAt: at } });
    await putBenefit(bot, { ...azure, assignedTo: { userId: ADELE, assignedAt: at } });
    await putBenefit(bot, { ...offer, state: "active", requestedAt: at, requestedBy: ALEX, activatedAt: at, expiresAt: new Date(now.getTime() + 90 * DAY).toISOString() });
    await bot.repos.marketingContacts.create({
      type: "marketingContact",
      id: MARKETING_CONTACT_ID,
      tenantId: DEMO_TENANT,
      version: 0,
      userId: ADELE,
      alternateEmail: "adele@alt.example.com",
      phone: "+14255550100",
      language: "English",
      updatedAt: at,
      updatedBy: ALEX,
    });
  }

  /** Same benefit ids and the same user ids in another tenant, every item named "Foreign": none may leak. */
  async function seedOtherTenant(): Promise<void> {
    for (const stored of await bot.repos.users.list(DEMO_TENANT)) await bot.repos.users.create({ ...stored.value, tenantId: OTHER_TENANT });
    for (const stored of await bot.repos.benefits.list(DEMO_TENANT)) {
      const foreign: Benefit = { ...stored.value, tenantId: OTHER_TENANT, version: 0, name: `Foreign ${stored.value.name}` };
      if (foreign.category === "visualStudio") foreign.assignments = [{ userId: NESTOR, assignedAt: now.toISOString(), assignedBy: ALEX }, { userId: LEE, assignedAt: now.toISOString(), assignedBy: ALEX }];
      await bot.repos.benefits.create(foreign);
    }
  }

  it("lists only the asker's own items, each with its next step and expiry, when an employee asks in English", async () => {
    const turn = await bot.chat(ADELE).say("what's assigned to me");
    const text = turn.allText();
    expect(text).to.contain("What's assigned to you, Adele Vance");
    expect(text).to.contain("Visual Studio Enterprise subscription");
    expect(text).to.contain("https://my.visualstudio.com");
    expect(text).to.contain("Partner advisory hours");
    expect(text).to.contain("activation takes several days");
    expect(text).to.contain("Azure usage-based subscription");
    expect(text).to.contain("Azure portal");
    expect(text).to.contain("Co-marketing campaign with Microsoft");
    expect(text).to.contain("Active since");
    expect(text).to.match(/Expires \w{3} \d{1,2}, \d{4}/);
    expect(text).not.to.contain("Microsoft product support incidents");
    expect(text).not.to.contain("Visual Studio Professional");
    expect(text).not.to.contain("Foreign");
  });

  for (const phrase of ["what is assigned to me", "What’s assigned to me?", "whats assigned to me please", "my benefits", "show my benefits", "show me what has been assigned to me"]) {
    it(`understands "${phrase}"`, async () => {
      expect((await bot.chat(ADELE).say(phrase)).allText()).to.contain("What's assigned to you");
    });
  }

  for (const phrase of ["qu'est-ce qui m'est attribué", "Qu’est-ce qui m’est attribué ?", "mes avantages", "ce qui m'a été attribué", "afficher mes abonnements"]) {
    it(`understands "${phrase}" in French`, async () => {
      expect((await bot.chat(ADELE, { locale: "fr-FR" }).say(phrase)).allText()).to.contain("Ce qui vous est attribué");
    });
  }

  it("answers in French with French next steps when the locale is fr-FR", async () => {
    const text = (await bot.chat(ADELE, { locale: "fr-FR" }).say("qu'est-ce qui m'est attribué")).allText();
    expect(text).to.contain("Ce qui vous est attribué, Adele Vance");
    expect(text).to.contain("Étape suivante : connectez-vous et gérez votre abonnement sur https://my.visualstudio.com");
    expect(text).to.contain("l'activation prend plusieurs jours");
    expect(text).to.contain("portail Azure");
    expect(text).to.match(/Expire le \d{1,2} \S+ \d{4}/);
    expect(text).not.to.contain("Next step");
  });

  it("shows another employee only their own item when Lee asks", async () => {
    const text = (await bot.chat(LEE).say("my benefits")).allText();
    expect(text).to.contain("Microsoft product support incidents");
    expect(text).to.contain("Active since");
    expect(text).not.to.contain("Visual Studio Enterprise");
    expect(text).not.to.contain("Partner advisory hours");
    expect(text).not.to.contain("Co-marketing");
  });

  it("says nothing is assigned yet, names the global admins and offers a request when the asker holds nothing", async () => {
    const turn = await bot.chat(NESTOR).say("what's assigned to me");
    expect(turn.allText()).to.contain("Nothing is assigned to you yet. Ask your global admin (Alex Wilber)");
    expect(turn.findAction("request.start").title).to.equal("Request a benefit");
  });

  it("shows only the other tenant's items when the same user ids hold the same benefit ids in another tenant", async () => {
    const text = (await bot.chat(NESTOR, { tenantId: OTHER_TENANT }).say("what's assigned to me")).allText();
    expect(text).to.contain("Foreign Visual Studio Enterprise subscription");
    expect(text).to.contain("Foreign Visual Studio Professional subscription");
    expect(text).not.to.match(/^Visual Studio (Enterprise|Professional)/m);
    const adele = (await bot.chat(ADELE, { tenantId: OTHER_TENANT }).say("what's assigned to me")).allText();
    expect(adele).to.contain("Foreign Partner advisory hours");
    expect(adele).not.to.match(/^(Partner advisory hours|Azure usage|Visual Studio Enterprise)/m);
    expect(adele).not.to.contain("Co-marketing");
  });

  it("opens from the card button", async () => {
    expect((await bot.chat(ADELE).click("mine.show", {})).allText()).to.contain("What's assigned to you, Adele Vance");
  });

  for (const conversationType of ["groupChat", "channel"] as const) {
    it(`sends the list privately and only a short note to the ${conversationType}`, async () => {
      const turn = await bot.chat(ADELE, { conversationType }).say("what's assigned to me");
      expect(turn.allText()).to.contain("I sent you your benefits in a private chat.");
      expect(turn.allText()).not.to.contain("Visual Studio");
      expect(messenger.sends.map((s) => s.userId)).to.deep.equal([ADELE]);
      expect(allTextOf(messenger.sends[0]!.card)).to.contain("Visual Studio Enterprise subscription");
    });
  }

  it("says in the group that it could not reach the asker privately, without any detail, when the private send fails", async () => {
    messenger.unreachable.add(ADELE);
    const turn = await bot.chat(ADELE, { conversationType: "groupChat", locale: "fr-FR" }).say("mes avantages");
    expect(turn.allText()).to.contain("Je n'ai pas pu vous envoyer de message privé");
    expect(turn.allText()).not.to.match(/Visual Studio|Azure|advisory|conseil/);
  });
});
