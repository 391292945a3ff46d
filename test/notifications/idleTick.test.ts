import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Benefit } from "../../benefits";
import { SendPacer } from "../../benefits/notifications/pacer";
import { Scheduler } from "../../bot/scheduler";
import { connectCosmos } from "../../storage/cosmos";
import { startEmbeddedCosmos, type EmbeddedCosmos } from "../../storage/embeddedCosmos";
import { createRepositories } from "../../storage/repositories";
import { aPackage, aUser, aVisualStudioBenefit, DAY_MS, NOW } from "../benefits/fixtures";
import { domainFor, freshTenantId, TestClock } from "./support/notificationWorld";

/** Counts, not times: what a tick with nothing due asks of Cosmos DB must not grow with what the tenant holds. */
describe("bot/scheduler idle tick: requests independent of the tenant's size (real Cosmos, request counter)", () => {
  let server: EmbeddedCosmos;
  let requests = 0;
  before(async () => {
    server = await startEmbeddedCosmos({ onRequest: () => requests++ });
  });
  after(() => server.close());

  async function idleTickRequests(benefits: number): Promise<number> {
    const cosmos = await connectCosmos({ endpoint: server.endpoint, key: server.key, httpsAgent: server.httpsAgent, databaseId: `idle-${randomUUID()}` });
    try {
      const repos = createRepositories(cosmos.tenantData);
      const tenantId = freshTenantId();
      await repos.packages.create({ ...aPackage("pkg-1", NOW.toISOString()), tenantId });
      await repos.users.create({ ...aUser("admin-1", ["globalAdmin"]), tenantId });
      const subscription = (i: number): Benefit => ({ ...aVisualStudioBenefit(`vs-${i}`, 1, { expiresAt: new Date(NOW.getTime() + 365 * DAY_MS).toISOString() }), tenantId });
      await Promise.all(Array.from({ length: benefits }, (_, i) => repos.benefits.create(subscription(i))));
      const clock = new TestClock();
      const scheduler = new Scheduler({
        domain: domainFor(repos, clock),
        log: () => undefined,
        pacer: new SendPacer({ now: () => clock.now().getTime(), sleep: async (ms) => clock.advance(ms) }),
        send: async () => ({ kind: "sent" }),
        intervalMs: 60_000,
        demoAutoActivateMs: 0,
      });
      await scheduler.tick();
      clock.advance(60_000);
      const before = requests;
      const report = await scheduler.tick();
      expect(report.tenants).to.equal(1);
      expect(report.planned).to.equal(0);
      return requests - before;
    } finally {
      cosmos.dispose();
    }
  }

  it("asks as many requests at 5 benefits as at 60", async () => {
    const small = await idleTickRequests(5);
    const large = await idleTickRequests(60);

    expect(large).to.equal(small);
    // Leases (one query, the instance's presence, 16 renewals), the registry, and one tenant's few queries.
    expect(small).to.be.at.most(30);
  });
});
