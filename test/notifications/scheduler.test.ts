import { expect } from "chai";
import sinon from "sinon";
import type { CloudAdapter } from "botbuilder";
import type { Notification } from "../../benefits";
import { STALE_CLAIM_MS } from "../../benefits/notifications/delivery";
import { planTenantNotifications } from "../../benefits/notifications/planTenant";
import { startTestCosmos, type TestCosmos } from "../support/cosmos";
import { ConnectorStandIn } from "./support/connectorStandIn";
import { sendDueNotifications } from "../../bot/notifier";
import { ADMIN, domainFor, EMPLOYEE, freshTenantId, localAdapter, notifierFor, personalConversation, schedulerFor, seedActivatedTenant, TestClock } from "./support/notificationWorld";

describe("bot/scheduler (real Cosmos, real CloudAdapter, stand-in connector)", () => {
  let cosmos: TestCosmos;
  let connector: ConnectorStandIn;
  let adapter: CloudAdapter;
  let clock: TestClock;
  let tenantId: string;

  beforeEach(async () => {
    // A database per test: the scheduler walks every tenant, and must not meet another test's conversations.
    cosmos = await startTestCosmos();
    connector = await ConnectorStandIn.start();
    adapter = localAdapter();
    clock = new TestClock();
    tenantId = freshTenantId();
    await seedActivatedTenant(cosmos.repositories, tenantId);
  });

  afterEach(async () => {
    sinon.restore();
    await connector.close();
    await cosmos.stop();
  });

  const reachable = async (...userIds: string[]) => {
    for (const userId of userIds) await cosmos.repositories.conversations.create(personalConversation(tenantId, userId, connector.url));
  };
  const notification = async (userId: string): Promise<Notification | undefined> =>
    (await cosmos.repositories.notifications.get(tenantId, `tech-1:activated:${userId}`))?.value;
  const deliveredTo = (userId: string) => connector.delivered().filter((p) => p.conversationId === `a:personal-${userId}`);

  it("sends each activation once, to the assignee and the admin, as an Adaptive Card, and marks it sent", async () => {
    await reachable(EMPLOYEE, ADMIN);

    const report = await schedulerFor(cosmos.repositories, clock, adapter).tick();

    expect(report.sent.sent).to.equal(2);
    expect(deliveredTo(EMPLOYEE)).to.have.length(1);
    expect(deliveredTo(ADMIN)).to.have.length(1);
    expect(JSON.stringify(deliveredTo(EMPLOYEE)[0].activity)).to.contain("application/vnd.microsoft.card.adaptive").and.to.contain("is active");
    expect((await notification(EMPLOYEE))?.state).to.equal("sent");
  });

  it("sends each notification once when two schedulers tick at the same moment", async () => {
    await reachable(EMPLOYEE, ADMIN);
    const instances = ["instance-a", "instance-b"].map((holder) => ({ holder, scheduler: schedulerFor(cosmos.repositories, clock, adapter, { holder }) }));

    const reports = await Promise.all([...instances, ...instances].map(async ({ holder, scheduler }) => ({ holder, report: await scheduler.tick() })));

    expect(connector.delivered()).to.have.length(2);
    expect(new Set(reports.filter((r) => r.report.leaseHeld).map((r) => r.holder)).size).to.equal(1);
  });

  it("sends each notification once when three senders skip the lease and race on the claims", async () => {
    await reachable(EMPLOYEE, ADMIN);
    await planTenantNotifications(domainFor(cosmos.repositories, clock), tenantId);
    const senders = [1, 2, 3].map(() => notifierFor(cosmos.repositories, clock, adapter));

    await Promise.all(senders.map((sender) => sendDueNotifications(sender, tenantId)));

    expect(connector.delivered()).to.have.length(2);
    expect((await notification(EMPLOYEE))?.state).to.equal("sent");
  });
});
