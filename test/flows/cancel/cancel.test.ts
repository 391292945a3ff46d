import { expect } from "chai";
import { revealSoftwareKeys, type Benefit } from "../../../benefits";
import { formatDeadline } from "../../../cards/strings";
import { ADELE, ALEX, DEMO_TENANT, MEGAN, startTestBot, type TestBot, type TestChat, type Turn } from "../../support/botHarness";
import { expectText } from "../goToMarket/support";

const VS_PRO = "vs-professional";
const PACKAGE = "pkg-action-pack";
const DAY_MS = 24 * 60 * 60 * 1000;

async function stored(bot: TestBot, id: string): Promise<Benefit> {
  const found = (await bot.repos.benefits.get(DEMO_TENANT, id))?.value;
  if (found === undefined) throw new Error(`${id} is not stored`);
  return found;
}

async function serviceRequestCount(bot: TestBot): Promise<number> {
  return (await bot.repos.serviceRequests.list(DEMO_TENANT)).length;
}

/** The package bought `days` ago: the demo seed buys it five days before the bot's clock. */
async function packageBoughtDaysAgo(bot: TestBot, days: number): Promise<string> {
  const pkg = await bot.repos.packages.get(DEMO_TENANT, PACKAGE);
  if (pkg === undefined) throw new Error("the demo package is missing");
  const purchasedAt = new Date(bot.deps.now().getTime() - days * DAY_MS).toISOString();
  await bot.repos.packages.replace({ ...pkg.value, purchasedAt, version: pkg.value.version + 1 }, pkg.etag);
  return new Date(Date.parse(purchasedAt) + 30 * DAY_MS).toISOString();
}

async function review(chat: TestChat, benefitId: string, intent = "request refund", button = "Check refund"): Promise<Turn> {
  const pick = await chat.say(intent);
  return chat.press(pick.findAction(button), { benefitId });
}

describe("cancel a benefit or offer flow", () => {
  let bot: TestBot;
  beforeEach(async function () {
    this.timeout(60_000);
    bot = await startTestBot();
  });
  afterEach(async () => bot.stop());

  it("opens one service request with a reference and marks the benefit cancel requested, within 30 days", async () => {
    const chat = bot.chat(ALEX);
    const pick = await chat.say("cancel a benefit");
    expectText(pick, "Visual Studio Professional subscription (Microsoft Action Pack)", "within 30 days");
    const reviewed = await chat.press(pick.findAction("Check refund"), { benefitId: VS_PRO });
    const deadline = formatDeadline("en", new Date(bot.deps.now().getTime() + 25 * DAY_MS));
    expectText(reviewed, "Cancel Visual Studio Professional subscription?", "A refund is possible", deadline);
    expect(reviewed.allText().split(deadline).length - 1, "the refund deadline, once per card").to.equal(1);
    expectText(reviewed, "no software key of this package can be revealed any more");
    expect(await serviceRequestCount(bot)).to.equal(0);
    const done = await chat.press(reviewed.findAction("Confirm cancel"));
    expectText(done, "Cancellation requested", "Cancel requested", /Service request \*\*SR-\d{8}-[A-Z0-9]+\*\*/);
    const requests = (await bot.repos.serviceRequests.list(DEMO_TENANT)).map((s) => s.value);
    expect(requests).to.have.length(1);
    expect(requests[0]).to.include({ kind: "cancel", benefitId: VS_PRO, createdBy: ALEX });
    expect((await stored(bot, VS_PRO)).cancelRequest?.reference).to.equal(requests[0]?.reference);

    const again = await chat.say("refund");
    expectText(again, "Visual Studio Professional subscription (Microsoft Action Pack): cancel requested");
    const blocked = await chat.press(again.findAction("Check refund"), { benefitId: VS_PRO });
    expectText(blocked, "A refund was already requested", requests[0]?.reference ?? "SR");
    expect(blocked.actions()).to.have.length(0);
  });

  it("refuses on day 31 with the deadline that applied, and stores nothing", async () => {
    const deadline = await packageBoughtDaysAgo(bot, 31);
    const reviewed = await review(bot.chat(ALEX), VS_PRO);
    expectText(reviewed, "No refund possible", `A refund can only be requested within 30 days of purchase. The deadline for this package was ${formatDeadline("en", deadline)}.`);
    expect(reviewed.allText().split(formatDeadline("en", deadline)).length - 1, "the refund deadline, once per card").to.equal(1);
    expect(reviewed.actions()).to.have.length(0);
    const forced = await bot.chat(ALEX).click("cancel.confirm", { id: VS_PRO, version: 0 });
    expectText(forced, "out of date");
    expect(await serviceRequestCount(bot)).to.equal(0);
    expect((await stored(bot, VS_PRO)).cancelRequest).to.equal(undefined);
  });

  it("still refunds on day 30", async () => {
    await packageBoughtDaysAgo(bot, 30);
    const chat = bot.chat(ALEX);
    const reviewed = await review(chat, VS_PRO);
    await chat.press(reviewed.findAction("Confirm cancel"));
    expect(await serviceRequestCount(bot)).to.equal(1);
  });

  it("refuses once a software benefit of the package had its keys revealed, naming it, and stores nothing", async () => {
    await revealSoftwareKeys(bot.deps, { tenantId: DEMO_TENANT, userId: ALEX }, { benefitId: "sw-windows-server" });
    const reviewed = await review(bot.chat(ALEX), VS_PRO);
    expectText(reviewed, "A refund isn't possible because a software benefit of this package was activated (Windows Server 2022 Standard: its keys were revealed).");
    expectText(reviewed, "(Refund deadline:");
    expect(reviewed.actions()).to.have.length(0);
    expect(await serviceRequestCount(bot)).to.equal(0);
  });

  it("refuses the refund when keys are revealed between the review and the confirmation, and stores nothing", async () => {
    const chat = bot.chat(ALEX);
    const reviewed = await review(chat, VS_PRO);
    await revealSoftwareKeys(bot.deps, { tenantId: DEMO_TENANT, userId: ALEX }, { benefitId: "sw-m365-apps" });

    const refused = await chat.press(reviewed.findAction("Confirm cancel"));

    expectText(refused, "A refund isn't possible because a software benefit of this package was activated (Microsoft 365 Apps for enterprise: its keys were revealed).");
    expect(await serviceRequestCount(bot)).to.equal(0);
    expect((await stored(bot, VS_PRO)).cancelRequest).to.equal(undefined);
  });

  it("requests once when Confirm cancel is clicked twice", async () => {
    const chat = bot.chat(ALEX);
    const reviewed = await review(chat, VS_PRO);
    await chat.press(reviewed.findAction("Confirm cancel"));
    const second = await chat.press(reviewed.findAction("Confirm cancel"));
    expectText(second, "out of date");
    expect(await serviceRequestCount(bot)).to.equal(1);
    expect((await stored(bot, VS_PRO)).version).to.equal(1);
  });

  it("re-renders the current state and changes nothing when the benefit changed since the card", async () => {
    const chat = bot.chat(ALEX);
    const reviewed = await review(chat, VS_PRO);
    const current = await bot.repos.benefits.get(DEMO_TENANT, VS_PRO);
    if (current === undefined) throw new Error("missing benefit");
    await bot.repos.benefits.replace({ ...current.value, version: current.value.version + 1 }, current.etag);
    const stale = await chat.press(reviewed.findAction("Confirm cancel"));
    expectText(stale, "That card is out of date, so nothing was done. Here is the current state.", "A refund is possible");
    expect(stale.findAction("Confirm cancel").data).to.include({ id: VS_PRO, version: 1 });
    expect(await serviceRequestCount(bot)).to.equal(0);
    await chat.press(stale.findAction("Confirm cancel"));
    expect(await serviceRequestCount(bot)).to.equal(1);
  });

  it("refuses an employee, naming the role and who holds it", async () => {
    const turn = await bot.chat(ADELE).say("request a refund");
    expectText(turn, "This needs the role Global admin. Ask Alex Wilber.");
    expect(await serviceRequestCount(bot)).to.equal(0);
  });

  it("offers an MPN partner admin only the Go-To-Market offers, and refuses a forged benefit id", async () => {
    const chat = bot.chat(MEGAN);
    const pick = await chat.say("refund");
    const text = pick.allText();
    expect(text).to.include("Marketing campaign kit");
    expect(text).not.to.include("Visual Studio");
    const forged = await chat.press(pick.findAction("Check refund"), { benefitId: VS_PRO });
    expectText(forged, "This needs the role Global admin. Ask Alex Wilber.");
    const offer = await chat.click("cancel.start", { id: "gtm-silver-listing", version: 0 });
    await chat.press(offer.findAction("Confirm cancel"));
    expect((await stored(bot, "gtm-silver-listing")).cancelRequest).not.to.equal(undefined);
    const offers = await chat.say("offers");
    expectText(offers, "Cancel requested");
    expect(await serviceRequestCount(bot)).to.equal(1);
  });

  it("answers plainly for unknown ids and extra fields, and stores nothing", async () => {
    const chat = bot.chat(ALEX);
    const pick = await chat.say("refund");
    const extra = await chat.press(pick.findAction("Check refund"), { benefitId: VS_PRO, tenantId: "another-tenant" });
    expectText(extra, "That doesn't look right");
    const unknown = await chat.press(extra.findAction("Check refund"), { benefitId: "benefit-of-another-tenant" });
    expectText(unknown, "I couldn't find that item in your organization.");
    const reviewed = await review(chat, VS_PRO);
    const otherId = await chat.press(reviewed.findAction("Confirm cancel"), { id: "vs-enterprise" });
    expectText(otherId, "Cancel Visual Studio Professional subscription?");
    expect(await serviceRequestCount(bot)).to.equal(0);
  });

  it("leaves plain cancel and annuler to the interruption, goes back, and cancels mid-flow without storing", async () => {
    const chat = bot.chat(ALEX);
    expectText(await chat.say("cancel"), "There is nothing to cancel.");
    expectText(await chat.say("annuler"), "There is nothing to cancel.");
    await review(chat, VS_PRO);
    const back = await chat.say("back");
    expectText(back, "Cancel a benefit or offer", "Check refund");
    expectText(await chat.say("cancel"), "Canceled. Nothing was changed.");
    expect(await serviceRequestCount(bot)).to.equal(0);
  });

  it("runs end to end in French", async () => {
    const chat = bot.chat(ALEX, { locale: "fr-FR" });
    const reviewed = await review(chat, VS_PRO, "annuler un avantage", "Vérifier le remboursement");
    expectText(reviewed, "Annuler Visual Studio Professional subscription ?", "Un remboursement est possible");
    const done = await chat.press(reviewed.findAction("Confirmer l'annulation"));
    expectText(done, "Annulation demandée", "La demande de service");
    await packageBoughtDaysAgo(bot, 31);
    const late = await review(chat, "vs-enterprise", "remboursement", "Vérifier le remboursement");
    expectText(late, "Aucun remboursement possible", "La date limite pour ce package était le");
    expect(await serviceRequestCount(bot)).to.equal(1);
  });
});
