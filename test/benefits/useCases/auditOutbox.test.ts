import { expect } from "chai";
import sinon from "sinon";
import { assignVisualStudioSeat, BenefitsError } from "../../../benefits";
import { sweepAuditOutbox } from "../../../benefits/useCases/auditOutbox";
import { ADMIN, contosoTenant, employeeId, EMPLOYEE } from "../fixtures";
import { interruptedSeat } from "./outboxFixtures";
import { auditOf, cosmosPerFile, givenTenant } from "./harness";

describe("useCases/auditOutbox", () => {
  const cosmos = cosmosPerFile();
  afterEach(() => sinon.restore());

  it("writes the entry with the change and leaves no outbox when the audit log answers", async () => {
    const t = await givenTenant(cosmos, "outbox-plain");

    const after = await assignVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-1", userId: EMPLOYEE });

    expect(after).not.to.have.property("outbox");
    expect((await t.audit()).map((e) => e.id)).to.deep.equal(["audit:vs-1:1"]);
    expect(await cosmos.repos.pendingAudit.find(t.tenantId)).to.deep.equal([]);
  });

  it("tells the person the change was done and keeps its entry pending when the audit log cannot be written", async () => {
    const t = await givenTenant(cosmos, "outbox-log-down");
    sinon.stub(cosmos.repos.audit, "append").rejects(new BenefitsError("UNAVAILABLE", "injected"));

    const after = await assignVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-1", userId: EMPLOYEE });
    sinon.restore();

    expect(after.assignments.map((a) => a.userId)).to.deep.equal([EMPLOYEE]);
    expect(await t.audit()).to.deep.equal([]);
    expect(await cosmos.repos.pendingAudit.find(t.tenantId)).to.deep.equal([{ id: "vs-1", type: "benefit" }]);
    expect(await sweepAuditOutbox(t.deps, t.tenantId)).to.equal(1);
    expect((await t.audit()).map((e) => e.id)).to.deep.equal(["audit:vs-1:1"]);
  });

  it("copies an entry an interrupted change left behind when the document is written next", async () => {
    const t = await givenTenant(cosmos, "outbox-next-write", (id) => contosoTenant(id));
    await cosmos.repos.benefits.create(interruptedSeat(t.tenantId));

    await assignVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-interrupted", userId: employeeId(2) });

    expect((await t.audit()).map((e) => e.id)).to.deep.equal(["audit:vs-interrupted:1", "audit:vs-interrupted:2"]);
    expect((await cosmos.repos.benefits.get(t.tenantId, "vs-interrupted"))?.value).not.to.have.property("outbox");
  });

  it("copies each left-behind entry once when the sweep runs twice, and leaves another tenant's outbox alone", async () => {
    const t = await givenTenant(cosmos, "outbox-sweep");
    const other = await givenTenant(cosmos, "outbox-sweep-other");
    await cosmos.repos.benefits.create(interruptedSeat(t.tenantId));
    await cosmos.repos.benefits.create(interruptedSeat(other.tenantId));

    expect(await sweepAuditOutbox(t.deps, t.tenantId)).to.equal(1);
    expect(await sweepAuditOutbox(t.deps, t.tenantId)).to.equal(0);

    expect((await t.audit()).map((e) => e.id)).to.deep.equal(["audit:vs-interrupted:1"]);
    expect(await auditOf(cosmos.repos, other.tenantId)).to.deep.equal([]);
    expect(await cosmos.repos.pendingAudit.find(other.tenantId)).to.deep.equal([{ id: "vs-interrupted", type: "benefit" }]);
    // Relaying is bookkeeping: the version a card carries stays current.
    expect((await cosmos.repos.benefits.get(t.tenantId, "vs-interrupted"))?.value.version).to.equal(1);
  });
});
