import { expect } from "chai";
import { startTestCosmos, type TestCosmos } from "../support/cosmos";
import { auditOf } from "../benefits/useCases/harness";
import { interruptedSeat } from "../benefits/useCases/outboxFixtures";
import { freshTenantId, localAdapter, schedulerFor, seedActivatedTenant, TestClock } from "./support/notificationWorld";

describe("bot/scheduler relays pending audit entries", () => {
  let own: TestCosmos;
  before(async function () {
    this.timeout(60_000);
    own = await startTestCosmos();
  });
  after(async () => {
    await own.stop();
  });

  it("copies a left-behind entry to the audit log on a tick", async () => {
    const tenantId = freshTenantId();
    await seedActivatedTenant(own.repositories, tenantId);
    await own.repositories.benefits.create(interruptedSeat(tenantId));

    const report = await schedulerFor(own.repositories, new TestClock(), localAdapter()).tick();

    expect(report.auditRelayed).to.equal(1);
    expect((await auditOf(own.repositories, tenantId)).map((e) => e.id)).to.include("audit:vs-interrupted:1");
    expect(await own.repositories.pendingAudit.find(tenantId)).to.deep.equal([]);
  });
});
