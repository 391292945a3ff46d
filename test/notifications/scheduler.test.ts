import { expect } from "chai";
import sinon from "sinon";
import type { CloudAdapter } from "botbuilder";
import type { Notification } from "../../benefits";
import { STALE_CLAIM_MS } from "../../benefits/notifications/delivery";
import { planTenantNotifications } from "../../benefits/notifications/planTenant";
import { startTestCosmos, type TestCosmos } from "../support/cosmos";
import { aMarketingContact, anOffer, aTechnicalBenefit, DAY_MS, NOW } from "../benefits/fixtures";
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

  it("plans and sends nothing for a tenant outside ALLOWED_TENANTS", async () => {
    await reachable(EMPLOYEE, ADMIN);

    const report = await schedulerFor(cosmos.repositories, clock, adapter, { allowedTenants: ["another-tenant"] }).tick();

    expect(report.tenants).to.equal(0);
    expect(deliveredTo(EMPLOYEE)).to.have.length(0);
    expect(await notification(EMPLOYEE)).to.equal(undefined);
  });

  it("sends each notification once when two schedulers tick at the same moment", async () => {
    await reachable(EMPLOYEE, ADMIN);
    const instances = ["instance-a", "instance-b"].map((holder) => ({ holder, scheduler: schedulerFor(cosmos.repositories, clock, adapter, { holder }) }));

    const reports = await Promise.all([...instances, ...instances].map(async ({ holder, scheduler }) => ({ holder, report: await scheduler.tick() })));

    expect(connector.delivered()).to.have.length(2);
    // The tenant's shard has one holder: only it served the tenant.
    expect(new Set(reports.filter((r) => r.report.tenants > 0).map((r) => r.holder)).size).to.equal(1);
  });

  it("sends each notification once when three senders skip the lease and race on the claims", async () => {
    await reachable(EMPLOYEE, ADMIN);
    await planTenantNotifications(domainFor(cosmos.repositories, clock), tenantId);
    const senders = [1, 2, 3].map(() => notifierFor(cosmos.repositories, clock, adapter));

    await Promise.all(senders.map((sender) => sendDueNotifications(sender, tenantId)));

    expect(connector.delivered()).to.have.length(2);
    expect((await notification(EMPLOYEE))?.state).to.equal("sent");
  });

  it("waits as long as Retry-After says after a 429, then sends once", async () => {
    await reachable(EMPLOYEE);
    // retry-after-ms: 0 lets the connector SDK's own in-process retries (3 of them) pass at once; Retry-After is what we honour.
    const throttled = { status: 429, headers: { "Retry-After": "120", "retry-after-ms": "0" } };
    connector.answer(throttled, throttled, throttled, throttled);
    const scheduler = schedulerFor(cosmos.repositories, clock, adapter);

    await scheduler.tick();
    const waiting = await notification(EMPLOYEE);
    clock.advance(119_000);
    await scheduler.tick();
    const deliveredBeforeTheWait = deliveredTo(EMPLOYEE).length;
    clock.advance(1_000);
    await scheduler.tick();
    await scheduler.tick();

    expect(waiting?.state).to.equal("planned");
    expect(waiting?.notBefore).to.equal(new Date(NOW.getTime() + 120_000).toISOString());
    expect(deliveredBeforeTheWait).to.equal(0);
    expect(deliveredTo(EMPLOYEE)).to.have.length(1);
    expect((await notification(EMPLOYEE))?.state).to.equal("sent");
  });

  it("marks the recipient unreachable after a 403 and never tries again", async () => {
    await reachable(EMPLOYEE);
    connector.answer({ status: 403 });
    const scheduler = schedulerFor(cosmos.repositories, clock, adapter);

    await scheduler.tick();
    clock.advance(2 * STALE_CLAIM_MS);
    await scheduler.tick();

    expect(connector.posts.filter((p) => p.conversationId === `a:personal-${EMPLOYEE}`)).to.have.length(1);
    const stored = await notification(EMPLOYEE);
    expect(stored?.state).to.equal("unreachable");
    expect(stored?.lastError).to.contain("403");
  });

  it("resends at most once, and never loses the notification, when the process dies between the send and the mark", async () => {
    await reachable(EMPLOYEE);
    const store = cosmos.repositories.notifications;
    const replace = store.replace.bind(store);
    const crashOnMark = sinon.stub(store, "replace").callsFake(async (doc, etag) => {
      if (doc.state === "sent" && crashOnMark.getCalls().filter((c) => c.args[0].state === "sent").length === 1) throw new Error("process killed");
      return replace(doc, etag);
    });
    const scheduler = schedulerFor(cosmos.repositories, clock, adapter);

    await scheduler.tick();
    const afterCrash = await notification(EMPLOYEE);
    await scheduler.tick();
    const beforeStale = deliveredTo(EMPLOYEE).length;
    clock.advance(STALE_CLAIM_MS);
    await scheduler.tick();
    clock.advance(STALE_CLAIM_MS);
    await scheduler.tick();

    expect(afterCrash?.state).to.equal("sending");
    expect(beforeStale).to.equal(1);
    expect(deliveredTo(EMPLOYEE)).to.have.length(2);
    expect((await notification(EMPLOYEE))?.state).to.equal("sent");
  });

  it("plans once when planning runs twice, one after the other or at the same time", async () => {
    const domain = domainFor(cosmos.repositories, clock);

    const first = await planTenantNotifications(domain, tenantId);
    const again = await planTenantNotifications(domain, tenantId);
    const racing = await Promise.all([planTenantNotifications(domain, tenantId), planTenantNotifications(domain, tenantId)]);

    expect(first.planned).to.equal(2);
    expect(again.planned).to.equal(0);
    expect(racing.map((r) => r.planned)).to.deep.equal([0, 0]);
    expect(await cosmos.repositories.notifications.list(tenantId)).to.have.length(2);
  });

  it("keeps a notification planned while its recipient has no personal chat with the bot, and sends it once they have", async () => {
    const scheduler = schedulerFor(cosmos.repositories, clock, adapter);

    const before = await scheduler.tick();
    await reachable(EMPLOYEE);
    await scheduler.tick();

    expect(before.sent.waitingForConversation).to.equal(2);
    expect(deliveredTo(EMPLOYEE)).to.have.length(1);
    expect((await notification(ADMIN))?.state).to.equal("planned");
  });

  it("writes the card in the recipient's language", async () => {
    await cosmos.repositories.conversations.create(personalConversation(tenantId, EMPLOYEE, connector.url, "fr"));

    await schedulerFor(cosmos.repositories, clock, adapter).tick();

    expect(JSON.stringify(deliveredTo(EMPLOYEE)[0]?.activity)).to.contain("activation terminée").and.to.contain("Étape suivante");
  });

  it("marks an active offer expired (audited as the scheduler) and tells the marketing contact", async () => {
    const { repositories: repos } = cosmos;
    await repos.marketingContacts.create({ ...aMarketingContact(EMPLOYEE), tenantId });
    await repos.benefits.create({ ...anOffer("offer-1", "active", { activatedAt: new Date(NOW.getTime() - 400 * DAY_MS).toISOString(), expiresAt: new Date(NOW.getTime() - 1000).toISOString() }), tenantId });
    await reachable(EMPLOYEE);

    await schedulerFor(repos, clock, adapter).tick();

    const offer = (await repos.benefits.get(tenantId, "offer-1"))?.value;
    expect(offer?.category === "goToMarket" ? offer.state : undefined).to.equal("expired");
    expect((await repos.audit.recent(tenantId, 10)).map((a) => [a.action, a.actorId])).to.deep.include(["goToMarket.expire", "system:scheduler"]);
    expect(connector.delivered().map((p) => JSON.stringify(p.activity)).some((a) => a.includes("has expired"))).to.equal(true);
  });

  it("auto-activates a pending technical assignment after the demo delay and announces it", async () => {
    const { repositories: repos } = cosmos;
    await repos.benefits.create({
      ...aTechnicalBenefit("tech-2", "supportIncidents", { assignment: { userId: EMPLOYEE, alternateEmail: "emp@fabrikam.example", state: "pending", assignedAt: NOW.toISOString(), assignedBy: ADMIN } }),
      tenantId,
    });
    await reachable(EMPLOYEE);
    const scheduler = schedulerFor(repos, clock, adapter, { demoAutoActivateMs: 30_000 });

    const early = await scheduler.tick();
    clock.advance(30_000);
    const later = await scheduler.tick();

    expect(early.demoActivated).to.equal(0);
    expect(later.demoActivated).to.equal(1);
    expect((await repos.notifications.get(tenantId, `tech-2:activated:${EMPLOYEE}`))?.value.state).to.equal("sent");
    expect((await repos.audit.recent(tenantId, 10)).map((a) => a.actorId)).to.include("system:demo");
  });
});
