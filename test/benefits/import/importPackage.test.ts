import { readFileSync } from "node:fs";
import { expect } from "chai";
import { importPackage, type ImportAnswer, type ImportReport, type Importer } from "../../../benefits";
import { ADMIN, EMPLOYEE, expectRejection, TenantBuilder } from "../fixtures";
import { cosmosPerFile, givenTenant, type TenantUnderTest } from "../useCases/harness";

const EXAMPLE = readFileSync("docs/import/example-package.json", "utf8");
type FileJson = Record<string, unknown> & { benefits: Record<string, unknown>[] };
const example = (): FileJson => JSON.parse(EXAMPLE);
const withBenefit = (file: FileJson, id: string, change: Record<string, unknown>): string =>
  JSON.stringify({ ...file, benefits: file.benefits.map((b) => (b.id === id ? { ...b, ...change } : b)) });

function reportOf(answer: ImportAnswer): ImportReport {
  if (!answer.ok) expect.fail(`refused: ${JSON.stringify(answer.problems)}`);
  return answer.report;
}

const smallTenant = (tenantId: string) => new TenantBuilder(tenantId).user(ADMIN, ["globalAdmin"]).user(EMPLOYEE, ["employee"]);

describe("importPackage", () => {
  const cosmos = cosmosPerFile();
  let tenant: TenantUnderTest;
  let admin: Importer;
  let member: Importer;
  beforeEach(async () => {
    tenant = await givenTenant(cosmos, "import", smallTenant);
    admin = { kind: "person", actor: tenant.actor(ADMIN) };
    member = { kind: "person", actor: tenant.actor(EMPLOYEE) };
  });

  it("creates the package and every benefit, audits each, and says so, when a member imports a new valid file", async () => {
    const report = reportOf(await importPackage(tenant.deps, member, EXAMPLE));
    expect([report.packageId, report.packageOutcome, report.applied]).to.deep.equal(["fabrikam-silver-core-2026", "new", true]);
    expect(report.counts).to.deep.equal({ created: 11, changed: 0, unchanged: 0, refused: 0 });
    const stored = await tenant.snapshot();
    expect(stored.packages.map((p) => p.value)).to.deep.include.members([
      {
        type: "package", id: "fabrikam-silver-core-2026", tenantId: tenant.tenantId, version: 0, name: "Fabrikam Silver Core membership",
        level: "Silver Core", purchasedAt: "2026-11-20T00:00:00.000Z", expiresAt: "2027-11-19T00:00:00.000Z", importedBy: EMPLOYEE,
      },
    ]);
    const vs = await tenant.benefit("vs-enterprise-2026", "visualStudio");
    expect([vs.seats, vs.edition, vs.assignments, vs.packageId]).to.deep.equal([10, "Enterprise", [], "fabrikam-silver-core-2026"]);
    const software = await tenant.benefit("windows-server-2026", "software");
    expect(software.productKeys.map((k) => k.key)).to.deep.equal(["KX7RT-2MQ9D-H4WPB-8CJ3F-Y6N2V", "PB4HN-7TJ2K-X9QRC-3MW8D-F6V4G"]);
    const audit = stored.audit;
    expect(audit.map((e) => e.action).sort()).to.deep.equal([...Array(11).fill("benefit.import"), "package.import"]);
    expect(JSON.stringify(audit)).not.to.include("KX7RT");
  });

  it("masks every key in the preview and writes nothing on a dry run", async () => {
    const before = await tenant.snapshot();
    const report = reportOf(await importPackage(tenant.deps, member, EXAMPLE, { dryRun: true }));
    expect(report.applied).to.equal(false);
    expect(report.items.find((i) => i.benefitId === "windows-server-2026")?.quantity).to.deep.equal({
      unit: "keys",
      amount: 2,
      maskedKeys: [`${"•".repeat(25)}6N2V`, `${"•".repeat(25)}6V4G`],
    });
    expect(JSON.stringify(report)).not.to.match(/KX7RT|PB4HN|QW3CT|E3M4K/);
    expect(await tenant.snapshot()).to.deep.equal(before);
  });

  it("changes nothing, etags included, when the same file is imported twice", async () => {
    reportOf(await importPackage(tenant.deps, member, EXAMPLE));
    const before = await tenant.snapshot();
    const again = reportOf(await importPackage(tenant.deps, member, EXAMPLE));
    expect([again.packageOutcome, again.counts]).to.deep.equal(["unchanged", { created: 0, changed: 0, unchanged: 11, refused: 0 }]);
    expect(await tenant.snapshot()).to.deep.equal(before);
    expect(await tenant.deps.repos.audit.recent(tenant.tenantId, 100), "the replay is not audited again").to.have.length(12);
  });

  it("stores one package and each benefit once, audited once, and tells both that all of it is there, when two imports of the same file run at once", async () => {
    const [a, b] = await Promise.all([importPackage(tenant.deps, member, EXAMPLE), importPackage(tenant.deps, admin, EXAMPLE)]);
    const reports = [reportOf(a), reportOf(b)];
    const packages = await tenant.deps.repos.packages.list(tenant.tenantId);
    const benefits = await tenant.deps.repos.benefits.list(tenant.tenantId);
    expect(packages.map((p) => p.value.id)).to.deep.equal(["fabrikam-silver-core-2026"]);
    expect(benefits).to.have.length(11);
    expect(benefits.every((s) => s.value.version === 0)).to.equal(true);
    // Which of the two reads first is up to the scheduler of the event loop: the one that finds the package stored
    // says "unchanged", the one that wrote it (or lost the race to write the same) says "new"; both say it is all there.
    for (const r of reports) {
      expect(["new", "unchanged"], "a success").to.include(r.packageOutcome);
      expect(r.counts.created + r.counts.unchanged, "every benefit is there").to.equal(11);
      expect([r.counts.changed, r.counts.refused]).to.deep.equal([0, 0]);
    }
    const entries = await tenant.deps.repos.audit.recent(tenant.tenantId, 100);
    expect(entries.map((e) => e.id).sort()).to.deep.equal([...packages, ...benefits].map((d) => `audit:${d.value.id}:0`).sort());
    expect(await tenant.deps.repos.pendingAudit.find(tenant.tenantId), "no entry left pending").to.deep.equal([]);
  });

  it("keeps the assignments and updates the seats when a global admin re-imports with more seats", async () => {
    reportOf(await importPackage(tenant.deps, member, EXAMPLE));
    const vs = await tenant.benefit("vs-enterprise-2026", "visualStudio");
    const assigned = { ...vs, version: 1, assignments: [{ userId: EMPLOYEE, assignedAt: "2026-11-21T00:00:00.000Z", assignedBy: ADMIN }] };
    const stored = await tenant.deps.repos.benefits.get(tenant.tenantId, vs.id);
    await tenant.deps.repos.benefits.replace(assigned, stored?.etag ?? "");

    const report = reportOf(await importPackage(tenant.deps, admin, withBenefit(example(), "vs-enterprise-2026", { seats: 12 })));
    expect(report.counts).to.deep.equal({ created: 0, changed: 1, unchanged: 10, refused: 0 });
    const after = await tenant.benefit("vs-enterprise-2026", "visualStudio");
    expect([after.seats, after.assignments, after.version]).to.deep.equal([12, assigned.assignments, 2]);
  });

  it("refuses only that item, with the reason, and applies the rest when seats drop below those assigned", async () => {
    reportOf(await importPackage(tenant.deps, member, EXAMPLE));
    const vs = await tenant.benefit("vs-professional-2026", "visualStudio");
    const stored = await tenant.deps.repos.benefits.get(tenant.tenantId, vs.id);
    const twoAssigned = ["emp-a", "emp-b"].map((userId) => ({ userId, assignedAt: "2026-11-21T00:00:00.000Z", assignedBy: ADMIN }));
    await tenant.deps.repos.benefits.replace({ ...vs, version: 1, assignments: twoAssigned }, stored?.etag ?? "");

    const file = JSON.parse(withBenefit(example(), "vs-professional-2026", { seats: 1 }));
    const changed = withBenefit(file, "advisory-hours-2026", { quantity: 40 });
    const report = reportOf(await importPackage(tenant.deps, admin, changed));
    const refused = report.items.find((i) => i.benefitId === "vs-professional-2026");
    expect([refused?.outcome, refused?.refusal]).to.deep.equal(["refused", { code: "seatsBelowAssigned", assigned: 2, seats: 1 }]);
    expect(report.counts).to.deep.equal({ created: 0, changed: 1, unchanged: 9, refused: 1 });
    expect((await tenant.benefit("vs-professional-2026", "visualStudio")).seats).to.equal(5);
    expect((await tenant.benefit("advisory-hours-2026", "technical")).units).to.equal(40);
  });

  it("refuses leaving out a key that was already revealed", async () => {
    reportOf(await importPackage(tenant.deps, member, EXAMPLE));
    const sw = await tenant.benefit("sql-server-2026", "software");
    const stored = await tenant.deps.repos.benefits.get(tenant.tenantId, sw.id);
    await tenant.deps.repos.benefits.replace({ ...sw, version: 1, keysRevealed: { at: "2026-11-21T00:00:00.000Z", by: ADMIN } }, stored?.etag ?? "");
    const report = reportOf(await importPackage(tenant.deps, admin, withBenefit(example(), "sql-server-2026", { products: [{ product: "SQL", keys: ["NEW-KEY"] }] })));
    expect(report.items.find((i) => i.benefitId === "sql-server-2026")?.refusal).to.deep.equal({ code: "revealedKeysRemoved", removed: 1 });
  });

  it("refuses a member's change to an existing package and writes nothing", async () => {
    reportOf(await importPackage(tenant.deps, member, EXAMPLE));
    const before = await tenant.snapshot();
    const preview = reportOf(await importPackage(tenant.deps, member, withBenefit(example(), "vs-enterprise-2026", { seats: 20 }), { dryRun: true }));
    expect([preview.requiresGlobalAdmin, preview.mayApply]).to.deep.equal([true, false]);
    await expectRejection(importPackage(tenant.deps, member, withBenefit(example(), "vs-enterprise-2026", { seats: 20 })), "NOT_AUTHORIZED");
    expect(await tenant.snapshot()).to.deep.equal(before);
  });

  it("refuses someone outside the directory and writes nothing", async () => {
    const before = await tenant.snapshot();
    await expectRejection(importPackage(tenant.deps, { kind: "person", actor: tenant.actor("stranger") }, EXAMPLE), "NOT_AUTHORIZED");
    expect(await tenant.snapshot()).to.deep.equal(before);
  });

  it("answers each problem with its path and writes nothing when the file is invalid", async () => {
    const before = await tenant.snapshot();
    const answer = await importPackage(tenant.deps, admin, withBenefit(example(), "vs-enterprise-2026", { seats: -3, colour: "red" }));
    if (answer.ok) expect.fail("an invalid file was accepted");
    expect(answer.problems.map((p) => p.path).sort()).to.deep.equal(["benefits[0]", "benefits[0].seats"]);
    expect(await tenant.snapshot()).to.deep.equal(before);
  });

  it("refuses a benefit id that belongs to another package and creates the rest", async () => {
    reportOf(await importPackage(tenant.deps, member, EXAMPLE));
    const other = { ...example(), id: "other-package", benefits: [example().benefits[0], { ...example().benefits[1], id: "vs-fresh" }] };
    const report = reportOf(await importPackage(tenant.deps, member, JSON.stringify(other)));
    expect(report.items.map((i) => [i.benefitId, i.outcome, i.refusal?.code])).to.deep.equal([
      ["vs-enterprise-2026", "refused", "otherPackage"],
      ["vs-fresh", "new", undefined],
    ]);
    expect((await tenant.benefit("vs-enterprise-2026", "visualStudio")).packageId).to.equal("fabrikam-silver-core-2026");
  });

  it("never reaches another tenant's documents with the same ids", async () => {
    const otherTenant = await givenTenant(cosmos, "import-other", smallTenant);
    reportOf(await importPackage(otherTenant.deps, { kind: "person", actor: otherTenant.actor(EMPLOYEE) }, EXAMPLE));
    const report = reportOf(await importPackage(tenant.deps, member, EXAMPLE));
    expect([report.packageOutcome, report.counts.created]).to.deep.equal(["new", 11]);
  });
});
