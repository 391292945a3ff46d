// Item: a change and its audit entry can't be separated, for the paths that remove documents (package removal,
// placeholder linking) and the ones that go through the admin set (granting global admin, linking an admin's
// placeholder). Each is run once per Cosmos call it makes, with a fault at that call (the process dying before it, or
// its reply lost after it was applied), against the real embedded server. After recovery (the scheduler's sweep, the
// person doing it again) every committed change has exactly one audit entry, no tombstone or pending entry is left,
// and the admin set names exactly the people whose entry holds global admin, with no change left pending.
import { expect } from "chai";
import {
  ADMIN_SET_ID,
  enrollMember,
  grantRole,
  isBenefitsError,
  removeImportedPackage,
  type Actor,
  type Member,
  type Notification,
  type Repositories,
  type UseCaseDeps,
} from "../../benefits";
import { sweepAuditOutbox } from "../../benefits/useCases/auditOutbox";
import { createRepositories } from "../../storage/repositories";
import { startTestCosmos, type TestCosmos } from "../support/cosmos";
import { FaultPlan, faultyContainer, type FaultKind } from "../support/faultyContainer";
import { ADMIN, aVisualStudioBenefit, depsFor, EMPLOYEE, freshTenantId, RECENT_PURCHASE, SECOND_ADMIN, TenantBuilder } from "../benefits/fixtures";

const PLACEHOLDER = "user-grace";
const GRACE = "0f4b8c2e-2222-4a2b-9c3d-5e6f7a8b9c0d";
const GRACE_EMAIL = "grace.hopper@contoso.example";
const AT = "2026-11-20T10:00:00.000Z";

const REMOVALS = new Set(["benefit.remove", "package.remove", "directory.linkPlaceholder", "directory.moveNotification"]);

function grace(tenantId: string): Member {
  return { tenantId, userId: GRACE, displayName: "Grace Hopper", email: GRACE_EMAIL };
}

function plannedFor(tenantId: string, recipientId: string): Notification {
  return {
    type: "notification",
    id: `vs-held:expiresIn30:${recipientId}`,
    tenantId,
    version: 0,
    benefitId: "vs-held",
    event: "expiresIn30",
    recipientId,
    dueAt: "2026-11-20T00:00:00.000Z",
    state: "planned",
    attempts: 0,
    facts: { benefitName: "Visual Studio vs-held", category: "visualStudio" },
  };
}

/** Only what each operation touches: every run seeds a fresh copy, so small keeps the suite lean. */
function withAdmins(tenantId: string): TenantBuilder {
  return new TenantBuilder(tenantId).user(ADMIN, ["globalAdmin"]).user(SECOND_ADMIN, ["globalAdmin"]);
}

/** A package nobody uses yet, with two benefits, beside one in use. */
function withUnusedPackage(tenantId: string): TenantBuilder {
  return withAdmins(tenantId)
    .package("pkg-unused", RECENT_PURCHASE)
    .benefit(aVisualStudioBenefit("vs-held", 5, { assignments: [{ userId: ADMIN, assignedAt: AT, assignedBy: ADMIN }] }))
    .benefit(aVisualStudioBenefit("vs-unused-1", 3, { packageId: "pkg-unused" }))
    .benefit(aVisualStudioBenefit("vs-unused-2", 2, { packageId: "pkg-unused" }));
}

/** A global admin's placeholder holding a seat (its planned reminder is added by the test). */
function withAdminPlaceholder(tenantId: string): TenantBuilder {
  return withAdmins(tenantId)
    .user(PLACEHOLDER, ["globalAdmin"], { displayName: "G. Hopper (added by admin)", email: GRACE_EMAIL })
    .benefit(aVisualStudioBenefit("vs-held", 5, { assignments: [{ userId: PLACEHOLDER, assignedAt: AT, assignedBy: ADMIN }] }));
}

interface Operation {
  readonly name: string;
  seed(tenantId: string): TenantBuilder;
  run(deps: UseCaseDeps, admin: Actor): Promise<unknown>;
  /** What is true once it is done, however many tries it took. */
  finished(repos: Repositories, tenantId: string): Promise<void>;
}

async function expectPackageGone(repos: Repositories, tenantId: string): Promise<void> {
  expect(await repos.packages.get(tenantId, "pkg-unused")).to.equal(undefined);
  expect((await repos.benefits.list(tenantId)).map((b) => b.value.id)).to.deep.equal(["vs-held"]);
  expect((await repos.packages.list(tenantId)).map((p) => p.value.id)).to.deep.equal([]);
}

async function expectLinked(repos: Repositories, tenantId: string): Promise<void> {
  expect(await repos.users.get(tenantId, PLACEHOLDER)).to.equal(undefined);
  const held = await repos.benefits.get(tenantId, "vs-held");
  expect(held?.value.category === "visualStudio" ? held.value.assignments.map((a) => a.userId) : []).to.deep.equal([GRACE]);
  expect((await repos.notifications.list(tenantId)).map((n) => n.value.recipientId)).to.deep.equal([GRACE]);
}

const OPERATIONS: readonly Operation[] = [
  {
    name: "remove an imported package",
    seed: withUnusedPackage,
    run: (d, a) => removeImportedPackage(d, a, { packageId: "pkg-unused", expectedVersion: 0 }),
    finished: expectPackageGone,
  },
  {
    name: "link a global admin's placeholder",
    seed: withAdminPlaceholder,
    run: (d, a) => enrollMember(d, grace(a.tenantId), false),
    finished: async (repos, tenantId) => {
      await expectLinked(repos, tenantId);
      expect((await repos.users.get(tenantId, GRACE))?.value.roles).to.deep.equal(["globalAdmin"]);
    },
  },
  {
    name: "grant global admin",
    seed: (tenantId) => withAdmins(tenantId).user(EMPLOYEE, ["employee"]),
    run: (d, a) => grantRole(d, a, { userId: EMPLOYEE, role: "globalAdmin" }),
    finished: async (repos, tenantId) => {
      expect((await repos.users.get(tenantId, EMPLOYEE))?.value.roles).to.deep.equal(["globalAdmin"]);
    },
  },
];

/** Faulted runs at once, each on its own tenant: the server waits on nothing, so a few overlap its idle moments. */
const PARALLEL_RUNS = 6;

/** A retry may find the change already made by the faulted call: these answers are then correct. */
const ANSWERS_TO_A_DONE_CHANGE = new Set(["NOT_FOUND", "STALE_CARD"]);

type Versions = Map<string, number>;

/** Every kind whose every change is audited, and planned notifications (audited when they move). */
const VERSIONED_TYPES = new Set(["user", "benefit", "package", "marketingContact", "notification"]);

interface RawDocument {
  readonly id: string;
  readonly type: string;
  readonly version?: number;
  readonly action?: string;
  readonly outbox?: unknown[];
}

/** What the tenant's partition holds, read in one query straight from the server (no repository, no cache). */
interface Partition {
  readonly versions: Versions;
  readonly entries: readonly RawDocument[];
  /** Tombstones, and documents whose outbox still holds entries. */
  readonly leftovers: readonly string[];
}

function partitionOf(docs: readonly RawDocument[]): Partition {
  return {
    versions: new Map(docs.filter((d) => VERSIONED_TYPES.has(d.type)).map((d) => [`${d.type}:${d.id}`, d.version ?? 0])),
    entries: docs.filter((d) => d.type === "audit"),
    leftovers: docs.filter((d) => d.type === "tombstone" || (d.outbox ?? []).length > 0).map((d) => `${d.type}:${d.id}`),
  };
}

/**
 * What the log must hold for the documents' history: one entry per version each living document moved through (a
 * notification copied under a new id is not a change of its own), and for each removed one the entries up to its
 * removal, the last of them the removal itself.
 */
function checkEntries(before: Versions, { versions: after, entries, leftovers }: Partition, where: string): number {
  expect(leftovers, `${where}: no tombstone or pending entry left`).to.deep.equal([]);
  const ids = entries.map((e) => e.id);
  expect(new Set(ids).size, `${where}: no entry twice`).to.equal(ids.length);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const expected: string[] = [];
  for (const [key, version] of after) {
    const [type, id] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
    const from = (before.get(key) ?? (type === "notification" ? version : -1)) + 1;
    for (let v = from; v <= version; v++) expected.push(`audit:${id}:${v}`);
  }
  for (const [key, version] of before) {
    if (after.has(key)) continue;
    const id = key.slice(key.indexOf(":") + 1);
    let last = version + 1;
    while (byId.has(`audit:${id}:${last + 1}`)) last += 1;
    for (let v = version + 1; v <= last; v++) expected.push(`audit:${id}:${v}`);
    expect(REMOVALS.has(byId.get(`audit:${id}:${last}`)?.action ?? ""), `${where}: the removal of ${key} is audited`).to.equal(true);
  }
  expect([...ids].sort(), where).to.deep.equal(expected.sort());
  return expected.length;
}

describe("audit entries of removals and admin-set changes under a fault at every Cosmos call", function () {
  this.timeout(240_000);
  let cosmos: TestCosmos;

  before(async function () {
    this.timeout(60_000);
    cosmos = await startTestCosmos();
  });

  /** Each run has its own plan (and its own tenant), so runs can share the server at the same time. */
  function faultyRepositories(plan: FaultPlan): Repositories {
    return createRepositories(faultyContainer(cosmos.tenantData, plan));
  }
  after(async () => {
    await cosmos.stop();
  });

  interface Seeded {
    readonly tenantId: string;
    readonly before: Versions;
  }

  /** Seeded one after the other: creating packages registers the tenant in one shared document. */
  async function seeded(label: string, op: Operation): Promise<Seeded> {
    const tenantId = freshTenantId(label);
    const seed = await op.seed(tenantId).store(cosmos.repositories);
    if (seed.users.some((u) => u.id === PLACEHOLDER)) await cosmos.repositories.notifications.create(plannedFor(tenantId, PLACEHOLDER));
    return { tenantId, before: (await partition(tenantId)).versions };
  }

  async function partition(tenantId: string): Promise<Partition> {
    const query = {
      query: "SELECT c.id, c.type, c.version, c.action, c.outbox FROM c WHERE c.tenantId = @tenantId",
      parameters: [{ name: "@tenantId", value: tenantId }],
    };
    return partitionOf((await cosmos.tenantData.items.query<RawDocument>(query).fetchAll()).resources);
  }

  /** After the sweep, the admin set (once it exists) names exactly the people whose entry holds global admin, with nothing pending. */
  async function expectAdminSetExact(tenantId: string, where: string): Promise<void> {
    const set = (await cosmos.repositories.adminSets.get(tenantId, ADMIN_SET_ID))?.value;
    if (set === undefined) return;
    const admins = (await cosmos.repositories.users.list(tenantId)).filter((u) => u.value.roles.includes("globalAdmin")).map((u) => u.value.id);
    expect([...set.userIds].sort(), `${where}: the admin set`).to.deep.equal(admins.sort());
    expect(set.pending ?? [], `${where}: nothing pending on the admin set`).to.deep.equal([]);
  }

  async function tryAgain(op: Operation, deps: UseCaseDeps, admin: Actor): Promise<void> {
    try {
      await op.run(deps, admin);
    } catch (error) {
      if (!isBenefitsError(error) || !ANSWERS_TO_A_DONE_CHANGE.has(error.code)) throw error;
    }
  }

  async function callsOf(op: Operation): Promise<number> {
    const { tenantId } = await seeded("count", op);
    const plan = new FaultPlan();
    plan.count();
    await op.run(depsFor(faultyRepositories(plan)), { tenantId, userId: ADMIN });
    return plan.calls;
  }

  async function faultedRun(op: Operation, kind: FaultKind, at: number, { tenantId, before }: Seeded): Promise<number> {
    const admin = { tenantId, userId: ADMIN };
    const where = `${kind} at call ${at}`;
    const plan = new FaultPlan();
    plan.arm(kind, at);
    try {
      await op.run(depsFor(faultyRepositories(plan)), admin);
    } catch (error) {
      if (!isBenefitsError(error)) throw error;
    } finally {
      plan.heal();
    }
    const healthy = depsFor(cosmos.repositories, { idPrefix: "retry" });
    // A crashed process leaves it to the scheduler alone; a lost reply is followed by the person trying again.
    if (kind !== "crash") await tryAgain(op, healthy, admin);
    await sweepAuditOutbox(healthy, tenantId);
    const committed = checkEntries(before, await partition(tenantId), where);
    await expectAdminSetExact(tenantId, where);

    // Then the person (or, for a link, their next message) does it again: finished, each change still audited once.
    await tryAgain(op, healthy, admin);
    await sweepAuditOutbox(healthy, tenantId);
    checkEntries(before, await partition(tenantId), `${where}, tried again`);
    await op.finished(cosmos.repositories, tenantId);
    await expectAdminSetExact(tenantId, `${where}, tried again`);
    return committed;
  }

  const figures = { runs: 0, committed: 0 };
  after(() => {
    console.log(`      removal and admin-set fault injection: ${figures.runs} faulted runs, ${figures.committed} with a committed change, 0 lost or doubled entries`);
  });

  for (const op of OPERATIONS) {
    it(`keeps exactly one audit entry per committed change when any Cosmos call of "${op.name}" fails`, async () => {
      const calls = await callsOf(op);
      expect(calls, "the operation makes Cosmos calls").to.be.greaterThan(2);
      const runs = (["crash", "lostReply"] as const).flatMap((kind) => Array.from({ length: calls }, (_, i) => ({ kind, at: i + 1 })));
      for (let next = 0; next < runs.length; next += PARALLEL_RUNS) {
        const batch: { kind: FaultKind; at: number; tenant: Seeded }[] = [];
        for (const run of runs.slice(next, next + PARALLEL_RUNS)) batch.push({ ...run, tenant: await seeded("fault", op) });
        await Promise.all(
          batch.map(async ({ kind, at, tenant }) => {
            const committed = await faultedRun(op, kind, at, tenant);
            if (kind === "lostReply" && at === calls) expect(committed, "the last call's lost reply still committed").to.be.greaterThan(0);
            figures.runs += 1;
            if (committed > 0) figures.committed += 1;
          }),
        );
      }
    });
  }
});
