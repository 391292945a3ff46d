import { expect } from "chai";
import { ADELE, ALEX, ISAIAH, LEE, MEGAN, startTestBot, type TestBot, type TestChat, type Turn } from "../../support/botHarness";
import { expectText, removeContact, storedContact } from "./support";

const DETAILS = { alternateEmail: "megan.marketing@fabrikam.com", phone: "+1 (425) 555-0100", language: "en" };

/** Add → pick Megan → details: the card on which the details are typed. */
async function reachDetails(chat: TestChat, intent = "marketing contact", addTitle = "Add", nextTitle = "Next"): Promise<Turn> {
  const intro = await chat.say(intent);
  const pick = await chat.press(intro.findAction(addTitle));
  return chat.press(pick.findAction(nextTitle), { userId: MEGAN });
}

describe("marketing contact flow", () => {
  let bot: TestBot;
  before(async function () {
    this.timeout(60_000);
    bot = await startTestBot();
  });
  after(async () => bot.stop());
  beforeEach(async () => removeContact(bot));

  it("adds the contact with a normalized phone and shows the next step when a global admin confirms", async () => {
    const chat = bot.chat(ALEX);
    const intro = await chat.say("marketing contact");
    expectText(intro, "No marketing contact is set yet.");
    const pick = await chat.press(intro.findAction("Add"));
    expectText(pick, "Megan Bowen (megan.bowen@contoso.com)");
    const details = await chat.press(pick.findAction("Next"), { userId: MEGAN });
    expectText(details, "Contact details for Megan Bowen");
    const confirm = await chat.press(details.findAction("Next"), DETAILS);
    expectText(confirm, "Assign Megan Bowen as marketing contact?", "+14255550100");
    expect(await storedContact(bot)).to.equal(undefined);
    const done = await chat.press(confirm.findAction("Assign user"));
    expectText(done, "Marketing contact saved", "Next: activate a Go-To-Market offer");
    expect(done.findAction("See Go-To-Market offers").verb).to.equal("offers.start");
    const stored = await storedContact(bot);
    expect(stored).to.include({ userId: MEGAN, alternateEmail: DETAILS.alternateEmail, phone: "+14255550100", language: "en", updatedBy: ALEX, version: 0 });
  });

  it("shows the current contact and changes it to another user when an MPN partner admin updates it", async () => {
    const alex = bot.chat(ALEX);
    const first = await reachDetails(alex);
    await alex.press((await alex.press(first.findAction("Next"), DETAILS)).findAction("Assign user"));

    const megan = bot.chat(MEGAN);
    const intro = await megan.say("contact marketing");
    expectText(intro, "Megan Bowen", "megan.marketing@fabrikam.com", "English");
    const pick = await megan.press(intro.findAction("Update or change"));
    const details = await megan.press(pick.findAction("Next"), { userId: LEE });
    const confirm = await megan.press(details.findAction("Next"), { alternateEmail: "lee@fabrikam.com", phone: "020 7946 0958", language: "fr" });
    await megan.press(confirm.findAction("Assign user"));
    expect(await storedContact(bot)).to.include({ userId: LEE, alternateEmail: "lee@fabrikam.com", phone: "02079460958", language: "fr", updatedBy: MEGAN, version: 1 });
  });

  it("says why and asks again, storing nothing, when the phone is invalid", async () => {
    const chat = bot.chat(ALEX);
    const details = await reachDetails(chat);
    const again = await chat.press(details.findAction("Next"), { ...DETAILS, phone: "call me maybe" });
    expectText(again, "That phone number isn't valid: use 7 to 15 digits", "Contact details for Megan Bowen");
    expect(again.findAction("Next").verb).to.equal("contact.details");
    expect(await storedContact(bot)).to.equal(undefined);
    const confirm = await chat.press(again.findAction("Next"), DETAILS);
    expectText(confirm, "Assign Megan Bowen as marketing contact?");
  });

  it("refuses the user's own account email in another case, naming it, and stores nothing", async () => {
    const chat = bot.chat(ALEX);
    const details = await reachDetails(chat);
    const again = await chat.press(details.findAction("Next"), { ...DETAILS, alternateEmail: " Megan.Bowen@CONTOSO.com " });
    expectText(again, "The alternate email must be different from the user's account email (megan.bowen@contoso.com).");
    expect(await storedContact(bot)).to.equal(undefined);
  });

  it("explains a malformed email and asks again", async () => {
    const chat = bot.chat(ALEX);
    const details = await reachDetails(chat);
    const again = await chat.press(details.findAction("Next"), { ...DETAILS, alternateEmail: "not-an-email" });
    expectText(again, "That isn't a valid email address.", "Contact details for Megan Bowen");
    expect(again.findAction("Next").verb).to.equal("contact.details");
    expect(await storedContact(bot)).to.equal(undefined);
  });

  for (const [who, userId] of [
    ["an employee", ADELE],
    ["a user admin", ISAIAH],
  ] as const) {
    it(`refuses ${who}, naming the roles needed and who holds them, and stores nothing`, async () => {
      const turn = await bot.chat(userId).say("marketing contact");
      expectText(turn, "This needs the role Global admin / MPN partner admin. Ask Alex Wilber, Megan Bowen.");
      expect(turn.actions()).to.have.length(0);
      expect(await storedContact(bot)).to.equal(undefined);
    });
  }

  it("re-renders the current contact and changes nothing when another admin saved first", async () => {
    const alex = bot.chat(ALEX);
    const megan = bot.chat(MEGAN);
    const alexConfirm = await alex.press(await reachDetails(alex).then((d) => d.findAction("Next")), DETAILS);
    const meganDetails = await reachDetails(megan);
    const meganConfirm = await megan.press(meganDetails.findAction("Next"), { ...DETAILS, alternateEmail: "megan.second@fabrikam.com" });
    await megan.press(meganConfirm.findAction("Assign user"));
    const before = await storedContact(bot);

    const stale = await alex.press(alexConfirm.findAction("Assign user"));
    expectText(stale, "That card is out of date, so nothing was done. Here is the current state.", "megan.second@fabrikam.com");
    expect(stale.findAction("Update or change").verb).to.equal("contact.edit");
    expect(await storedContact(bot)).to.deep.equal(before);
  });

  it("saves once when Assign user is clicked twice", async () => {
    const chat = bot.chat(ALEX);
    const confirm = await chat.press((await reachDetails(chat)).findAction("Next"), DETAILS);
    await chat.press(confirm.findAction("Assign user"));
    const second = await chat.press(confirm.findAction("Assign user"));
    expectText(second, "That card is out of date, so nothing was done.");
    expect(await storedContact(bot)).to.include({ version: 0 });
  });

  it("rejects forged card data plainly, asks again, and stores nothing", async () => {
    const chat = bot.chat(ALEX);
    const intro = await chat.say("marketing contact");
    const pick = await chat.press(intro.findAction("Add"));
    const next = pick.findAction("Next");
    const unknown = await chat.press(next, { userId: "user-from-elsewhere" });
    expectText(unknown, "I couldn't find that item in your organization.", "Choose the marketing contact");
    const extra = await chat.press(next, { userId: MEGAN, tenantId: "another-tenant" });
    expectText(extra, "That doesn't look right", "Choose the marketing contact");
    const oversized = await chat.press(next, { userId: "x".repeat(500) });
    expectText(oversized, "That doesn't look right");
    const details = await chat.press(next, { userId: MEGAN });
    const badLanguage = await chat.press(details.findAction("Next"), { ...DETAILS, language: "klingon" });
    expectText(badLanguage, "That doesn't look right", "Contact details for Megan Bowen");
    expect(await storedContact(bot)).to.equal(undefined);
  });

  it("goes back one step, and cancels without storing anything", async () => {
    const chat = bot.chat(ALEX);
    const details = await reachDetails(chat);
    const confirm = await chat.press(details.findAction("Next"), DETAILS);
    expectText(confirm, "Assign Megan Bowen");
    const back = await chat.say("back");
    expectText(back, "Contact details for Megan Bowen");
    const backAgain = await chat.say("back");
    expectText(backAgain, "Choose the marketing contact");
    const canceled = await chat.say("cancel");
    expectText(canceled, "Canceled. Nothing was changed.");
    expect(await storedContact(bot)).to.equal(undefined);
  });

  it("goes back card by card with the Back buttons, and stops with Cancel, storing nothing", async () => {
    const chat = bot.chat(ALEX);
    const details = await reachDetails(chat);
    const confirm = await chat.press(details.findAction("Next"), DETAILS);
    const backToDetails = await chat.press(confirm.findAction("nav.back"));
    expectText(backToDetails, "Contact details for Megan Bowen");
    expect(JSON.stringify(backToDetails.card())).to.contain(DETAILS.alternateEmail);
    const backToPick = await chat.press(backToDetails.findAction("Back"));
    expectText(backToPick, "Choose the marketing contact");
    const backToIntro = await chat.press(backToPick.findAction("Back"));
    expectText(backToIntro, "No marketing contact is set yet.");
    const pick = await chat.press(backToIntro.findAction("Add"));
    const canceled = await chat.press(pick.findAction("Cancel"));
    expectText(canceled, "Canceled. Nothing was changed.");
    expect(await storedContact(bot)).to.equal(undefined);
  });

  for (const card of ["details", "confirmation"] as const) {
    it(`stops with nothing stored when Cancel is pressed on the ${card} card`, async () => {
      const chat = bot.chat(ALEX);
      const details = await reachDetails(chat);
      const shown = card === "details" ? details : await chat.press(details.findAction("Next"), DETAILS);
      const canceled = await chat.press(shown.findAction("Cancel"));
      expectText(canceled, "Canceled. Nothing was changed.");
      expect(await storedContact(bot)).to.equal(undefined);
    });
  }

  it("runs end to end in French", async () => {
    const chat = bot.chat(ALEX, { locale: "fr-FR" });
    const intro = await chat.say("contact marketing");
    expectText(intro, "Contact marketing de la société", "Aucun contact marketing n'est encore défini.");
    const pick = await chat.press(intro.findAction("Ajouter"));
    const details = await chat.press(pick.findAction("Suivant"), { userId: MEGAN });
    expectText(details, "Coordonnées de Megan Bowen");
    const invalid = await chat.press(details.findAction("Suivant"), { ...DETAILS, phone: "12" });
    expectText(invalid, "Ce numéro de téléphone n'est pas valide");
    const confirm = await chat.press(invalid.findAction("Suivant"), { ...DETAILS, language: "fr" });
    expectText(confirm, "Désigner Megan Bowen comme contact marketing ?", "Français");
    expect(confirm.findAction("nav.back").title).to.equal("Retour");
    expect(confirm.findAction("nav.cancel").title).to.equal("Annuler");
    const done = await chat.press(confirm.findAction("Attribuer l'utilisateur"));
    expectText(done, "Contact marketing enregistré", "Étape suivante");
    expect(await storedContact(bot)).to.include({ userId: MEGAN, language: "fr" });
  });
});
