import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { assignVisualStudioSeat, type UseCaseDeps } from "../../benefits";
import { composeBot } from "../../bot/composeBot";
import { CosmosBotStorage } from "../../storage/cosmosBotStorage";
import { seedDemoTenant } from "../../storage/demoSeed";
import { ADELE, ALEX, DEMO_TENANT, ISAIAH, LEE, MEGAN, SwappableMessenger, TestBot } from "../support/botHarness";
import { startTestCosmos } from "../support/cosmos";
import { localAdapter } from "../notifications/support/notificationWorld";
import { readable } from "../flows/visualStudio/seatsSupport";
import { aTeam, peopleSyncFor, RosterConnector, standInMember, teamEvent, TestClock } from "./world";

const DEMO_PEOPLE = [
  { id: ALEX, name: "Alex Wilber", email: "alex.wilber@contoso.com" },
  { id: MEGAN, name: "Megan Bowen", email: "megan.bowen@contoso.com" },
  { id: ADELE, name: "Adele Vance", email: "adele.vance@contoso.com" },
  { id: LEE, name: "Lee Gu", email: "lee.gu@contoso.com" },
  { id: ISAIAH, name: "Isaiah Langer", email: "isaiah.langer@contoso.com" },
].map((p) => ({ id: `29:${p.id}`, aadObjectId: p.id, name: p.name, email: p.email, userPrincipalName: p.email, tenantId: DEMO_TENANT }));

describe("sync people, and installing the bot in a team", () => {
  let bot: TestBot;
  let connector: RosterConnector;
  const team = aTeam();
  const clock = new TestClock();
  const newcomers = [standInMember(DEMO_TENANT, 1), standInMember(DEMO_TENANT, 2)];
  const leaver = standInMember(DEMO_TENANT, 3);
  let roster = [...DEMO_PEOPLE, ...newcomers, leaver];
  let nextNewcomer = 100;

  before(async function () {
    this.timeout(60_000);
    const cosmos = await startTestCosmos();
    connector = await RosterConnector.start({ clock: () => clock.now().getTime(), servedPageSize: 3 });
    connector.setRoster(team, roster);
    const now = new Date();
    const deps: UseCaseDeps = { repos: cosmos.repositories, now: () => now, newId: () => randomUUID() };
    await seedDemoTenant(cosmos.repositories, now);
    const messenger = new SwappableMessenger();
    const { sync: people } = peopleSyncFor(deps, localAdapter(), clock);
    const logs: string[] = [];
    const composed = composeBot({
      storage: new CosmosBotStorage(cosmos.botState),
      domain: deps,
      log: (m) => logs.push(m),
      privateMessenger: messenger,
      people,
      onRosterEvent: (context) => people.onRosterEvent(context),
    });
    bot = new TestBot(cosmos, composed, deps, logs, messenger);
    await bot.process(teamEvent(DEMO_TENANT, team, connector.url, { added: ["28:benefits-bot"] }));
    await assignVisualStudioSeat(deps, { tenantId: DEMO_TENANT, userId: ALEX }, { benefitId: "vs-enterprise", userId: leaver.aadObjectId });
    roster = roster.filter((m) => m !== leaver);
    connector.setRoster(team, roster);
    await bot.process(teamEvent(DEMO_TENANT, team, connector.url, { removed: [leaver.id] }));
  });
  after(async () => {
    await connector.close();
    await bot.stop();
  });

  /** A person who just joined the team, so a sync has something to add. */
  const someoneJoins = () => {
    roster = [...roster, standInMember(DEMO_TENANT, nextNewcomer++)];
    connector.setRoster(team, roster);
  };

  it("fills the directory from the team's roster when the bot is installed in the team", async () => {
    for (const person of newcomers) {
      const entry = await bot.repos.users.get(DEMO_TENANT, person.aadObjectId);
      expect(entry?.value).to.include({ displayName: person.name, email: person.email });
    }
    const alex = await bot.repos.users.get(DEMO_TENANT, ALEX);
    expect(alex?.value.roles, "a roster never changes roles").to.deep.equal(["globalAdmin"]);
  });

  it("marks someone removed from the team as left and keeps their entry", async () => {
    const entry = await bot.repos.users.get(DEMO_TENANT, leaver.aadObjectId);
    expect(entry?.value.leftAt).to.be.a("string");
  });

  it("answers a global admin's 'sync people' with the counts", async () => {
    someoneJoins();
    const turn = await bot.chat(ALEX).say("sync people");
    expect(turn.texts).to.deep.equal(["People synced from 1 team or group chat: 1 added, 0 updated, 0 left."]);
  });

  it("answers a user admin's 'synchroniser les personnes' in French", async () => {
    someoneJoins();
    const turn = await bot.chat(ISAIAH, { locale: "fr-FR" }).say("synchroniser les personnes");
    expect(turn.texts).to.deep.equal(["Personnes synchronisées depuis 1 équipe ou conversation de groupe : 1 ajoutées, 0 mises à jour, 0 parties."]);
  });

  it("refuses an employee, naming the roles it needs, and reads no roster", async () => {
    const calls = connector.calls.length;
    const turn = await bot.chat(LEE).say("sync people");
    expect(turn.allText()).to.contain("Global admin").and.to.contain("User admin");
    expect(turn.allText()).to.not.contain("People synced");
    expect(connector.calls.length).to.equal(calls);
  });

  it("lists Sync people on the help card of a user admin, not on an employee's", async () => {
    expect((await bot.chat(ISAIAH).say("help")).allText()).to.contain("Sync people");
    expect((await bot.chat(LEE).say("help")).allText()).to.not.contain("Sync people");
  });

  it("shows a seat of someone who left as held by someone who left the organization, with Reassign and Remove", async () => {
    const chat = bot.chat(ALEX);
    const turn = await chat.click("overview.category", { id: "visualStudio" });
    expect(readable(turn)).to.contain(`${leaver.name} (held by someone who left the organization)`);
    const row = turn.actions().filter((a) => a.data.id === "vs-enterprise").map((a) => a.verb);
    expect(row).to.include.members(["vs.reassign", "vs.remove"]);
    const french = await bot.chat(ALEX, { locale: "fr-FR" }).click("overview.category", { id: "visualStudio" });
    expect(readable(french)).to.contain(`${leaver.name} (détenu par une personne qui a quitté l'organisation)`);
  });

  it("shows a seat of someone still in the organization without that mark", async () => {
    await assignVisualStudioSeat(bot.deps, { tenantId: DEMO_TENANT, userId: ALEX }, { benefitId: "vs-enterprise", userId: newcomers[0]!.aadObjectId });
    const turn = await bot.chat(ALEX).click("overview.category", { id: "visualStudio" });
    expect(readable(turn)).to.contain(newcomers[0]!.name);
    expect(readable(turn)).to.not.contain(`${newcomers[0]!.name} (held by`);
  });
});
