// Item: a change and its audit entry can't be separated. Every write path below is run once per Cosmos call it makes,
// with a fault at that call (the process dying before it, or its reply lost after it was applied), against the real
// embedded server. After recovery (a retry by the person, then the scheduler's sweep) every committed change has
// exactly one audit entry and no document still holds pending entries.
import { expect } from "chai";
import {
  assignVisualStudioSeat,
  activateTechnicalBenefit,
  grantRole,
  isBenefitsError,
  removeVisualStudioSeat,
  requestCancellation,
  revealSoftwareKeys,
  revokeRole,
  type Actor,
  type AuditEntry,
  type Repositories,
  type UseCaseDeps,
} from "../../../benefits";
import { sweepAuditOutbox } from "../../../benefits/useCases/auditOutbox";
import { createRepositories } from "../../../storage/repositories";
import { startTestCosmos, type TestCosmos } from "../../support/cosmos";
import { FaultPlan, faultyContainer, type FaultKind } from "../../support/faultyContainer";
import {
  ADMIN,
  aSoftwareBenefit,
  aTechnicalBenefit,
  aVisualStudioBenefit,
  depsFor,
  EMPLOYEE,
  freshTenantId,
  RECENT_PURCHASE,
  SECOND_ADMIN,
  TenantBuilder,
} from "../fixtures";

const ASSIGNED = { userId: EMPLOYEE, assignedAt: "2026-11-20T10:00:00.000Z", assignedBy: ADMIN };

/** Only what the operations touch: every run seeds a fresh copy, so small keeps the suite lean. */
function smallTenant(tenantId: string): TenantBuilder {
  return new TenantBuilder(tenantId)
    .user(ADMIN, ["globalAdmin"])
    .user(SECOND_ADMIN, ["globalAdmin"])
    .user(EMPLOYEE, ["employee"])
    .package("pkg-1", RECENT_PURCHASE)
    .benefit(aVisualStudioBenefit("vs-free", 5))
    .benefit(aVisualStudioBenefit("vs-held", 5, { assignments: [ASSIGNED] }))
    .benefit(aTechnicalBenefit("tech-pending", "supportIncidents", { assignment: { ...ASSIGNED, alternateEmail: "alt@elsewhere.example", state: "pending" } }))
    .benefit(aSoftwareBenefit("sw-1"));
}

interface Operation {
  readonly name: string;
  run(deps: UseCaseDeps, admin: Actor): Promise<unknown>;
}

const OPERATIONS: readonly Operation[] = [
  { name: "assign a seat", run: (d, a) => assignVisualStudioSeat(d, a, { benefitId: "vs-free", userId: EMPLOYEE }) },
  { name: "remove a seat", run: (d, a) => removeVisualStudioSeat(d, a, { benefitId: "vs-held", userId: EMPLOYEE, expectedVersion: 0 }) },
  { name: "activate a support benefit", run: (d, a) => activateTechnicalBenefit(d, a, { benefitId: "tech-pending", expectedVersion: 0 }) },
  { name: "request a refund", run: (d, a) => requestCancellation(d, a, { benefitId: "vs-free", expectedVersion: 0 }) },
  { name: "reveal software keys", run: (d, a) => revealSoftwareKeys(d, a, { benefitId: "sw-1" }) },
  { name: "grant a role", run: (d, a) => grantRole(d, a, { userId: EMPLOYEE, role: "userAdmin" }) },
  { name: "revoke global admin", run: (d, a) => revokeRole(d, a, { userId: SECOND_ADMIN, role: "globalAdmin" }) },
];

/** A retry after a fault may find the change already made by the faulted call: these answers are then correct. */
const ANSWERS_TO_A_DONE_CHANGE = new Set(["STALE_CARD", "ALREADY_ASSIGNED", "NOT_ASSIGNED"]);

type Versions = Map<string, number>;

async function versionsOf(repos: Repositories, tenantId: string): Promise<Versions> {
  const docs = [...(await repos.users.list(tenantId)), ...(await repos.benefits.list(tenantId))];
  return new Map(docs.map((d) => [d.value.id, d.value.version]));
}

async function pendingOutboxes(repos: Repositories, tenantId: string): Promise<string[]> {
  return (await repos.pendingAudit.find(tenantId)).map((r) => `${r.type}:${r.id}`);
}

/** One entry per version each document moved through, and nothing else. */
function expectedEntryIds(before: Versions, after: Versions): string[] {
  const ids: string[] = [];
  for (const [id, version] of after) {
    for (let v = (before.get(id) ?? -1) + 1; v <= version; v++) ids.push(`audit:${id}:${v}`);
  }
  return ids.sort();
}

describe("audit outbox under injected Cosmos faults", function () {
  this.timeout(180_000);
  let cosmos: TestCosmos;
  const plan = new FaultPlan();
  let faulty: Repositories;

  before(async function () {
    this.timeout(60_000);
    cosmos = await startTestCosmos();
    faulty = createRepositories(faultyContainer(cosmos.tenantData, plan));
  });
  after(async () => {
    await cosmos.stop();
  });

  async function seeded(label: string): Promise<{ tenantId: string; before: Versions }> {
    const tenantId = freshTenantId(label);
    await smallTenant(tenantId).store(cosmos.repositories);
    return { tenantId, before: await versionsOf(cosmos.repositories, tenantId) };
  }

  async function callsOf(op: Operation): Promise<number> {
    const { tenantId } = await seeded("count");
    plan.count();
    await op.run(depsFor(faulty), { tenantId, userId: ADMIN });
    plan.heal();
    return plan.calls;
  }

  /** Runs `op` with the fault, recovers, and returns the audit entries the tenant has afterwards. */
  async function faultedRun(op: Operation, kind: FaultKind, at: number): Promise<{ entries: AuditEntry[]; expected: string[]; pending: string[] }> {
    const { tenantId, before } = await seeded("fault");
    const admin = { tenantId, userId: ADMIN };
    plan.arm(kind, at);
    try {
      await op.run(depsFor(faulty), admin);
    } catch (error) {
      if (!isBenefitsError(error)) throw error;
    } finally {
      plan.heal();
    }
    const healthy = depsFor(cosmos.repositories, { idPrefix: "retry" });
    if (kind !== "crash") {
      // The person clicks again; a crashed process instead leaves it to the scheduler alone.
      try {
        await op.run(healthy, admin);
      } catch (error) {
        if (!isBenefitsError(error) || !ANSWERS_TO_A_DONE_CHANGE.has(error.code)) throw error;
      }
    }
    await sweepAuditOutbox(healthy, tenantId);
    const after = await versionsOf(cosmos.repositories, tenantId);
    return {
      entries: await cosmos.repositories.audit.recent(tenantId, 1000),
      expected: expectedEntryIds(before, after),
      pending: await pendingOutboxes(cosmos.repositories, tenantId),
    };
  }

  const figures = { runs: 0, committed: 0 };
  after(() => {
    console.log(`      audit fault injection: ${figures.runs} faulted runs, ${figures.committed} with a committed change, 0 lost or doubled entries`);
  });

  for (const op of OPERATIONS) {
    it(`keeps exactly one audit entry per committed change when any Cosmos call of "${op.name}" fails`, async () => {
      const calls = await callsOf(op);
      expect(calls, "the operation makes Cosmos calls").to.be.greaterThan(2);
      for (const kind of ["crash", "lostReply"] as const) {
        for (let at = 1; at <= calls; at++) {
          const { entries, expected, pending } = await faultedRun(op, kind, at);
          const where = `${kind} at call ${at} of ${calls}`;
          expect(entries.map((e) => e.id).sort(), where).to.deep.equal(expected);
          expect(pending, where).to.deep.equal([]);
          // A retried change is audited once: after a retry or a lost reply, the same change is never recorded twice.
          if (kind === "lostReply") expect(expected.length, where).to.be.greaterThan(0);
          figures.runs += 1;
          if (expected.length > 0) figures.committed += 1;
        }
      }
    });
  }
});
