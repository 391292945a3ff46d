import { expect } from "chai";
import { applyBulkAssign, assignVisualStudioSeat, isBenefitsError, previewBulkAssign, readAssignmentCsv, type AssignmentCsvRow } from "../../../benefits";
import { ADMIN, aTechnicalBenefit, aVisualStudioBenefit, employeeId, expectRejection, EMPLOYEE, TenantBuilder } from "../fixtures";
import { cosmosPerFile, givenTenant, type TenantUnderTest } from "../useCases/harness";

function csv(lines: string[]): AssignmentCsvRow[] {
  const reading = readAssignmentCsv(["benefit,email,alternate_email", ...lines].join("\n"));
  if (!reading.ok) expect.fail(JSON.stringify(reading.problems));
  return reading.rows;
}

const tenantWith = (seats: number) => (tenantId: string) =>
  new TenantBuilder(tenantId)
    .user(ADMIN, ["globalAdmin"])
    .employees(5)
    .package("pkg-1", "2026-11-10T08:00:00.000Z")
    .benefit(aVisualStudioBenefit("vs-1", seats, { name: "VS Enterprise" }))
    .benefit(aTechnicalBenefit("tech-support", "supportIncidents", { name: "Support incidents" }));

describe("bulk assignment from a CSV", () => {
  const cosmos = cosmosPerFile();
  let tenant: TenantUnderTest;
  beforeEach(async () => {
    tenant = await givenTenant(cosmos, "bulk", tenantWith(2));
  });

  it("gives each row its outcome in the preview and writes nothing", async () => {
    const before = await tenant.snapshot();
    const rows = csv([
      "vs-1,emp-01@contoso.example,",
      "VS enterprise,EMP-02@contoso.example,",
      "vs-1,emp-03@contoso.example,",
      "vs-1,emp-01@contoso.example,",
      "vs-1,nobody@contoso.example,",
      "no-such-benefit,emp-04@contoso.example,",
      "Support incidents,emp-04@contoso.example,EMP-04@contoso.example",
      "tech-support,emp-05@contoso.example,emp5@fabrikam.example",
      "tech-support,emp-03@contoso.example,not-an-email",
    ]);
    const preview = await previewBulkAssign(tenant.deps, tenant.actor(ADMIN), rows);
    expect(preview.rows.map((r) => [r.line, r.outcome])).to.deep.equal([
      [2, "ready"],
      [3, "ready"],
      [4, "noSeatLeft"],
      [5, "duplicateRow"],
      [6, "unknownPerson"],
      [7, "unknownBenefit"],
      [8, "sameEmail"],
      [9, "ready"],
      [10, "invalidRow"],
    ]);
    expect(await tenant.snapshot()).to.deep.equal(before);
  });

  it("assigns the ready rows through the seat rules and assigns nothing new when the same file comes again", async () => {
    const rows = csv(["vs-1,emp-01@contoso.example,", "tech-support,emp-05@contoso.example,emp5@fabrikam.example", "vs-1,nobody@contoso.example,"]);
    const first = await applyBulkAssign(tenant.deps, tenant.actor(ADMIN), rows);
    expect(first.counts).to.deep.equal({ assigned: 2, unknownPerson: 1 });
    expect((await tenant.benefit("vs-1", "visualStudio")).assignments.map((a) => a.userId)).to.deep.equal([employeeId(1)]);
    const tech = await tenant.benefit("tech-support", "technical");
    expect([tech.assignment?.userId, tech.assignment?.alternateEmail, tech.assignment?.state]).to.deep.equal([employeeId(5), "emp5@fabrikam.example", "pending"]);

    const before = await tenant.snapshot();
    const second = await applyBulkAssign(tenant.deps, tenant.actor(ADMIN), rows);
    expect(second.counts).to.deep.equal({ alreadyAssigned: 2, unknownPerson: 1 });
    expect(await tenant.snapshot()).to.deep.equal(before);
  });

  it("refuses an employee and changes nothing", async () => {
    const before = await tenant.snapshot();
    await expectRejection(applyBulkAssign(tenant.deps, tenant.actor(EMPLOYEE), csv(["vs-1,emp-01@contoso.example,"])), "NOT_AUTHORIZED");
    expect(await tenant.snapshot()).to.deep.equal(before);
  });

  it("never over-assigns the last seat when a manual assignment races the file", async () => {
    const race = await givenTenant(cosmos, "bulk-race", tenantWith(1));
    const rows = csv(["vs-1,emp-01@contoso.example,", "vs-1,emp-02@contoso.example,"]);
    const [bulk, manual] = await Promise.all([
      applyBulkAssign(race.deps, race.actor(ADMIN), rows),
      assignVisualStudioSeat(race.deps, race.actor(ADMIN), { benefitId: "vs-1", userId: employeeId(3) }).then(
        () => "assigned",
        (e: unknown) => (isBenefitsError(e) ? e.code : "error"),
      ),
    ]);
    const holders = (await race.benefit("vs-1", "visualStudio")).assignments.map((a) => a.userId);
    expect(holders).to.have.length(1);
    const bulkAssigned = bulk.rows.filter((r) => r.outcome === "assigned").length;
    expect(bulkAssigned + (manual === "assigned" ? 1 : 0)).to.equal(1);
    expect(bulk.rows.filter((r) => r.outcome === "noSeatLeft").length).to.equal(2 - bulkAssigned);
  });
});
