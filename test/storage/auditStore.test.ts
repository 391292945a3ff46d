import { expect } from "chai";
import { isBenefitsError } from "../../benefits/errors";
import type { AuditEntry } from "../../benefits/types";
import { startTestCosmos, type TestCosmos } from "../support/cosmos";

function entry(tenantId: string, id: string, at: string): AuditEntry {
  return {
    type: "audit",
    id,
    tenantId,
    version: 0,
    at,
    actorId: "a1a1a1a1-0000-4000-8000-000000000001",
    action: "assignSeat",
    targetId: "vs-enterprise",
    before: { seats: 1 },
    after: { seats: 2 },
  };
}

describe("AuditStore", () => {
  let cosmos: TestCosmos;
  beforeEach(async () => {
    cosmos = await startTestCosmos();
  });
  afterEach(async () => {
    await cosmos.stop();
  });

  const audit = () => cosmos.repositories.audit;

  it("returns the newest entries first, at most `limit` of them, when there are more", async () => {
    // Appended out of order; "+02:00" is the earliest instant although its text sorts last.
    const entries = [
      entry("t1", "audit-2", "2024-06-01T10:00:00.000Z"),
      entry("t1", "audit-4", "2024-06-01T12:00:00.000Z"),
      entry("t1", "audit-1", "2024-06-01T11:30:00.000+02:00"),
      entry("t1", "audit-3", "2024-06-01T11:00:00.000Z"),
    ];
    for (const e of entries) await audit().append(e);

    expect((await audit().recent("t1", 3)).map((e) => e.id)).to.deep.equal(["audit-4", "audit-3", "audit-2"]);
    expect((await audit().recent("t1", 10)).map((e) => e.id)).to.deep.equal(["audit-4", "audit-3", "audit-2", "audit-1"]);
  });

  it("returns the entry as appended, without storage fields, when reading it back", async () => {
    const appended = entry("t1", "audit-roundtrip", "2024-06-01T10:00:00.000Z");
    await audit().append(appended);
    expect(await audit().recent("t1", 1)).to.deep.equal([appended]);
  });

  it("stores one entry when the same change is appended twice", async () => {
    await audit().append(entry("t1", "audit-once", "2024-06-01T10:00:00.000Z"));
    await audit().append(entry("t1", "audit-once", "2024-06-01T10:00:00.000Z"));
    expect((await audit().recent("t1", 10)).map((e) => e.id)).to.deep.equal(["audit-once"]);
  });

  it("never returns another tenant's entries when both tenants have some", async () => {
    await audit().append(entry("t1", "audit-t1", "2024-06-01T10:00:00.000Z"));
    await audit().append(entry("t2", "audit-t2", "2024-06-02T10:00:00.000Z"));
    expect((await audit().recent("t1", 10)).map((e) => e.tenantId)).to.deep.equal(["t1"]);
  });

  it("fails with ALREADY_EXISTS when the id belongs to a document of another type", async () => {
    await cosmos.repositories.packages.create({
      type: "package",
      id: "taken-id",
      tenantId: "t1",
      version: 0,
      name: "Action Pack",
      purchasedAt: "2024-05-01T00:00:00.000Z",
    });
    const error = await audit().append(entry("t1", "taken-id", "2024-06-01T10:00:00.000Z")).catch((e: unknown) => e);
    expect(isBenefitsError(error, "ALREADY_EXISTS")).to.equal(true);
  });

  it("returns nothing when the limit is below one", async () => {
    await audit().append(entry("t1", "audit-any", "2024-06-01T10:00:00.000Z"));
    expect(await audit().recent("t1", 0)).to.deep.equal([]);
  });
});
