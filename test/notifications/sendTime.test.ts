import { expect } from "chai";
import type { CloudAdapter } from "botbuilder";
import type { Benefit } from "../../benefits";
import { startTestCosmos, type TestCosmos } from "../support/cosmos";
import { aUser, aVisualStudioBenefit, DAY_MS, NOW } from "../benefits/fixtures";
import { ConnectorStandIn } from "./support/connectorStandIn";
import { ADMIN, EMPLOYEE, freshTenantId, localAdapter, personalConversation, schedulerFor, seedActivatedTenant, TestClock } from "./support/notificationWorld";

const NEW_ADMIN = "admin-2";

describe("notifications decided when sending (real Cosmos, real CloudAdapter, stand-in connector)", () => {
  let cosmos: TestCosmos;
  let connector: ConnectorStandIn;
  let adapter: CloudAdapter;
  let clock: TestClock;
  let tenantId: string;

  before(async () => {
    cosmos = await startTestCosmos();
  });
  after(async () => {
    await cosmos.stop();
  });

  beforeEach(async () => {
    connector = await ConnectorStandIn.start();
    adapter = localAdapter();
    clock = new TestClock();
    // A fresh tenant per test; the scheduler is told to walk only this one, as other tests' tenants share the database.
    tenantId = freshTenantId();
    await seedActivatedTenant(cosmos.repositories, tenantId);
  });

  afterEach(async () => {
    await connector.close();
  });

  // One lease holder for every test: the tests share a database, and so the scheduler lease.
  const tick = () => schedulerFor(cosmos.repositories, clock, adapter, { allowedTenants: [tenantId], holder: "send-time-tests" }).tick();
  const reachable = async (...userIds: string[]) => {
    for (const userId of userIds) await cosmos.repositories.conversations.create(personalConversation(tenantId, userId, connector.url));
  };
  const cardsTo = (userId: string) => connector.delivered().filter((p) => p.conversationId === `a:personal-${userId}`).map((p) => JSON.stringify(p.activity));
  const stored = async (id: string) => (await cosmos.repositories.notifications.get(tenantId, id))?.value;
  const subscription = (expiresInMs: number): Benefit => ({
    ...aVisualStudioBenefit("vs-1", 3, { expiresAt: new Date(NOW.getTime() + expiresInMs).toISOString(), assignments: [{ userId: EMPLOYEE, assignedAt: NOW.toISOString(), assignedBy: ADMIN }] }),
    tenantId,
  });
  const changeUser = async (userId: string, change: (roles: string[]) => { roles: ("globalAdmin" | "employee")[] }) => {
    const user = await cosmos.repositories.users.get(tenantId, userId);
    if (user === undefined) throw new Error(`no user ${userId}`);
    await cosmos.repositories.users.replace({ ...user.value, ...change(user.value.roles), version: user.value.version + 1 }, user.etag);
  };

  it("sends nothing to an admin demoted after the notification was planned, and drops it", async () => {
    await reachable(EMPLOYEE);
    await tick();
    await changeUser(ADMIN, () => ({ roles: ["employee"] }));
    await reachable(ADMIN);

    const report = await tick();

    expect(cardsTo(ADMIN)).to.deep.equal([]);
    expect(report.sent.dropped).to.equal(1);
    expect(await stored(`tech-1:activated:${ADMIN}`)).to.deep.include({ state: "dropped", dropReason: "notARecipient" });
  });

  it("sends nothing to someone who left the organization", async () => {
    await reachable(EMPLOYEE, ADMIN);
    await cosmos.repositories.users.delete(tenantId, EMPLOYEE);

    await tick();

    expect(cardsTo(EMPLOYEE)).to.deep.equal([]);
    expect(cardsTo(ADMIN)).to.have.length(1);
    expect(await stored(`tech-1:activated:${EMPLOYEE}`)).to.deep.include({ state: "dropped", dropReason: "notARecipient" });
  });

  it("gives a new admin what is sent from then on, not the news already delivered", async () => {
    await cosmos.repositories.benefits.create(subscription(40 * DAY_MS));
    await reachable(EMPLOYEE, ADMIN, NEW_ADMIN);
    await tick();
    await cosmos.repositories.users.create({ ...aUser(NEW_ADMIN, ["globalAdmin"]), tenantId });

    await tick();
    const beforeTheReminder = cardsTo(NEW_ADMIN).length;
    clock.advance(10 * DAY_MS);
    await tick();

    expect(beforeTheReminder).to.equal(0);
    expect(cardsTo(NEW_ADMIN)).to.have.length(1);
    expect(cardsTo(NEW_ADMIN)[0]).to.contain("expires in 30 days");
    expect(cardsTo(ADMIN).filter((c) => c.includes("expires in 30 days"))).to.have.length(1);
  });

  it("drops a notification whose reason is gone: the seat was removed before it went out", async () => {
    await cosmos.repositories.benefits.create(subscription(5 * DAY_MS));
    await tick();
    const benefit = await cosmos.repositories.benefits.get(tenantId, "vs-1");
    if (benefit?.value.category !== "visualStudio") throw new Error("no subscription");
    await cosmos.repositories.benefits.replace({ ...benefit.value, assignments: [], version: benefit.value.version + 1 }, benefit.etag);
    await reachable(EMPLOYEE, ADMIN);

    await tick();

    expect(cardsTo(EMPLOYEE).filter((c) => c.includes("Visual Studio"))).to.deep.equal([]);
    expect(cardsTo(ADMIN).filter((c) => c.includes("expires in 7 days"))).to.have.length(1);
    expect(await stored(`vs-1:expiresIn7:${EMPLOYEE}`)).to.deep.include({ state: "dropped", dropReason: "notARecipient" });
  });

  it("sends one card, the expiry, to someone unreachable while a subscription 40 days away expired, and each reminder once to the others", async () => {
    await cosmos.repositories.benefits.create(subscription(40 * DAY_MS));
    await reachable(ADMIN);
    // A tick on each day a threshold is crossed and on days between: what a running bot would have seen.
    let today = 0;
    for (const day of [0, 5, 10, 20, 30, 33, 36, 39, 40, 41]) {
      clock.advance((day - today) * DAY_MS);
      today = day;
      await tick();
    }
    await reachable(EMPLOYEE);

    await tick();

    const toEmployee = cardsTo(EMPLOYEE).filter((c) => c.includes("Visual Studio"));
    expect(toEmployee).to.have.length(1);
    expect(toEmployee[0]).to.contain("has expired");
    const toAdmin = cardsTo(ADMIN).filter((c) => c.includes("Visual Studio"));
    expect(toAdmin.map((c) => ["in 30 days", "in 7 days", "tomorrow", "has expired"].find((s) => c.includes(s)))).to.deep.equal(["in 30 days", "in 7 days", "tomorrow", "has expired"]);
  });

  it("sends only the reminder now due, not the one planned before the bot stopped", async () => {
    await cosmos.repositories.benefits.create(subscription(40 * DAY_MS));
    clock.advance(10 * DAY_MS);
    await tick();
    clock.advance(25 * DAY_MS);
    await reachable(EMPLOYEE);

    await tick();

    const toEmployee = cardsTo(EMPLOYEE).filter((c) => c.includes("Visual Studio"));
    expect(toEmployee).to.have.length(1);
    expect(toEmployee[0]).to.contain("expires in 7 days");
    expect(await stored(`vs-1:expiresIn30:${EMPLOYEE}`)).to.deep.include({ state: "dropped", dropReason: "outdated" });
  });
});
