import { expect } from "chai";
import sinon from "sinon";
import { assignVisualStudioSeat } from "../../../benefits";
import { sweepAuditOutbox } from "../../../benefits/useCases/auditOutbox";
import { ADMIN, contosoTenant, employeeId, EMPLOYEE, expectRejection } from "../fixtures";
import { interruptedSeat } from "./outboxFixtures";
import { auditOf, cosmosPerFile, givenTenant } from "./harness";

describe("useCases/auditOutbox", () => {
  const cosmos = cosmosPerFile();
  afterEach(() => sinon.restore());

  async function outboxOf(tenantId: string, id: string): Promise<string[]> {
    return ((await cosmos.repos.benefits.get(tenantId, id))?.value.outbox ?? []).map((e) => e.id);
  }

  it("writes the entry with the change, shows it in the history at once, and copies it with the next write of the document", async () => {
    const t = await givenTenant(cosmos, "outbox-plain");

    const after = await assignVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-1", userId: EMPLOYEE });

    expect(after, "callers get the content").not.to.have.property("outbox");
    expect(await outboxOf(t.tenantId, "vs-1")).to.deep.equal(["audit:vs-1:1"]);
    expect((await t.audit()).map((e) => e.id), "history includes the entry still waiting").to.deep.equal(["audit:vs-1:1"]);

    await assignVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-1", userId: employeeId(2) });

    expect(await outboxOf(t.tenantId, "vs-1"), "the first entry left with the second write").to.deep.equal(["audit:vs-1:2"]);
    expect((await t.audit()).map((e) => e.id)).to.deep.equal(["audit:vs-1:1", "audit:vs-1:2"]);
    expect(await sweepAuditOutbox(t.deps, t.tenantId), "no next write: the scheduler copies the last one").to.equal(1);
    expect(await cosmos.repos.pendingAudit.find(t.tenantId)).to.deep.equal([]);
    expect((await t.audit()).map((e) => e.id)).to.deep.equal(["audit:vs-1:1", "audit:vs-1:2"]);
  });

  it("leaves the outbox as it is when a write is refused, and writes nothing for a replay", async () => {
    const t = await givenTenant(cosmos, "outbox-refused");
    await assignVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-1", userId: EMPLOYEE });
    const before = await cosmos.repos.benefits.get(t.tenantId, "vs-1");

    await expectRejection(assignVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-1", userId: employeeId(2), expectedVersion: 0 }), "STALE_CARD");
    await assignVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-1", userId: EMPLOYEE }).catch((e: unknown) => e);

    expect((await cosmos.repos.benefits.get(t.tenantId, "vs-1"))?.etag).to.equal(before?.etag);
    expect((await t.audit()).map((e) => e.id)).to.deep.equal(["audit:vs-1:1"]);
  });

  it("copies an entry an interrupted change left behind when the document is written next", async () => {
    const t = await givenTenant(cosmos, "outbox-next-write", (id) => contosoTenant(id));
    await cosmos.repos.benefits.create(interruptedSeat(t.tenantId));

    await assignVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-interrupted", userId: employeeId(2) });

    expect(await outboxOf(t.tenantId, "vs-interrupted"), "only the new change's entry waits").to.deep.equal(["audit:vs-interrupted:2"]);
    expect((await t.audit()).map((e) => e.id), "so the first one is in the log").to.deep.equal(["audit:vs-interrupted:1", "audit:vs-interrupted:2"]);
  });

  it("copies the entries a document still carries before deleting it, and counts an entry both copied and pending once", async () => {
    const t = await givenTenant(cosmos, "outbox-delete");
    await cosmos.repos.benefits.create(interruptedSeat(t.tenantId));
    const [entry] = (await cosmos.repos.benefits.get(t.tenantId, "vs-interrupted"))?.value.outbox ?? [];
    if (entry === undefined) throw new Error("the fixture carries no entry");
    await cosmos.repos.audit.append(entry);
    expect((await t.audit()).map((e) => e.id)).to.deep.equal(["audit:vs-interrupted:1"]);

    await cosmos.repos.benefits.delete(t.tenantId, "vs-interrupted");

    expect(await cosmos.repos.benefits.get(t.tenantId, "vs-interrupted")).to.equal(undefined);
    expect(await t.audit()).to.deep.equal([entry]);
    const other = await givenTenant(cosmos, "outbox-delete-fresh");
    await cosmos.repos.benefits.create(interruptedSeat(other.tenantId));
    await cosmos.repos.benefits.delete(other.tenantId, "vs-interrupted");
    expect((await other.audit()).map((e) => e.id), "never copied before: copied by the delete").to.deep.equal(["audit:vs-interrupted:1"]);
    expect(await cosmos.repos.pendingAudit.find(other.tenantId)).to.deep.equal([]);
  });

  it("copies each left-behind entry once when the sweep runs twice, and leaves another tenant's outbox alone", async () => {
    const t = await givenTenant(cosmos, "outbox-sweep");
    const other = await givenTenant(cosmos, "outbox-sweep-other");
    await cosmos.repos.benefits.create(interruptedSeat(t.tenantId));
    await cosmos.repos.benefits.create(interruptedSeat(other.tenantId));

    expect(await sweepAuditOutbox(t.deps, t.tenantId)).to.equal(1);
    expect(await sweepAuditOutbox(t.deps, t.tenantId)).to.equal(0);

    expect((await t.audit()).map((e) => e.id)).to.deep.equal(["audit:vs-interrupted:1"]);
    expect(await outboxOf(t.tenantId, "vs-interrupted")).to.deep.equal([]);
    expect((await auditOf(cosmos.repos, other.tenantId)).map((e) => e.id), "its history, from its outbox").to.deep.equal(["audit:vs-interrupted:1"]);
    expect(await cosmos.repos.pendingAudit.find(other.tenantId)).to.deep.equal([{ id: "vs-interrupted", type: "benefit" }]);
    // Relaying is bookkeeping: the version a card carries stays current.
    expect((await cosmos.repos.benefits.get(t.tenantId, "vs-interrupted"))?.value.version).to.equal(1);
  });
});
