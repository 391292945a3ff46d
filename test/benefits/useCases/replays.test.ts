// Replays act once: a refund, an activation, a role change submitted twice (at the same moment, or again from the
// same card) is done once and the second submit hears the same success. And no pair of revocations, however timed,
// leaves a tenant without a global admin.
import { expect } from "chai";
import {
  activateTechnicalBenefit,
  ADMIN_SET_ID,
  grantRole,
  isBenefitsError,
  requestCancellation,
  revokeRole,
  type Repositories,
} from "../../../benefits";
import { ADMIN, aTechnicalBenefit, contosoTenant, EMPLOYEE, expectRejection, SECOND_ADMIN } from "../fixtures";
import { cosmosPerFile, givenTenant } from "./harness";

const THIRD_ADMIN = "admin-3";

async function globalAdminsOf(repos: Repositories, tenantId: string): Promise<string[]> {
  return (await repos.users.list(tenantId))
    .map((s) => s.value)
    .filter((u) => u.roles.includes("globalAdmin"))
    .map((u) => u.id)
    .sort();
}

async function settle(promises: Promise<unknown>[]): Promise<{ done: number; lastAdminRefusals: number }> {
  const results = await Promise.allSettled(promises);
  let done = 0;
  let lastAdminRefusals = 0;
  for (const r of results) {
    if (r.status === "fulfilled") done++;
    // Refused as the last admin, or because the revoking admin was revoked a moment before by the other.
    else if (isBenefitsError(r.reason, "LAST_GLOBAL_ADMIN") || isBenefitsError(r.reason, "NOT_AUTHORIZED")) lastAdminRefusals++;
    else throw r.reason;
  }
  return { done, lastAdminRefusals };
}

describe("replays and concurrent role changes", () => {
  const cosmos = cosmosPerFile();

  it("removes exactly one of two global admins who revoke each other at the same moment, 10 rounds on fresh tenants", async () => {
    for (let round = 0; round < 10; round++) {
      const t = await givenTenant(cosmos, "admins-revoke-each-other", (id) => contosoTenant(id).user(SECOND_ADMIN, ["globalAdmin"]));

      const outcome = await settle([
        revokeRole(t.deps, t.actor(ADMIN), { userId: SECOND_ADMIN, role: "globalAdmin" }),
        revokeRole(t.deps, t.actor(SECOND_ADMIN), { userId: ADMIN, role: "globalAdmin" }),
      ]);

      expect(outcome, `round ${round}`).to.deep.equal({ done: 1, lastAdminRefusals: 1 });
      const left = await globalAdminsOf(cosmos.repos, t.tenantId);
      expect(left, `round ${round}`).to.have.length(1);
      expect((await cosmos.repos.adminSets.get(t.tenantId, ADMIN_SET_ID))?.value.userIds).to.deep.equal(left);
      expect((await t.audit()).filter((e) => e.action === "directory.revokeRole"), `round ${round}`).to.have.length(1);
    }
  });

  it("keeps a global admin when three admins revoke each other in a circle at the same moment", async () => {
    const t = await givenTenant(cosmos, "admins-circle", (id) => contosoTenant(id).user(SECOND_ADMIN, ["globalAdmin"]).user(THIRD_ADMIN, ["globalAdmin"]));

    const outcome = await settle([
      revokeRole(t.deps, t.actor(ADMIN), { userId: SECOND_ADMIN, role: "globalAdmin" }),
      revokeRole(t.deps, t.actor(SECOND_ADMIN), { userId: THIRD_ADMIN, role: "globalAdmin" }),
      revokeRole(t.deps, t.actor(THIRD_ADMIN), { userId: ADMIN, role: "globalAdmin" }),
    ]);

    expect(outcome.done + outcome.lastAdminRefusals).to.equal(3);
    expect(outcome.done).to.be.within(1, 2);
    expect(await globalAdminsOf(cosmos.repos, t.tenantId)).to.have.length(3 - outcome.done);
  });

  it("still refuses the last global admin after another admin was granted and revoked again", async () => {
    const t = await givenTenant(cosmos, "admins-grant-revoke");
    await grantRole(t.deps, t.actor(ADMIN), { userId: EMPLOYEE, role: "globalAdmin" });
    await revokeRole(t.deps, t.actor(EMPLOYEE), { userId: ADMIN, role: "globalAdmin" });

    await expectRejection(revokeRole(t.deps, t.actor(EMPLOYEE), { userId: EMPLOYEE, role: "globalAdmin" }), "LAST_GLOBAL_ADMIN");

    expect(await globalAdminsOf(cosmos.repos, t.tenantId)).to.deep.equal([EMPLOYEE]);
  });

  it("grants once and answers both with the user holding the role when the same grant is submitted twice at once", async () => {
    const t = await givenTenant(cosmos, "grant-twice");

    const [first, second] = await Promise.all([
      grantRole(t.deps, t.actor(ADMIN), { userId: EMPLOYEE, role: "userAdmin" }),
      grantRole(t.deps, t.actor(ADMIN), { userId: EMPLOYEE, role: "userAdmin" }),
    ]);

    expect(first.roles).to.deep.equal(["userAdmin"]);
    expect(second).to.deep.equal(first);
    expect((await cosmos.repos.users.get(t.tenantId, EMPLOYEE))?.value.version).to.equal(1);
    expect((await t.audit()).map((e) => e.id)).to.deep.equal([`audit:${EMPLOYEE}:1`]);
  });

  it("answers a replayed revocation with the user as they are and writes nothing", async () => {
    const t = await givenTenant(cosmos, "revoke-replay", (id) => contosoTenant(id).user(SECOND_ADMIN, ["globalAdmin"]));
    const first = await revokeRole(t.deps, t.actor(ADMIN), { userId: SECOND_ADMIN, role: "globalAdmin" });
    const before = await t.snapshot();

    const replay = await revokeRole(t.deps, t.actor(ADMIN), { userId: SECOND_ADMIN, role: "globalAdmin" });

    expect(replay).to.deep.equal(first);
    expect(await t.snapshot()).to.deep.equal(before);
  });

  it("activates once and answers both submits with the active assignment when Mark active arrives twice at once", async () => {
    const t = await givenTenant(cosmos, "activate-twice", (id) =>
      contosoTenant(id).benefit(
        aTechnicalBenefit("tech-2", "supportIncidents", {
          assignment: { userId: EMPLOYEE, alternateEmail: "alt@elsewhere.example", state: "pending", assignedAt: "2026-11-20T10:00:00.000Z", assignedBy: ADMIN },
        }),
      ),
    );

    const answers = await Promise.all([
      activateTechnicalBenefit(t.deps, t.actor(ADMIN), { benefitId: "tech-2", expectedVersion: 0 }),
      activateTechnicalBenefit(t.deps, t.actor(ADMIN), { benefitId: "tech-2", expectedVersion: 0 }),
    ]);

    expect(answers.map((b) => [b.version, b.assignment?.state])).to.deep.equal([
      [1, "active"],
      [1, "active"],
    ]);
    expect((await t.audit()).map((e) => e.id)).to.deep.equal(["audit:tech-2:1"]);
  });

  it("opens one refund and gives both submits the same reference when it is submitted at once and replayed from the card", async () => {
    const t = await givenTenant(cosmos, "refund-replay");

    const concurrent = await Promise.all([
      requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-1", expectedVersion: 0 }),
      requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-1", expectedVersion: 0 }),
    ]);
    const replay = await requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-1", expectedVersion: 0 });

    const references = [...concurrent, replay].map((r) => r.request.reference);
    expect(new Set(references).size).to.equal(1);
    expect((await t.snapshot()).serviceRequests).to.have.length(1);
    expect((await t.audit()).map((e) => e.id)).to.deep.equal(["audit:vs-1:1"]);
  });
});
