import { readFileSync } from "node:fs";
import { expect } from "chai";
import sinon from "sinon";
import { BenefitsError, importPackage, packageRecordedNotice, removeImportedPackage, type ImportReport } from "../../../benefits";
import { packageRecordedCard } from "../../../cards/importRecorded";
import { ADMIN, EMPLOYEE, expectRejection, SECOND_ADMIN, TenantBuilder } from "../fixtures";
import { cosmosPerFile, givenTenant, type TenantUnderTest } from "../useCases/harness";

const EXAMPLE = readFileSync("docs/import/example-package.json", "utf8");
const PACKAGE_ID = "fabrikam-silver-core-2026";

describe("removeImportedPackage and the 'recorded' notice", () => {
  const cosmos = cosmosPerFile();
  let tenant: TenantUnderTest;
  let report: ImportReport;
  beforeEach(async () => {
    tenant = await givenTenant(cosmos, "remove", (id) =>
      new TenantBuilder(id).user(ADMIN, ["globalAdmin"]).user(SECOND_ADMIN, ["globalAdmin"]).user(EMPLOYEE, ["employee"], { displayName: "Lee *Gu*" }),
    );
    const answer = await importPackage(tenant.deps, { kind: "person", actor: tenant.actor(EMPLOYEE) }, EXAMPLE);
    if (!answer.ok) expect.fail("the example was refused");
    report = answer.report;
  });

  it("tells every global admin, not the member who recorded it, with a Remove button carrying the package id and version", async () => {
    const notice = await packageRecordedNotice(tenant.deps, tenant.actor(EMPLOYEE), report);
    if (notice === undefined) expect.fail("no notice for a new package");
    expect([...notice.recipientIds].sort()).to.deep.equal([ADMIN, SECOND_ADMIN]);
    const card = JSON.stringify(packageRecordedCard("en", notice).content);
    expect(card).to.include("Lee \\\\*Gu\\\\* recorded Fabrikam Silver Core membership");
    expect(card).to.include('"verb":"package.remove"');
    expect(card).to.include(`"data":{"id":"${PACKAGE_ID}","version":0}`);
    expect(JSON.stringify(packageRecordedCard("fr", notice).content)).to.include("a enregistré");
  });

  it("sends no notice when the import recorded nothing new", async () => {
    const again = await importPackage(tenant.deps, { kind: "person", actor: tenant.actor(EMPLOYEE) }, EXAMPLE);
    if (!again.ok) expect.fail("refused");
    expect(await packageRecordedNotice(tenant.deps, tenant.actor(EMPLOYEE), again.report)).to.equal(undefined);
  });

  it("removes the package and all its benefits, audited, when nothing of it is in use", async () => {
    const removal = await removeImportedPackage(tenant.deps, tenant.actor(ADMIN), { packageId: PACKAGE_ID, expectedVersion: 0 });
    expect([removal.packageRemoved, removal.removedBenefitIds.length, removal.keptBenefitIds]).to.deep.equal([true, 11, []]);
    const after = await tenant.snapshot();
    expect([after.packages, after.benefits]).to.deep.equal([[], []]);
    expect(after.audit.filter((e) => e.action === "benefit.remove")).to.have.length(11);
    expect(after.audit.filter((e) => e.action === "package.remove").map((e) => e.actorId)).to.deep.equal([ADMIN]);
  });

  it("refuses and changes nothing once a seat of the package is assigned", async () => {
    const vs = await tenant.deps.repos.benefits.get(tenant.tenantId, "vs-enterprise-2026");
    if (vs?.value.category !== "visualStudio") expect.fail("missing");
    await tenant.deps.repos.benefits.replace(
      { ...vs.value, version: 1, assignments: [{ userId: EMPLOYEE, assignedAt: "2026-11-24T00:00:00.000Z", assignedBy: ADMIN }] },
      vs.etag,
    );
    const before = await tenant.snapshot();
    const error = await expectRejection(removeImportedPackage(tenant.deps, tenant.actor(ADMIN), { packageId: PACKAGE_ID }), "INVALID_STATE");
    expect(error.details.benefitId).to.equal("vs-enterprise-2026");
    expect(await tenant.snapshot()).to.deep.equal(before);
  });

  it("refuses a member who is not a global admin and changes nothing", async () => {
    const before = await tenant.snapshot();
    await expectRejection(removeImportedPackage(tenant.deps, tenant.actor(EMPLOYEE), { packageId: PACKAGE_ID }), "NOT_AUTHORIZED");
    expect(await tenant.snapshot()).to.deep.equal(before);
  });

  it("keeps every audit entry of a package removed and imported again, although the new package starts again at version 0", async () => {
    await removeImportedPackage(tenant.deps, tenant.actor(ADMIN), { packageId: PACKAGE_ID, expectedVersion: 0 });
    const again = await importPackage(tenant.deps, { kind: "person", actor: tenant.actor(ADMIN) }, EXAMPLE);
    if (!again.ok) expect.fail("the re-import was refused");
    await removeImportedPackage(tenant.deps, tenant.actor(SECOND_ADMIN), { packageId: PACKAGE_ID, expectedVersion: 0 });

    const audit = (await tenant.snapshot()).audit;
    const ofPackage = (action: string) => audit.filter((e) => e.targetId === PACKAGE_ID && e.action === action).map((e) => e.actorId).sort();
    expect(ofPackage("package.import"), "both imports").to.deep.equal([ADMIN, EMPLOYEE].sort());
    expect(ofPackage("package.remove"), "both removals").to.deep.equal([ADMIN, SECOND_ADMIN].sort());
    expect(audit.filter((e) => e.action === "benefit.import"), "each benefit's two imports").to.have.length(22);
    expect(audit.filter((e) => e.action === "benefit.remove"), "each benefit's two removals").to.have.length(22);
    expect(new Set(audit.map((e) => e.id)).size, "no entry twice").to.equal(audit.length);
  });

  it("keeps a removal whose tombstones could not be deleted, which a re-import of the same file finishes before creating again", async () => {
    const deleting = sinon.stub(tenant.deps.repos.tombstones, "delete").rejects(new BenefitsError("UNAVAILABLE", "the data store is unavailable", { status: 503 }));
    const removal = await removeImportedPackage(tenant.deps, tenant.actor(ADMIN), { packageId: PACKAGE_ID, expectedVersion: 0 });
    deleting.restore();
    expect(removal.packageRemoved, "the removal is committed: the person is told so").to.equal(true);
    expect((await tenant.snapshot()).benefits, "no benefit reader sees a tombstone").to.deep.equal([]);
    expect(await tenant.deps.repos.tombstones.get(tenant.tenantId, PACKAGE_ID)).not.to.equal(undefined);

    const again = await importPackage(tenant.deps, { kind: "person", actor: tenant.actor(ADMIN) }, EXAMPLE);

    if (!again.ok) expect.fail("the re-import was refused");
    expect([again.report.packageOutcome, again.report.counts.created]).to.deep.equal(["new", 11]);
    const audit = (await tenant.snapshot()).audit;
    expect(audit.filter((e) => e.action === "benefit.remove"), "each removal audited once").to.have.length(11);
    expect(audit.filter((e) => e.action === "package.remove")).to.have.length(1);
    expect(await tenant.deps.repos.tombstones.get(tenant.tenantId, PACKAGE_ID)).to.equal(undefined);
  });
});
