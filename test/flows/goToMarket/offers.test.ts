import { expect } from "chai";
import { MARKETING_CONTACT_ID, endOfDayIn, requestOfferActivation, type GoToMarketOffer } from "../../../benefits";
import { ADELE, ALEX, DEMO_TENANT, ISAIAH, MEGAN, startTestBot, type TestBot, type TestChat, type Turn } from "../../support/botHarness";
import { expectText, storedContact } from "./support";

const KIT = "gtm-silver-marketing-kit";
const DETAILS = { alternateEmail: "megan.marketing@fabrikam.com", phone: "+1 425 555 0100", language: "en" };

async function storedOffer(bot: TestBot, id: string): Promise<GoToMarketOffer> {
  const benefit = (await bot.repos.benefits.get(DEMO_TENANT, id))?.value;
  if (benefit?.category !== "goToMarket") throw new Error(`${id} is not a stored offer`);
  return benefit;
}

function activateButton(turn: Turn, offerId: string) {
  const found = turn.actions().find((a) => a.verb === "offers.activate" && a.data.id === offerId);
  if (found === undefined) throw new Error(`no Activate for ${offerId}`);
  return found;
}

/** Sets Megan as the contact through the contact flow, as an admin would. */
async function setContact(chat: TestChat): Promise<void> {
  const intro = await chat.say("marketing contact");
  const pick = await chat.press(intro.findAction("contact.edit"));
  const details = await chat.press(pick.findAction("contact.pickUser"), { userId: MEGAN });
  const confirm = await chat.press(details.findAction("contact.details"), DETAILS);
  await chat.press(confirm.findAction("contact.confirm"));
}

function isoDay(bot: TestBot, daysFromNow: number): string {
  return new Date(bot.deps.now().getTime() + daysFromNow * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

describe("Go-To-Market offers flow", () => {
  let bot: TestBot;
  beforeEach(async function () {
    this.timeout(60_000);
    bot = await startTestBot();
  });
  afterEach(async () => bot.stop());

  it("activates nothing and stores no contact when Cancel is pressed while setting the missing contact", async () => {
    const chat = bot.chat(ALEX);
    const needed = await chat.press(activateButton(await chat.say("go-to-market"), KIT));
    const pick = await chat.press(needed.findAction("Set marketing contact"));
    const canceled = await chat.press(pick.findAction("Cancel"));
    expectText(canceled, "Canceled. Nothing was changed.");
    expect((await storedOffer(bot, KIT)).state).to.equal("available");
    expect(await storedContact(bot)).to.equal(undefined);
  });

  it("lists offers under their level, sets the missing contact first, then requests activation, then marks it active", async () => {
    const chat = bot.chat(ALEX);
    const list = await chat.say("go-to-market");
    const text = list.allText();
    expect(text.indexOf("Gold Core")).to.be.lessThan(text.indexOf("Co-marketing campaign with Microsoft"));
    expect(text.indexOf("Silver Core")).to.be.lessThan(text.indexOf("Marketing campaign kit"));
    expect(text.indexOf("Co-marketing campaign with Microsoft")).to.be.lessThan(text.indexOf("Silver Core"));
    expectText(list, "No marketing contact yet", "Available");

    const needed = await chat.press(activateButton(list, KIT));
    expectText(needed, "Set a marketing contact first", "Marketing campaign kit");
    const pick = await chat.press(needed.findAction("Set marketing contact"));
    expectText(pick, "Choose the marketing contact");
    const details = await chat.press(pick.findAction("Next"), { userId: MEGAN });
    const confirm = await chat.press(details.findAction("Next"), DETAILS);
    expect((await storedOffer(bot, KIT)).state).to.equal("available");
    const requested = await chat.press(confirm.findAction("Assign user"));
    expectText(requested, "Megan Bowen is now your company marketing contact.", "Activation requested", "Pending activation");
    expectText(requested, "Activation can take several days and instructions are emailed to your marketing contact, Megan Bowen (megan.marketing@fabrikam.com)");
    expect(await storedContact(bot)).to.include({ userId: MEGAN });
    expect(await storedOffer(bot, KIT)).to.include({ state: "pending", requestedBy: ALEX, version: 1 });

    const pending = await chat.say("offers");
    expectText(pending, "Pending activation");
    const markActive = pending.actions().find((a) => a.verb === "offers.markActive" && a.data.id === KIT);
    if (markActive === undefined) throw new Error("no Mark active on the pending offer");
    const dateCard = await chat.press(markActive);
    expectText(dateCard, "Mark Marketing campaign kit active", "Expires on");
    const expires = isoDay(bot, 180);
    const active = await chat.press(dateCard.findAction("Mark active"), { expiresAt: expires });
    expectText(active, "Offer active", "Active");
    expect(await storedOffer(bot, KIT)).to.include({ state: "active", expiresAt: `${expires}T23:59:59.999Z`, version: 2 });

    const after = await chat.say("gtm");
    const row = after.allText();
    expect(row).to.include("Active");
    expect(row).to.include("Expires");
    expect(after.actions().some((a) => a.data.id === KIT)).to.equal(false);
  });

  it("stores an offer's typed expiry day as the end of that day in the admin's time zone, and shows it in theirs", async () => {
    await setContact(bot.chat(ALEX));
    await requestOfferActivation(bot.deps, { tenantId: DEMO_TENANT, userId: ALEX }, { benefitId: KIT });
    const zone = { localTimezone: "America/Los_Angeles" };
    const chat = bot.chat(ALEX);
    const list = await chat.send({ type: "message", text: "offers", ...zone });
    const markActive = list.actions().find((a) => a.verb === "offers.markActive" && a.data.id === KIT);
    if (markActive === undefined) throw new Error("no Mark active on the pending offer");
    const dateCard = await chat.send({ type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb: markActive.verb, data: markActive.data } }, ...zone });
    const confirm = dateCard.findAction("Mark active");
    const expires = isoDay(bot, 180);
    const active = await chat.send({ type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb: confirm.verb, data: { ...confirm.data, expiresAt: expires } } }, ...zone });
    const stored = await storedOffer(bot, KIT);
    expect(stored.expiresAt).to.equal(endOfDayIn(expires, "America/Los_Angeles")?.toISOString());
    expect(Date.parse(stored.expiresAt ?? "") - Date.parse(`${expires}T23:59:59.999Z`)).to.be.within(7 * 3600_000, 8 * 3600_000);
    const [year, month, day] = expires.split("-").map(Number);
    const shownDay = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day)));
    expect(active.allText()).to.contain(`${shownDay}, 11:59 PM`).and.not.contain("(UTC)");
  });

  it("shows a contact's typed display name as typed, not as Markdown, in the plain message after setting it", async () => {
    const name = "**Boss** [click](http://evil.example)";
    await bot.repos.users.create({ type: "user", id: "typed-name", tenantId: DEMO_TENANT, version: 0, displayName: name, email: "typed@contoso.com", roles: ["employee"], remindersMuted: false });
    const chat = bot.chat(ALEX);
    const needed = await chat.press(activateButton(await chat.say("offers"), KIT));
    const pick = await chat.press(needed.findAction("Set marketing contact"));
    const details = await chat.press(pick.findAction("Next"), { userId: "typed-name" });
    const confirm = await chat.press(details.findAction("Next"), DETAILS);
    const requested = await chat.press(confirm.findAction("Assign user"));
    expect(requested.texts).to.include("\\*\\*Boss\\*\\* \\[click](http://evil.example) is now your company marketing contact.");
    expect(requested.texts.join("\n")).not.to.include(name);
  });

  it("lets an MPN partner admin activate at once when a contact exists", async () => {
    await setContact(bot.chat(ALEX));
    const chat = bot.chat(MEGAN);
    const list = await chat.say("activate offer");
    expectText(list, "Marketing contact: **Megan Bowen**");
    const requested = await chat.press(activateButton(list, KIT));
    expectText(requested, "Activation requested");
    expect(await storedOffer(bot, KIT)).to.include({ state: "pending", requestedBy: MEGAN });
  });

  for (const [who, userId] of [
    ["an employee", ADELE],
    ["a user admin", ISAIAH],
  ] as const) {
    it(`refuses ${who}, naming Global admin / MPN partner admin and who holds them, and changes nothing`, async () => {
      const chat = bot.chat(userId);
      const turn = await chat.say("gtm");
      expectText(turn, "This needs the role Global admin / MPN partner admin. Ask Alex Wilber, Megan Bowen.");
      const clicked = await chat.click("offers.activate", { id: KIT, version: 0 });
      expectText(clicked, "This needs the role Global admin / MPN partner admin.");
      expect((await storedOffer(bot, KIT)).version).to.equal(0);
    });
  }

  it("activates once when Activate is clicked twice, re-rendering the current state the second time", async () => {
    await setContact(bot.chat(ALEX));
    const chat = bot.chat(ALEX);
    const list = await chat.say("offers");
    await chat.press(activateButton(list, KIT));
    const second = await chat.press(activateButton(list, KIT));
    expectText(second, "That card is out of date, so nothing was done. Here is the current state.", "Pending activation");
    expect(await storedOffer(bot, KIT)).to.include({ state: "pending", version: 1 });
  });

  it("re-renders the current state and changes nothing when the list is outdated", async () => {
    await setContact(bot.chat(ALEX));
    const alex = bot.chat(ALEX);
    const old = await alex.say("offers");
    const megan = bot.chat(MEGAN);
    await megan.press(activateButton(await megan.say("offers"), KIT));
    const before = await storedOffer(bot, KIT);
    const stale = await alex.press(activateButton(old, KIT));
    expectText(stale, "That card is out of date");
    expect(stale.actions().some((a) => a.verb === "offers.markActive" && a.data.id === KIT)).to.equal(true);
    expect(await storedOffer(bot, KIT)).to.deep.equal(before);
  });

  it("answers plainly and changes nothing for forged offer ids and fields", async () => {
    await setContact(bot.chat(ALEX));
    const chat = bot.chat(ALEX);
    const list = await chat.say("offers");
    const vs = await chat.click("offers.activate", { id: "vs-enterprise", version: 0 });
    expectText(vs, "I couldn't find that item in your organization.");
    const unknown = await chat.click("offers.activate", { id: "gtm-of-another-tenant", version: 0 });
    expectText(unknown, "I couldn't find that item in your organization.");
    const extra = await chat.press(activateButton(list, KIT), { tenantId: "another-tenant" });
    expectText(extra, "That doesn't look right");
    const oversized = await chat.click("offers.activate", { id: "x".repeat(300), version: 0 });
    expect(oversized.allText()).to.match(/out of date|doesn't look right/);
    expect((await storedOffer(bot, KIT)).version).to.equal(0);
    expect((await bot.repos.benefits.get(DEMO_TENANT, "vs-enterprise"))?.value.version).to.equal(0);
  });

  it("asks again for an expiry date in the past and changes nothing", async () => {
    await setContact(bot.chat(ALEX));
    const chat = bot.chat(ALEX);
    await chat.press(activateButton(await chat.say("offers"), KIT));
    const markActive = (await chat.say("offers")).findAction("Mark active");
    const dateCard = await chat.press(markActive);
    const past = await chat.press(dateCard.findAction("Mark active"), { expiresAt: isoDay(bot, -3) });
    expectText(past, "Enter the expiry date as a date after today.", "Expires on");
    const empty = await chat.press(past.findAction("Mark active"), { expiresAt: "" });
    expectText(empty, "Enter the expiry date as a date after today.");
    expect(await storedOffer(bot, KIT)).to.include({ state: "pending", version: 1 });
  });

  it("refuses a Mark active click carrying another offer's id, asks again, and changes nothing", async () => {
    await setContact(bot.chat(ALEX));
    const chat = bot.chat(ALEX);
    await chat.press(activateButton(await chat.say("offers"), KIT));
    const other = "gtm-silver-listing";
    await chat.press(activateButton(await chat.say("offers"), other));
    const markActive = (await chat.say("offers")).actions().find((a) => a.verb === "offers.markActive" && a.data.id === KIT);
    if (markActive === undefined) throw new Error("no Mark active on the pending offer");
    const dateCard = await chat.press(markActive);
    const forged = await chat.press(dateCard.findAction("Mark active"), { id: other, expiresAt: isoDay(bot, 90) });
    expectText(forged, "That doesn't look right", "Mark Marketing campaign kit active");
    expect(await storedOffer(bot, KIT)).to.include({ state: "pending", version: 1 });
    expect(await storedOffer(bot, other)).to.include({ state: "pending", version: 1 });
    const active = await chat.press(forged.findAction("Mark active"), { expiresAt: isoDay(bot, 90) });
    expectText(active, "Offer active");
    expect(await storedOffer(bot, KIT)).to.include({ state: "active", version: 2 });
  });

  it("goes back from the contact step to the list and cancels without changing anything", async () => {
    const chat = bot.chat(ALEX);
    const needed = await chat.press(activateButton(await chat.say("offers"), KIT));
    expectText(needed, "Set a marketing contact first");
    const back = await chat.say("back");
    expectText(back, "Go-To-Market offers", "Silver Core");
    await chat.say("cancel");
    expect((await storedOffer(bot, KIT)).version).to.equal(0);
    expect(await bot.repos.marketingContacts.get(DEMO_TENANT, MARKETING_CONTACT_ID)).to.equal(undefined);
  });

  it("runs end to end in French", async () => {
    const chat = bot.chat(ALEX, { locale: "fr-FR" });
    const list = await chat.say("activer une offre");
    expectText(list, "Offres de mise sur le marché", "Silver Core", "Disponible");
    const needed = await chat.press(activateButton(list, KIT));
    expectText(needed, "Définissez d'abord un contact marketing");
    const pick = await chat.press(needed.findAction("Définir le contact marketing"));
    const details = await chat.press(pick.findAction("Suivant"), { userId: MEGAN });
    const confirm = await chat.press(details.findAction("Suivant"), { ...DETAILS, language: "fr" });
    const requested = await chat.press(confirm.findAction("Attribuer l'utilisateur"));
    expectText(requested, "Activation demandée", "L'activation peut prendre plusieurs jours");
    const dateCard = await chat.press((await chat.say("offres")).findAction("Marquer active"));
    const active = await chat.press(dateCard.findAction("Marquer active"), { expiresAt: isoDay(bot, 90) });
    expectText(active, "Offre active", "Expire le");
    expect((await storedOffer(bot, KIT)).state).to.equal("active");
  });
});
