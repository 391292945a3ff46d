// Item: the admin set is exact. Grants and revokes of global admin are decided on the one per-tenant set document
// (If-Match) and only then put on the person's entry, stamped with the deciding version; so however grants and revokes
// cross, once they are done the set names exactly the people whose entry holds global admin. Real SDK, embedded server.
import { expect } from "chai";
import sinon from "sinon";
import { ADMIN_SET_ID, BenefitsError, grantRole, isBenefitsError, revokeRole, type Actor, type Repositories, type Role } from "../../../benefits";
import { ADMIN, EMPLOYEE, employeeId, SECOND_ADMIN, TenantBuilder } from "../fixtures";
import { sweepAuditOutbox } from "../../../benefits/useCases/auditOutbox";
import { cosmosPerFile, givenTenant, type TenantUnderTest } from "./harness";

const OTHER = employeeId(2);

function smallTenant(tenantId: string): TenantBuilder {
  return new TenantBuilder(tenantId).user(ADMIN, ["globalAdmin"]).user(SECOND_ADMIN, ["globalAdmin"]).user(EMPLOYEE, ["employee"]).user(OTHER, ["userAdmin"]);
}

/** The set's members and the entries holding global admin, each sorted; and changes the set lists that no entry took. */
async function agreement(repos: Repositories, tenantId: string): Promise<{ set: string[]; entries: string[]; unconfirmed: string[] }> {
  const set = (await repos.adminSets.get(tenantId, ADMIN_SET_ID))?.value;
  const users = (await repos.users.list(tenantId)).map((s) => s.value);
  const unconfirmed = (set?.pending ?? []).filter((p) => (users.find((u) => u.id === p.userId)?.adminSetVersion ?? -1) < p.version).map((p) => p.userId);
  return {
    set: [...(set?.userIds ?? [])].sort(),
    entries: users.filter((u) => u.roles.includes("globalAdmin")).map((u) => u.id).sort(),
    unconfirmed,
  };
}

async function expectExact(t: TenantUnderTest, where: string): Promise<string[]> {
  const { set, entries, unconfirmed } = await agreement(t.deps.repos, t.tenantId);
  expect(set, `${where}: the set and the entries agree`).to.deep.equal(entries);
  expect(unconfirmed, `${where}: nothing left unconfirmed`).to.deep.equal([]);
  expect(entries.length, `${where}: a global admin is left`).to.be.greaterThan(0);
  return entries;
}

/**
 * Runs the role changes at once; a refusal as the last global admin, or because the acting admin lost the role a
 * moment before, is a correct answer, anything else is not.
 */
async function atOnce(changes: readonly (() => Promise<unknown>)[]): Promise<{ done: number; refused: number }> {
  const results = await Promise.allSettled(changes.map((change) => change()));
  let done = 0;
  let refused = 0;
  for (const r of results) {
    if (r.status === "fulfilled") done++;
    else if (isBenefitsError(r.reason, "LAST_GLOBAL_ADMIN") || isBenefitsError(r.reason, "NOT_AUTHORIZED")) refused++;
    else throw r.reason;
  }
  return { done, refused };
}

function change(t: TenantUnderTest, by: string, kind: "grant" | "revoke", userId: string, role: Role = "globalAdmin"): () => Promise<unknown> {
  const actor: Actor = t.actor(by);
  return () => (kind === "grant" ? grantRole(t.deps, actor, { userId, role }) : revokeRole(t.deps, actor, { userId, role }));
}

describe("useCases/adminSet: grants and revokes crossing", () => {
  const cosmos = cosmosPerFile();
  afterEach(() => sinon.restore());

  it("agrees with the entries after a grant and a revoke of the same person cross, 8 rounds on fresh tenants", async () => {
    for (let round = 0; round < 8; round++) {
      const t = await givenTenant(cosmos, "cross-same", smallTenant);
      // Half the rounds start with the person already an admin, so either change can be the one that acts.
      if (round % 2 === 1) await grantRole(t.deps, t.actor(ADMIN), { userId: EMPLOYEE, role: "globalAdmin" });

      await atOnce([change(t, ADMIN, "grant", EMPLOYEE), change(t, SECOND_ADMIN, "revoke", EMPLOYEE)]);

      await expectExact(t, `round ${round}`);
    }
  });

  it("counts a person granted while another admin is revoked at the same moment, 8 rounds", async () => {
    for (let round = 0; round < 8; round++) {
      const t = await givenTenant(cosmos, "cross-other", smallTenant);

      const outcome = await atOnce([change(t, ADMIN, "grant", EMPLOYEE), change(t, ADMIN, "revoke", SECOND_ADMIN)]);

      expect(outcome, `round ${round}`).to.deep.equal({ done: 2, refused: 0 });
      expect(await expectExact(t, `round ${round}`)).to.deep.equal([ADMIN, EMPLOYEE].sort());
    }
  });

  it("agrees after a storm of crossing grants and revokes of global admin and of other roles, and keeps an admin", async () => {
    for (let round = 0; round < 4; round++) {
      const t = await givenTenant(cosmos, "storm", smallTenant);

      await atOnce([
        change(t, ADMIN, "grant", EMPLOYEE),
        change(t, SECOND_ADMIN, "revoke", EMPLOYEE),
        change(t, ADMIN, "grant", OTHER),
        change(t, SECOND_ADMIN, "revoke", ADMIN),
        change(t, ADMIN, "revoke", SECOND_ADMIN),
        change(t, ADMIN, "grant", EMPLOYEE, "mpnPartnerAdmin"),
        change(t, SECOND_ADMIN, "revoke", OTHER, "userAdmin"),
      ]);

      const admins = await expectExact(t, `round ${round}`);
      // Other roles are kept whatever happened to global admin.
      const employee = (await t.deps.repos.users.get(t.tenantId, EMPLOYEE))?.value;
      expect(employee?.roles.includes("mpnPartnerAdmin"), `round ${round}`).to.equal(true);
      expect(employee?.roles.includes("globalAdmin"), `round ${round}`).to.equal(admins.includes(EMPLOYEE));
    }
  });

  it("never lets a slower grant put back a role that a later revoke took away", async () => {
    const t = await givenTenant(cosmos, "slow-grant", smallTenant);
    const users = t.deps.repos.users;
    const replace = users.replace.bind(users);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    // The grant's write of the entry is held back until the revoke, decided after it on the set, is done.
    sinon.stub(users, "replace").callsFake(async (doc, etag) => {
      if (first && doc.id === EMPLOYEE) {
        first = false;
        await held;
      }
      return replace(doc, etag);
    });

    const grant = grantRole(t.deps, t.actor(ADMIN), { userId: EMPLOYEE, role: "globalAdmin" });
    while (first) await new Promise((resolve) => setTimeout(resolve, 5));
    const revoked = await revokeRole(t.deps, t.actor(SECOND_ADMIN), { userId: EMPLOYEE, role: "globalAdmin" });
    release();
    const granted = await grant;

    expect(revoked.roles).to.deep.equal(["employee"]);
    // The grant hears the person as they are now: its decision was overtaken by a newer one.
    expect(granted.roles).to.deep.equal(["employee"]);
    expect(await expectExact(t, "after both")).to.deep.equal([ADMIN, SECOND_ADMIN]);
    const actions = (await t.audit()).filter((e) => e.targetId === EMPLOYEE).map((e) => e.action);
    expect(actions.sort()).to.deep.equal(["directory.grantRole", "directory.revokeRole"]);
  });

  it("counts a person granted while the revoke of another admin waits to write the set", async () => {
    const t = await givenTenant(cosmos, "held-revoke", smallTenant);
    const sets = t.deps.repos.adminSets;
    const replace = sets.replace.bind(sets);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    // The revoke's first write of the set waits until the grant, started after it, is done.
    sinon.stub(sets, "replace").callsFake(async (doc, etag) => {
      if (first) {
        first = false;
        await held;
      }
      return replace(doc, etag);
    });

    const revoke = revokeRole(t.deps, t.actor(ADMIN), { userId: SECOND_ADMIN, role: "globalAdmin" });
    while (first) await new Promise((resolve) => setTimeout(resolve, 5));
    await grantRole(t.deps, t.actor(ADMIN), { userId: EMPLOYEE, role: "globalAdmin" });
    release();
    await revoke;

    expect(await expectExact(t, "after both")).to.deep.equal([ADMIN, EMPLOYEE].sort());
  });

  it("keeps a global admin when the only one revokes themselves while granting someone else, 6 rounds", async () => {
    for (let round = 0; round < 6; round++) {
      const t = await givenTenant(cosmos, "last-admin", (id) => new TenantBuilder(id).user(ADMIN, ["globalAdmin"]).user(EMPLOYEE, ["employee"]));

      const outcome = await atOnce([change(t, ADMIN, "revoke", ADMIN), change(t, ADMIN, "grant", EMPLOYEE)]);

      // The set took them in some order: the revoke first is refused, the grant first lets the revoke through.
      const admins = await expectExact(t, `round ${round}`);
      expect(outcome.done + outcome.refused, `round ${round}`).to.equal(2);
      expect(admins, `round ${round}`).to.deep.equal(outcome.refused === 1 ? [ADMIN, EMPLOYEE].sort() : [EMPLOYEE]);
    }
  });

  it("grants once when the same grant is clicked twice at the same moment: one audit entry, one new version, 6 rounds", async () => {
    for (let round = 0; round < 6; round++) {
      const t = await givenTenant(cosmos, "double-grant", smallTenant);
      const version = (await t.deps.repos.users.get(t.tenantId, EMPLOYEE))?.value.version ?? -1;

      const outcome = await atOnce([change(t, ADMIN, "grant", EMPLOYEE), change(t, ADMIN, "grant", EMPLOYEE)]);

      expect(outcome.done, `round ${round}`).to.equal(2);
      expect(await expectExact(t, `round ${round}`)).to.include(EMPLOYEE);
      expect((await t.deps.repos.users.get(t.tenantId, EMPLOYEE))?.value.version, `round ${round}`).to.equal(version + 1);
      await sweepAuditOutbox(t.deps, t.tenantId);
      const grants = (await t.audit()).filter((e) => e.targetId === EMPLOYEE && e.action === "directory.grantRole");
      expect(grants, `round ${round}`).to.have.length(1);
    }
  });

  it("tells a revoke whose entry write failed after the set took it that it is not finished, never that nothing changed", async () => {
    const t = await givenTenant(cosmos, "half-revoked", smallTenant);
    await grantRole(t.deps, t.actor(ADMIN), { userId: EMPLOYEE, role: "globalAdmin" });
    sinon.stub(t.deps.repos.users, "replace").rejects(new BenefitsError("UNAVAILABLE", "the store stopped answering"));
    const failure = await revokeRole(t.deps, t.actor(ADMIN), { userId: EMPLOYEE, role: "globalAdmin" }).then(
      () => expect.fail("the revoke cannot have finished"),
      (error: unknown) => error,
    );
    sinon.restore();
    expect(isBenefitsError(failure, "UNAVAILABLE") && failure.details?.outcome).to.equal("partial");
    expect((await t.deps.repos.adminSets.get(t.tenantId, ADMIN_SET_ID))?.value.userIds, "the decision is committed").to.not.include(EMPLOYEE);

    await revokeRole(t.deps, t.actor(ADMIN), { userId: EMPLOYEE, role: "globalAdmin" });
    expect(await expectExact(t, "after trying again")).to.deep.equal([ADMIN, SECOND_ADMIN]);
  });

  it("refuses the revoke of an admin whose own revoke the set took first, though their entry still held the role", async () => {
    const t = await givenTenant(cosmos, "revoked-revoker", smallTenant);
    await grantRole(t.deps, t.actor(ADMIN), { userId: EMPLOYEE, role: "globalAdmin" });
    sinon.stub(t.deps.repos.users, "replace").rejects(new BenefitsError("UNAVAILABLE", "the store stopped answering"));
    await revokeRole(t.deps, t.actor(ADMIN), { userId: EMPLOYEE, role: "globalAdmin" }).catch(() => undefined);
    sinon.restore();
    expect((await t.deps.repos.users.get(t.tenantId, EMPLOYEE))?.value.roles, "the entry not yet told").to.include("globalAdmin");

    const refusal = await revokeRole(t.deps, t.actor(EMPLOYEE), { userId: SECOND_ADMIN, role: "globalAdmin" }).then(
      () => expect.fail("a revoked admin revoked someone"),
      (error: unknown) => error,
    );
    expect(isBenefitsError(refusal, "NOT_AUTHORIZED")).to.equal(true);
    expect(await expectExact(t, "after the refusal")).to.deep.equal([ADMIN, SECOND_ADMIN]);
  });

  it("has the scheduler's sweep put on the entry a revoke that a crash kept there, and clear it from the set", async () => {
    const t = await givenTenant(cosmos, "swept", smallTenant);
    const sets = t.deps.repos.adminSets;
    await grantRole(t.deps, t.actor(ADMIN), { userId: EMPLOYEE, role: "globalAdmin" });
    // The process dies right after the revoke's decision: the set says no, the entry still holds the role.
    const users = t.deps.repos.users;
    sinon.stub(users, "replace").rejects(Object.assign(new Error("killed"), { code: "ECONNRESET" }));
    await revokeRole(t.deps, t.actor(ADMIN), { userId: EMPLOYEE, role: "globalAdmin" }).catch(() => undefined);
    sinon.restore();
    expect((await sets.get(t.tenantId, ADMIN_SET_ID))?.value.userIds, "decided").to.not.include(EMPLOYEE);
    expect((await users.get(t.tenantId, EMPLOYEE))?.value.roles, "not yet on the entry").to.deep.equal(["globalAdmin"]);
    expect(await t.deps.repos.pendingAudit.find(t.tenantId)).to.deep.include({ id: ADMIN_SET_ID, type: "adminSet" });

    await sweepAuditOutbox(t.deps, t.tenantId);

    expect((await users.get(t.tenantId, EMPLOYEE))?.value.roles).to.deep.equal(["employee"]);
    expect(await expectExact(t, "after the sweep")).to.deep.equal([ADMIN, SECOND_ADMIN]);
    expect((await sets.get(t.tenantId, ADMIN_SET_ID))?.value.pending).to.equal(undefined);
    expect(await t.deps.repos.pendingAudit.find(t.tenantId)).to.deep.equal([]);
    const revokes = (await t.audit()).filter((e) => e.targetId === EMPLOYEE && e.action === "directory.revokeRole");
    expect(revokes.map((e) => e.actorId), "audited as the admin's revoke").to.deep.equal([ADMIN]);
  });
});
