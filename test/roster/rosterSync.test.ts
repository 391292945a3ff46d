import { expect } from "chai";
import { sweepAuditOutbox } from "../../benefits/useCases/auditOutbox";
import { addDirectoryUser, ROSTER_SET_ID, type DirectoryUser, type Repositories } from "../../benefits";
import { localAdapter, personalConversation, freshTenantId, domainFor } from "../notifications/support/notificationWorld";
import { aPackage, aUser, aVisualStudioBenefit, NOW } from "../benefits/fixtures";
import { startTestCosmos, type TestCosmos } from "../support/cosmos";
import { aTeam, busiestSecond, contextOf, peopleSyncFor, RosterConnector, standInMember, teamEvent, TestClock } from "./world";

const ROSTER_SIZE = 1200;

async function usersOf(repos: Repositories, tenantId: string): Promise<Map<string, { user: DirectoryUser; etag: string }>> {
  return new Map((await repos.users.list(tenantId)).map((s) => [s.value.id, { user: s.value, etag: s.etag }]));
}

describe("bot/rosterSync: the directory from Teams rosters", () => {
  let cosmos: TestCosmos;
  let connector: RosterConnector;
  const clock = new TestClock();
  const adapter = localAdapter();

  before(async () => {
    cosmos = await startTestCosmos();
    connector = await RosterConnector.start({ clock: () => clock.now().getTime(), servedPageSize: 50 });
  });
  after(async () => {
    await connector.close();
    await cosmos.stop();
  });

  const setUp = (people: number) => {
    const tenantId = freshTenantId();
    const team = aTeam();
    const members = Array.from({ length: people }, (_, i) => standInMember(tenantId, i + 1));
    connector.setRoster(team, members);
    const domain = domainFor(cosmos.repositories, clock);
    const { sync, logs } = peopleSyncFor(domain, adapter, clock);
    const install = () => sync.onRosterEvent(contextOf(adapter, teamEvent(tenantId, team, connector.url, { added: ["28:benefits-bot"] })));
    return { tenantId, team, members, domain, sync, logs, install };
  };

  describe("with a team of 1,200 people served 50 a page", () => {
    let world: ReturnType<typeof setUp>;
    before(async function () {
      this.timeout(120_000);
      world = setUp(ROSTER_SIZE);
      await world.install();
    });

    it("reads every page, following the continuation token, and adds everyone when the bot is installed", async () => {
      const calls = connector.callsTo(world.team);
      expect(calls).to.have.length(ROSTER_SIZE / 50);
      expect(calls[0]?.continuationToken).to.equal(undefined);
      expect(calls.slice(1).map((c) => c.continuationToken)).to.deep.equal(calls.slice(1).map((_, i) => `page-${i + 1}`));
      const users = await usersOf(cosmos.repositories, world.tenantId);
      expect(users.size).to.equal(ROSTER_SIZE);
      const first = users.get(world.members[0]!.aadObjectId)?.user;
      expect(first).to.include({ displayName: "Person 1", email: "person1@contoso.example" });
      expect(first?.roles).to.deep.equal(["employee"]);
      expect(first?.seenInRosterAt).to.be.a("string");
      expect(world.logs).to.deep.equal([]);
    });

    it("never makes more than 13 roster calls in any second of the conversation", () => {
      const times = connector.callsTo(world.team).map((c) => c.at);
      expect(busiestSecond(times)).to.be.at.most(13);
      // 24 calls at 13 per second need the clock to have moved past one second: the pacer did wait.
      expect(Math.max(...times) - Math.min(...times)).to.be.at.least(1000);
    });

    it("remembers the team in the tenant's roster set", async () => {
      const set = await cosmos.repositories.rosterSets.get(world.tenantId, ROSTER_SET_ID);
      expect(set?.value.rosters.map((r) => [r.conversationId, r.kind, r.serviceUrl])).to.deep.equal([[world.team, "team", connector.url]]);
    });

    it("audits each person added in the same write, for the sweep to copy to the audit log", async () => {
      const users = await cosmos.repositories.users.list(world.tenantId);
      const pending = users.flatMap((s) => s.value.outbox ?? []);
      expect(pending.filter((e) => e.action === "directory.rosterAdd")).to.have.length(ROSTER_SIZE);
      expect(pending.every((e) => e.actorId === "system:roster" && e.before === null)).to.equal(true);
    });

    it("writes nothing when synced again with nothing new", async () => {
      const before = await usersOf(cosmos.repositories, world.tenantId);
      const auditBefore = (await cosmos.repositories.audit.recent(world.tenantId, 5000)).length;
      const result = await world.sync.syncTenant(contextOf(localAdapter(), teamEvent(world.tenantId, world.team, connector.url, {})));
      expect(result).to.deep.equal({ added: 0, updated: 0, left: 0, unreadable: 0, rosters: 1 });
      const after = await usersOf(cosmos.repositories, world.tenantId);
      expect([...after].every(([id, { etag }]) => before.get(id)?.etag === etag), "every document untouched").to.equal(true);
      expect((await cosmos.repositories.audit.recent(world.tenantId, 5000)).length).to.equal(auditBefore);
    });
  });

  it("marks people removed from the only roster as left, keeps them, and un-leaves one who comes back", async () => {
    const world = setUp(5);
    await world.install();
    const [gone, back] = [world.members[3]!, world.members[4]!];
    connector.setRoster(world.team, world.members.slice(0, 3));
    await world.sync.onRosterEvent(contextOf(adapter, teamEvent(world.tenantId, world.team, connector.url, { removed: [gone.id, back.id] })));
    let users = await usersOf(cosmos.repositories, world.tenantId);
    expect(users.size, "nobody deleted").to.equal(5);
    expect(users.get(gone.aadObjectId)?.user.leftAt).to.equal(clock.now().toISOString());
    expect(users.get(world.members[0]!.aadObjectId)?.user.leftAt).to.equal(undefined);
    const left = (await cosmos.repositories.audit.recent(world.tenantId, 100)).filter((e) => e.action === "directory.rosterLeft");
    expect(left.map((e) => e.targetId).sort()).to.deep.equal([gone.aadObjectId, back.aadObjectId].sort());

    connector.setRoster(world.team, [...world.members.slice(0, 3), back]);
    const result = await world.sync.syncTenant(contextOf(adapter, teamEvent(world.tenantId, world.team, connector.url, { added: [back.id] })));
    expect(result).to.include({ added: 0, updated: 1, left: 0 });
    users = await usersOf(cosmos.repositories, world.tenantId);
    expect(users.get(back.aadObjectId)?.user.leftAt).to.equal(undefined);
    expect(users.get(gone.aadObjectId)?.user.leftAt).to.be.a("string");
  });

  it("keeps someone listed by another roster the bot knows, and marks nobody left when a roster cannot be read", async () => {
    const world = setUp(3);
    await world.install();
    const other = aTeam();
    connector.setRoster(other, [world.members[2]!]);
    await world.sync.onRosterEvent(contextOf(adapter, teamEvent(world.tenantId, other, connector.url, { added: ["28:benefits-bot"] })));
    connector.setRoster(world.team, world.members.slice(0, 2));
    connector.failPage(other, 0);
    const failed = await world.sync.syncTenant(contextOf(adapter, teamEvent(world.tenantId, world.team, connector.url, {})));
    expect(failed).to.include({ left: 0, unreadable: 1, rosters: 2 });
    expect(world.logs.join("\n")).to.contain("could not be read");
    connector.setRoster(world.team, world.members.slice(0, 1));
    connector.setRoster(other, [world.members[2]!]);
    const read = await world.sync.syncTenant(contextOf(adapter, teamEvent(world.tenantId, world.team, connector.url, {})));
    expect(read).to.include({ left: 1, unreadable: 0 });
    const users = await usersOf(cosmos.repositories, world.tenantId);
    expect(users.get(world.members[1]!.aadObjectId)?.user.leftAt, "in no roster").to.be.a("string");
    expect(users.get(world.members[2]!.aadObjectId)?.user.leftAt, "still in the other team").to.equal(undefined);
  });

  it("copies the added people's audit entries to the log when the scheduler sweeps the tenant", async () => {
    const world = setUp(3);
    await world.install();
    expect(await sweepAuditOutbox(world.domain, world.tenantId)).to.equal(3);
    const entries = await cosmos.repositories.audit.recent(world.tenantId, 100);
    expect(entries.filter((e) => e.action === "directory.rosterAdd").map((e) => e.targetId).sort()).to.deep.equal(world.members.map((m) => m.aadObjectId).sort());
    const result = await world.sync.syncTenant(contextOf(adapter, teamEvent(world.tenantId, world.team, connector.url, {})));
    expect(result).to.include({ added: 0, updated: 0, left: 0 });
  });

  it("never marks left someone no roster ever listed (people who only talked to the bot, the demo people)", async () => {
    const world = setUp(2);
    await cosmos.repositories.users.create({ ...aUser("c3c3c3c3-0000-4000-8000-000000000001", ["globalAdmin"]), tenantId: world.tenantId });
    await world.install();
    const admin = await cosmos.repositories.users.get(world.tenantId, "c3c3c3c3-0000-4000-8000-000000000001");
    expect(admin?.value.leftAt).to.equal(undefined);
    expect(admin?.value.version).to.equal(0);
  });

  it("links a placeholder an admin added with the same email: its seat moves to the person", async () => {
    const world = setUp(2);
    const adminId = "c3c3c3c3-0000-4000-8000-000000000002";
    await cosmos.repositories.users.create({ ...aUser(adminId, ["globalAdmin"]), tenantId: world.tenantId });
    const placeholder = await addDirectoryUser(world.domain, { tenantId: world.tenantId, userId: adminId }, { displayName: "Pat Placeholder", email: "PERSON2@contoso.example" });
    await cosmos.repositories.packages.create({ ...aPackage("pkg-1", NOW.toISOString()), tenantId: world.tenantId });
    await cosmos.repositories.benefits.create({
      ...aVisualStudioBenefit("vs-1", 2, { assignments: [{ userId: placeholder.id, assignedAt: NOW.toISOString(), assignedBy: adminId }] }),
      tenantId: world.tenantId,
    });
    await world.install();
    const person = world.members[1]!.aadObjectId;
    expect(await cosmos.repositories.users.get(world.tenantId, placeholder.id), "placeholder removed").to.equal(undefined);
    const vs = await cosmos.repositories.benefits.get(world.tenantId, "vs-1");
    expect(vs?.value.category === "visualStudio" && vs.value.assignments.map((a) => a.userId)).to.deep.equal([person]);
    const entry = await cosmos.repositories.users.get(world.tenantId, person);
    expect(entry?.value.seenInRosterAt).to.be.a("string");
  });

  it("enrolls a configured first admin as a global admin, not as an employee", async () => {
    const world = setUp(1);
    const first = world.members[0]!.aadObjectId;
    const { sync } = peopleSyncFor(world.domain, adapter, clock, { bootstrap: [first] });
    await sync.onRosterEvent(contextOf(adapter, teamEvent(world.tenantId, world.team, connector.url, { added: ["28:benefits-bot"] })));
    expect((await cosmos.repositories.users.get(world.tenantId, first))?.value.roles).to.deep.equal(["globalAdmin"]);
  });

  it("leaves out guests of another tenant and members without an address", async () => {
    const world = setUp(1);
    const guest = { ...standInMember("other-tenant", 99), tenantId: "other-tenant" };
    const { email: _none, ...noEmail } = standInMember(world.tenantId, 98);
    connector.setRoster(world.team, [...world.members, guest, { ...noEmail, userPrincipalName: "not an address" }]);
    await world.install();
    const users = await usersOf(cosmos.repositories, world.tenantId);
    expect([...users.keys()]).to.deep.equal([world.members[0]!.aadObjectId]);
  });

  it("sends each global admin one card per sync listing the seats held by people who left", async () => {
    const world = setUp(4);
    const admins = ["c3c3c3c3-0000-4000-8000-000000000003", "c3c3c3c3-0000-4000-8000-000000000004"];
    for (const id of admins) {
      await cosmos.repositories.users.create({ ...aUser(id, ["globalAdmin"]), tenantId: world.tenantId });
      await cosmos.repositories.conversations.create(personalConversation(world.tenantId, id, connector.url));
    }
    await world.install();
    const [a, b] = [world.members[2]!.aadObjectId, world.members[3]!.aadObjectId];
    await cosmos.repositories.packages.create({ ...aPackage("pkg-1", NOW.toISOString()), tenantId: world.tenantId });
    const seat = (userId: string) => ({ userId, assignedAt: NOW.toISOString(), assignedBy: admins[0]! });
    await cosmos.repositories.benefits.create({ ...aVisualStudioBenefit("vs-ent", 5, { name: "VS Enterprise", assignments: [seat(a), seat(b)] }), tenantId: world.tenantId });
    await cosmos.repositories.benefits.create({ ...aVisualStudioBenefit("vs-pro", 5, { name: "VS Professional", assignments: [seat(a)] }), tenantId: world.tenantId });
    const postsBefore = connector.posts.length;
    connector.setRoster(world.team, world.members.slice(0, 2));
    await world.sync.onRosterEvent(contextOf(adapter, teamEvent(world.tenantId, world.team, connector.url, { removed: [world.members[2]!.id, world.members[3]!.id] })));
    const cards = connector.posts.slice(postsBefore);
    expect(cards.map((p) => p.conversationId).sort()).to.deep.equal(admins.map((id) => `a:personal-${id}`).sort());
    const text = JSON.stringify(cards[0]?.activity);
    expect(text).to.contain("VS Enterprise").and.to.contain("VS Professional");
    expect(text).to.contain("held by someone who left the organization");
    expect(text).to.contain("vs.reassign").and.to.contain("vs.remove");

    await world.sync.syncTenant(contextOf(adapter, teamEvent(world.tenantId, world.team, connector.url, {})));
    expect(connector.posts.length, "a sync where nobody newly left tells nobody").to.equal(postsBefore + admins.length);
  });

  it("forgets the team when the bot is removed from it, and reads it no more", async () => {
    const world = setUp(2);
    await world.install();
    await world.sync.onRosterEvent(contextOf(adapter, teamEvent(world.tenantId, world.team, connector.url, { removed: ["28:benefits-bot"] })));
    const set = await cosmos.repositories.rosterSets.get(world.tenantId, ROSTER_SET_ID);
    expect(set?.value.rosters).to.deep.equal([]);
    const calls = connector.callsTo(world.team).length;
    const result = await world.sync.syncTenant(contextOf(adapter, teamEvent(world.tenantId, world.team, connector.url, {})));
    expect(result.rosters).to.equal(0);
    expect(connector.callsTo(world.team).length).to.equal(calls);
    const users = await usersOf(cosmos.repositories, world.tenantId);
    expect([...users.values()].every(({ user }) => user.leftAt === undefined), "no roster known: nobody can be said to have left").to.equal(true);
  });
});
