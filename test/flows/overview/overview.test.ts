import { expect } from "chai";
import { assignVisualStudioSeat } from "../../../benefits";
import { ALEX, DEMO_TENANT, LEE, MEGAN, NESTOR, startTestBot, type TestBot, type TestChat, type Turn } from "../../support/botHarness";
import { readable } from "../visualStudio/seatsSupport";

const CATEGORY_TITLES = ["Software", "Cloud services", "Visual Studio subscriptions", "Technical benefits", "Go-To-Market"];

/** Every category's list, opened from the overview card's rows. */
async function openEveryCategory(chat: TestChat, overview: Turn): Promise<Turn[]> {
  const opens = overview.actions().filter((a) => a.verb === "overview.category");
  return Promise.all(opens.map((open) => chat.press(open)));
}

describe("Benefits overview flow", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
    await assignVisualStudioSeat(bot.deps, { tenantId: DEMO_TENANT, userId: ALEX }, { benefitId: "vs-enterprise", userId: LEE });
  });
  after(async () => {
    await bot.stop();
  });

  it("answers with one card holding one row per category, each with what matters and an Open button", async () => {
    const turn = await bot.chat(NESTOR).say("benefits");
    expect(turn.cards).to.have.length(1);
    const text = readable(turn);
    let last = -1;
    for (const title of CATEGORY_TITLES) {
      expect(text.indexOf(title), title).to.be.greaterThan(last);
      last = text.indexOf(title);
    }
    expect(text).to.match(/Visual Studio subscriptions\n(.*\n)?\d+ subscriptions · \d+ of \d+ seats used · next expiry \w{3} \d{1,2}, \d{4}/);
    expect(text).to.match(/\d+ offers · (\d+ [a-z ]+ · )*\d+ not activated yet/);
    const opens = turn.actions().filter((a) => a.verb === "overview.category");
    expect(opens.map((a) => a.data.id)).to.deep.equal(["software", "cloud", "visualStudio", "technical", "goToMarket"]);
  });

  it("opens a category's list with package, seats, state, expiry and who holds it, and a way back", async () => {
    const chat = bot.chat(NESTOR);
    const overview = await chat.say("benefits");
    const list = await chat.press(overview.actions().find((a) => a.data.id === "visualStudio") ?? overview.findAction("overview.category"));
    const text = readable(list);
    expect(text).to.include("Visual Studio subscriptions");
    expect(text).not.to.include("Cloud services");
    expect(text).to.include("Microsoft Action Pack · purchased");
    expect(text).to.include("2 of 5 seats used, 3 free");
    expect(text).to.include("Status: **Active**");
    expect(text).to.match(/Expires \w{3} \d{1,2}, \d{4}/);
    expect(text).to.include("Lee Gu");
    expect(list.actions().map((a) => a.verb), "an employee gets no buttons that change things").to.deep.equal(["overview.show"]);
    expect((await chat.press(list.findAction("overview.show"))).cards).to.have.length(1);
  });

  it("gives a global admin, in the categories' lists, the buttons that start each flow, with the item's id and version", async () => {
    const chat = bot.chat(ALEX);
    const lists = await openEveryCategory(chat, await chat.say("show benefits"));
    const actions = lists.flatMap((l) => l.actions());
    expect(actions.find((a) => a.verb === "vs.assign")?.data).to.deep.equal({ id: "vs-enterprise", version: 1 });
    for (const verb of ["vs.reassign", "vs.remove", "technical.assign", "software.keys", "cloud.open", "offers.activate", "cancel.start"]) {
      expect(actions.map((a) => a.verb)).to.include(verb);
    }
  });

  it("gives an MPN partner admin the Go-To-Market buttons only", async () => {
    const chat = bot.chat(MEGAN);
    const verbs = (await openEveryCategory(chat, await chat.say("overview"))).flatMap((l) => l.actions()).map((a) => a.verb);
    expect(verbs).to.include("offers.activate");
    expect(verbs).not.to.include("vs.assign");
  });

  it("starts the Visual Studio flow from the list's Assign button", async () => {
    const chat = bot.chat(ALEX);
    const lists = await openEveryCategory(chat, await chat.say("benefits"));
    const assign = lists.flatMap((l) => l.actions()).find((a) => a.verb === "vs.assign");
    if (assign === undefined) throw new Error("no Assign button on the Visual Studio list");
    expect(readable(await chat.press(assign))).to.include("Who gets a seat of Visual Studio Enterprise subscription?");
  });

  it("speaks French, agreeing with each category's noun", async () => {
    const chat = bot.chat(NESTOR, { locale: "fr-FR" });
    const overview = await chat.say("mes avantages de l'organisation");
    const text = readable(overview);
    expect(text).to.include("Abonnements Visual Studio");
    expect(text).to.match(/\d+ abonnements · \d+ licences utilisées sur \d+ · prochaine expiration le \d{1,2} [a-zéû.]+ \d{4}/);
    expect(text).to.match(/\d+ offres · .*pas encore activées?/);
    expect(text).not.to.match(/offres[^\n]* actifs?\b/);
    const vs = await chat.press(overview.actions().find((a) => a.data.id === "visualStudio") ?? overview.findAction("overview.category"));
    expect(readable(vs)).to.include("2 licences utilisées sur 5, 3 libres").and.include("acheté le");
    expect(readable(await bot.chat(NESTOR, { locale: "fr-FR" }).say("aperçu"))).to.include("Logiciels");
  });
  it("tells a global admin, not an employee, how many people can't be reached yet and why (EN, FR)", async () => {
    const waiting = (recipientId: string, benefitId: string) => ({
      type: "notification" as const,
      id: `${benefitId}:activated:${recipientId}`,
      tenantId: DEMO_TENANT,
      version: 0,
      benefitId,
      event: "activated" as const,
      recipientId,
      dueAt: "2026-11-01T00:00:00.000Z",
      state: "planned" as const,
      attempts: 1,
      waitingFor: "appNotInstalled" as const,
      facts: { benefitName: "Visual Studio Enterprise", category: "visualStudio" as const, activatedAt: "2026-11-01T00:00:00.000Z" },
    });
    await bot.repos.notifications.create(waiting(LEE, "unreachable-test-1"));
    await bot.repos.notifications.create(waiting(LEE, "unreachable-test-2"));
    try {
      expect(readable(await bot.chat(ALEX).say("benefits"))).to.contain("1 person can't be reached yet (the app isn't installed for them)");
      expect(readable(await bot.chat(ALEX, { locale: "fr-FR" }).say("avantages"))).to.contain("1 personne ne peut pas encore être jointe (l'application n'est pas installée pour elles)");
      expect(readable(await bot.chat(NESTOR).say("benefits"))).to.not.contain("can't be reached");
      await bot.repos.notifications.create({ ...waiting(MEGAN, "unreachable-test-3"), waitingFor: "noConversationKnown" });
      expect(readable(await bot.chat(ALEX).say("benefits"))).to.contain("2 people can't be reached yet (1: the app isn't installed for them; 1: they never opened a chat with the bot)");
    } finally {
      for (const id of ["unreachable-test-1", "unreachable-test-2"]) await bot.repos.notifications.delete(DEMO_TENANT, `${id}:activated:${LEE}`);
      await bot.repos.notifications.delete(DEMO_TENANT, `unreachable-test-3:activated:${MEGAN}`);
    }
  });
});
