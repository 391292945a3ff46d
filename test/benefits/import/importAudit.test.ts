// Items 4 and 6 of issue 11 for imports: each entry of an import rides in the write of the package or benefit it
// describes. With a fault at every Cosmos call of an import (the process dying before it, or its reply lost after it
// was applied), the person importing again and then the scheduler's sweep leave exactly one entry per stored
// document version and nothing pending; and two imports of the same file at once give the same answer.
import { readFileSync } from "node:fs";
import { expect } from "chai";
import { importPackage, isBenefitsError, type Actor, type Repositories, type UseCaseDeps } from "../../../benefits";
import { sweepAuditOutbox } from "../../../benefits/useCases/auditOutbox";
import { createRepositories } from "../../../storage/repositories";
import { startTestCosmos, type TestCosmos } from "../../support/cosmos";
import { FaultPlan, faultyContainer, type FaultKind } from "../../support/faultyContainer";
import { ADMIN, depsFor, EMPLOYEE, freshTenantId, TenantBuilder } from "../fixtures";

const EXAMPLE: { benefits: unknown[] } = JSON.parse(readFileSync("docs/import/example-package.json", "utf8"));
/** Two benefits keep the number of faulted runs (two per Cosmos call) small. */
const SMALL_FILE = JSON.stringify({ ...EXAMPLE, benefits: EXAMPLE.benefits.slice(0, 2) });

function importAs(deps: UseCaseDeps, actor: Actor) {
  return importPackage(deps, { kind: "person", actor }, SMALL_FILE);
}

async function versionsOf(repos: Repositories, tenantId: string): Promise<Map<string, number>> {
  const docs = [...(await repos.packages.list(tenantId)), ...(await repos.benefits.list(tenantId))];
  return new Map(docs.map((d) => [d.value.id, d.value.version]));
}

describe("import audit entries under injected Cosmos faults", function () {
  this.timeout(120_000);
  let cosmos: TestCosmos;
  const plan = new FaultPlan();
  let faulty: Repositories;

  before(async () => {
    cosmos = await startTestCosmos();
    faulty = createRepositories(faultyContainer(cosmos.tenantData, plan));
  });
  after(async () => {
    await cosmos.stop();
  });

  async function freshActor(label: string): Promise<Actor> {
    const tenantId = freshTenantId(label);
    await new TenantBuilder(tenantId).user(ADMIN, ["globalAdmin"]).user(EMPLOYEE, ["employee"]).store(cosmos.repositories);
    return { tenantId, userId: ADMIN };
  }

  async function faultedImport(kind: FaultKind, at: number): Promise<{ entries: string[]; expected: string[]; pending: unknown[] }> {
    const actor = await freshActor("import-fault");
    plan.arm(kind, at);
    try {
      await importAs(depsFor(faulty), actor);
    } catch (error) {
      if (!isBenefitsError(error)) throw error;
    } finally {
      plan.heal();
    }
    const healthy = depsFor(cosmos.repositories);
    // The person imports again; a crashed process leaves the rest to the scheduler's sweep.
    if (kind !== "crash") await importAs(healthy, actor);
    await sweepAuditOutbox(healthy, actor.tenantId);
    const versions = await versionsOf(cosmos.repositories, actor.tenantId);
    return {
      entries: (await cosmos.repositories.audit.recent(actor.tenantId, 100)).map((e) => e.id).sort(),
      expected: [...versions].map(([id, version]) => `audit:${id}:${version}`).sort(),
      pending: await cosmos.repositories.pendingAudit.find(actor.tenantId),
    };
  }

  it("keeps exactly one entry per stored document when any Cosmos call of an import fails", async () => {
    const actor = await freshActor("import-count");
    plan.count();
    await importAs(depsFor(faulty), actor);
    plan.heal();
    const calls = plan.calls;
    expect(calls, "the import makes Cosmos calls").to.be.greaterThan(5);
    expect(await cosmos.repositories.audit.recent(actor.tenantId, 100), "a package and two benefits").to.have.length(3);
    for (const kind of ["crash", "lostReply"] as const) {
      for (let at = 1; at <= calls; at++) {
        const { entries, expected, pending } = await faultedImport(kind, at);
        const where = `${kind} at call ${at} of ${calls}`;
        expect(entries, where).to.deep.equal(expected);
        expect(pending, where).to.deep.equal([]);
      }
    }
  });

  it("acts once and tells both that all of it is there when two imports of the same file run at once, one of them losing a reply", async () => {
    const actor = await freshActor("import-race");
    const other = { ...actor, userId: EMPLOYEE };
    // The tenant is registered beforehand through both registries, so call 4 is the package create (after the user,
    // the package and the benefits are read).
    await faulty.tenants.register(actor.tenantId);
    await cosmos.repositories.tenants.register(actor.tenantId);
    plan.arm("lostReply", 4);
    const [a, b] = await Promise.all([importAs(depsFor(faulty), actor), importAs(depsFor(cosmos.repositories), other)]);
    plan.heal();
    if (!a.ok || !b.ok) expect.fail("both imports are accepted");
    // Which import writes each benefit first is the event loop's choice: a benefit may be "new" for one and
    // "unchanged" for the other; both answers say the whole package is there.
    for (const r of [a.report, b.report]) {
      expect(["new", "unchanged"], "a success").to.include(r.packageOutcome);
      expect(r.counts.created + r.counts.unchanged, "both benefits are there").to.equal(2);
      expect([r.counts.changed, r.counts.refused]).to.deep.equal([0, 0]);
    }
    expect((await cosmos.repositories.audit.recent(actor.tenantId, 100)).length, "one entry per document").to.equal(3);
  });
});
