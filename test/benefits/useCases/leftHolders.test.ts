import { expect } from "chai";
import {
  openHeldAssignment,
  reassignTechnicalBenefit,
  removeCloudAssignment,
  removeTechnicalAssignment,
  takeOverCloudAssignment,
  type TechnicalAssignment,
} from "../../../benefits";
import { aCancelRequest, ADMIN, aCloudBenefit, aTechnicalBenefit, contosoTenant, employeeId, expectRejection, NOW, SECOND_ADMIN, USER_ADMIN } from "../fixtures";
import { cosmosPerFile, givenTenant } from "./harness";

const LEAVER = employeeId(1);
const NEWCOMER = employeeId(2);
const ALTERNATE = "support.inbox@fabrikam.example";

const held: TechnicalAssignment = { userId: LEAVER, alternateEmail: "old@fabrikam.example", state: "active", assignedAt: "2026-11-12T10:00:00.000Z", assignedBy: ADMIN, activatedAt: "2026-11-15T10:00:00.000Z" };

/** Contoso, where emp-01 left holding the support incidents and a departed admin the usage-based Azure subscription. */
function leaverTenant(tenantId: string) {
  return contosoTenant(tenantId)
    .user(SECOND_ADMIN, ["globalAdmin"], { leftAt: "2026-11-20T00:00:00.000Z" })
    .benefit(aTechnicalBenefit("tech-held", "supportIncidents", { assignment: held }))
    .benefit(aTechnicalBenefit("tech-frozen", "advisoryHours", { assignment: held, cancelRequest: aCancelRequest("tech-frozen") }))
    .benefit(aCloudBenefit("azure-held", "usage", { assignedTo: { userId: SECOND_ADMIN, assignedAt: "2026-11-11T10:00:00.000Z" } }));
}

describe("useCases: Reassign and Remove of what one person holds", () => {
  const cosmos = cosmosPerFile();
  const tenant = (label: string) => givenTenant(cosmos, label, leaverTenant);

  describe("removeTechnicalAssignment", () => {
    it("frees the benefit and audits the holder it had, in one write", async () => {
      const t = await tenant("tech-remove");
      const result = await removeTechnicalAssignment(t.deps, t.actor(ADMIN), { benefitId: "tech-held", userId: LEAVER, expectedVersion: 0 });
      expect(result.assignment).to.equal(undefined);
      const stored = await t.benefit("tech-held", "technical");
      expect(stored.assignment).to.equal(undefined);
      expect(stored.version).to.equal(1);
      const audit = await t.audit();
      expect(audit).to.have.length(1);
      expect(audit[0]).to.deep.include({ action: "technical.remove", actorId: ADMIN, targetId: "tech-held", after: null });
      expect(audit[0]?.before).to.deep.include({ userId: LEAVER });
    });

    it("writes nothing on a replay, even from the outdated card", async () => {
      const t = await tenant("tech-remove-replay");
      await removeTechnicalAssignment(t.deps, t.actor(ADMIN), { benefitId: "tech-held", userId: LEAVER, expectedVersion: 0 });
      const before = await t.snapshot();
      const again = await removeTechnicalAssignment(t.deps, t.actor(ADMIN), { benefitId: "tech-held", userId: LEAVER, expectedVersion: 0 });
      expect(again.assignment).to.equal(undefined);
      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("says the card is out of date when the benefit changed since, and changes nothing", async () => {
      const t = await tenant("tech-remove-stale");
      await reassignTechnicalBenefit(t.deps, t.actor(ADMIN), { benefitId: "tech-held", fromUserId: LEAVER, toUserId: NEWCOMER, alternateEmail: ALTERNATE });
      const before = await t.snapshot();
      await expectRejection(removeTechnicalAssignment(t.deps, t.actor(ADMIN), { benefitId: "tech-held", userId: LEAVER, expectedVersion: 0 }), "STALE_CARD");
      // Without a version, nobody else's assignment is removed either.
      await expectRejection(removeTechnicalAssignment(t.deps, t.actor(ADMIN), { benefitId: "tech-held", userId: LEAVER }), "NOT_ASSIGNED");
      expect(await t.snapshot()).to.deep.equal(before);
    });

    const refusals = [
      { who: "a user admin (not a global admin)", actor: USER_ADMIN, benefitId: "tech-held", code: "NOT_AUTHORIZED" as const },
      { who: "a global admin, on a benefit whose refund was requested", actor: ADMIN, benefitId: "tech-frozen", code: "INVALID_STATE" as const },
      { who: "a global admin, with the id of another kind of benefit", actor: ADMIN, benefitId: "azure-held", code: "NOT_FOUND" as const },
    ];
    for (const r of refusals) {
      it(`refuses ${r.who} with ${r.code} and changes nothing`, async () => {
        const t = await tenant("tech-remove-refused");
        const before = await t.snapshot();
        await expectRejection(removeTechnicalAssignment(t.deps, t.actor(r.actor), { benefitId: r.benefitId, userId: LEAVER }), r.code);
        expect(await t.snapshot()).to.deep.equal(before);
      });
    }

    it("does not reach another tenant's benefit: its id is not found from this tenant, and nothing there changes", async () => {
      const mine = await tenant("tech-remove-mine");
      const theirs = await tenant("tech-remove-theirs");
      await theirs.deps.repos.benefits.create({ ...aTechnicalBenefit("tech-theirs", "supportIncidents", { assignment: held }), tenantId: theirs.tenantId });
      const before = await theirs.snapshot();
      await expectRejection(removeTechnicalAssignment(mine.deps, mine.actor(ADMIN), { benefitId: "tech-theirs", userId: LEAVER }), "NOT_FOUND");
      await expectRejection(reassignTechnicalBenefit(mine.deps, mine.actor(ADMIN), { benefitId: "tech-theirs", fromUserId: LEAVER, toUserId: NEWCOMER, alternateEmail: ALTERNATE }), "NOT_FOUND");
      expect(await theirs.snapshot()).to.deep.equal(before);
    });
  });

  describe("reassignTechnicalBenefit", () => {
    it("moves the benefit to the new user in one write: pending, their alternate email, audited once", async () => {
      const t = await tenant("tech-reassign");
      const result = await reassignTechnicalBenefit(t.deps, t.actor(ADMIN), { benefitId: "tech-held", fromUserId: LEAVER, toUserId: NEWCOMER, alternateEmail: ` ${ALTERNATE} `, expectedVersion: 0 });
      const expected: TechnicalAssignment = { userId: NEWCOMER, alternateEmail: ALTERNATE, state: "pending", assignedAt: NOW.toISOString(), assignedBy: ADMIN };
      expect(result.assignment).to.deep.equal(expected);
      expect((await t.benefit("tech-held", "technical")).version).to.equal(1);
      const audit = await t.audit();
      expect(audit.map((e) => e.action)).to.deep.equal(["technical.reassign"]);
      expect(audit[0]?.after).to.deep.equal(expected);
    });

    it("writes nothing when the same reassignment is replayed from its card", async () => {
      const t = await tenant("tech-reassign-replay");
      const input = { benefitId: "tech-held", fromUserId: LEAVER, toUserId: NEWCOMER, alternateEmail: ALTERNATE, expectedVersion: 0 };
      await reassignTechnicalBenefit(t.deps, t.actor(ADMIN), input);
      const before = await t.snapshot();
      const again = await reassignTechnicalBenefit(t.deps, t.actor(ADMIN), input);
      expect(again.assignment?.userId).to.equal(NEWCOMER);
      expect(await t.snapshot()).to.deep.equal(before);
    });

    const invalid = [
      { when: "the alternate email is the new user's account email", to: NEWCOMER, email: `${NEWCOMER}@CONTOSO.example`, code: "SAME_EMAIL" as const },
      { when: "the alternate email is not an address", to: NEWCOMER, email: "nope", code: "INVALID_INPUT" as const },
      { when: "the new user is the holder", to: LEAVER, email: ALTERNATE, code: "INVALID_INPUT" as const },
      { when: "the new user left too", to: SECOND_ADMIN, email: ALTERNATE, code: "NOT_FOUND" as const },
      { when: "the new user is nobody in this directory", to: "someone-elsewhere", email: ALTERNATE, code: "NOT_FOUND" as const },
    ];
    for (const c of invalid) {
      it(`refuses with ${c.code} when ${c.when}, and changes nothing`, async () => {
        const t = await tenant("tech-reassign-invalid");
        const before = await t.snapshot();
        await expectRejection(reassignTechnicalBenefit(t.deps, t.actor(ADMIN), { benefitId: "tech-held", fromUserId: LEAVER, toUserId: c.to, alternateEmail: c.email, expectedVersion: 0 }), c.code);
        expect(await t.snapshot()).to.deep.equal(before);
      });
    }

    it("says the card is out of date when the benefit moved on, and changes nothing", async () => {
      const t = await tenant("tech-reassign-stale");
      await removeTechnicalAssignment(t.deps, t.actor(ADMIN), { benefitId: "tech-held", userId: LEAVER });
      const before = await t.snapshot();
      await expectRejection(reassignTechnicalBenefit(t.deps, t.actor(ADMIN), { benefitId: "tech-held", fromUserId: LEAVER, toUserId: NEWCOMER, alternateEmail: ALTERNATE, expectedVersion: 0 }), "STALE_CARD");
      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses someone who is not a global admin", async () => {
      const t = await tenant("tech-reassign-role");
      await expectRejection(reassignTechnicalBenefit(t.deps, t.actor(USER_ADMIN), { benefitId: "tech-held", fromUserId: LEAVER, toUserId: NEWCOMER, alternateEmail: ALTERNATE }), "NOT_AUTHORIZED");
    });
  });

  describe("usage-based Azure: removeCloudAssignment and takeOverCloudAssignment", () => {
    it("frees the subscription; a replay writes nothing", async () => {
      const t = await tenant("azure-remove");
      const freed = await removeCloudAssignment(t.deps, t.actor(ADMIN), { benefitId: "azure-held", userId: SECOND_ADMIN, expectedVersion: 0 });
      expect(freed.assignedTo).to.equal(undefined);
      expect((await t.audit()).map((e) => e.action)).to.deep.equal(["cloud.remove"]);
      const before = await t.snapshot();
      await removeCloudAssignment(t.deps, t.actor(ADMIN), { benefitId: "azure-held", userId: SECOND_ADMIN, expectedVersion: 0 });
      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("hands the subscription to the admin who takes it over, once", async () => {
      const t = await tenant("azure-take");
      const taken = await takeOverCloudAssignment(t.deps, t.actor(ADMIN), { benefitId: "azure-held", userId: SECOND_ADMIN, expectedVersion: 0 });
      expect(taken.assignedTo).to.deep.equal({ userId: ADMIN, assignedAt: NOW.toISOString() });
      const before = await t.snapshot();
      await takeOverCloudAssignment(t.deps, t.actor(ADMIN), { benefitId: "azure-held", userId: SECOND_ADMIN, expectedVersion: 0 });
      expect(await t.snapshot(), "a replay writes nothing").to.deep.equal(before);
      expect((await t.audit()).map((e) => e.action)).to.deep.equal(["cloud.takeOver"]);
    });

    it("refuses a license-based subscription, an outdated card and a non-admin, changing nothing", async () => {
      const t = await tenant("azure-refused");
      const before = await t.snapshot();
      await expectRejection(removeCloudAssignment(t.deps, t.actor(ADMIN), { benefitId: "cloud-license", userId: SECOND_ADMIN }), "INVALID_STATE");
      await expectRejection(takeOverCloudAssignment(t.deps, t.actor(ADMIN), { benefitId: "azure-held", userId: SECOND_ADMIN, expectedVersion: 3 }), "STALE_CARD");
      await expectRejection(takeOverCloudAssignment(t.deps, t.actor(USER_ADMIN), { benefitId: "azure-held", userId: SECOND_ADMIN }), "NOT_AUTHORIZED");
      expect(await t.snapshot()).to.deep.equal(before);
    });
  });

  describe("openHeldAssignment", () => {
    it("names the holder, even one who left, and refuses what has no single holder", async () => {
      const t = await tenant("open-held");
      const opened = await openHeldAssignment(t.deps, t.actor(ADMIN), { benefitId: "azure-held", expectedVersion: 0 });
      expect(opened.holderId).to.equal(SECOND_ADMIN);
      expect(opened.holder?.leftAt).to.be.a("string");
      await expectRejection(openHeldAssignment(t.deps, t.actor(ADMIN), { benefitId: "cloud-license" }), "NOT_FOUND");
      await expectRejection(openHeldAssignment(t.deps, t.actor(ADMIN), { benefitId: "tech-support" }), "NOT_ASSIGNED");
      await expectRejection(openHeldAssignment(t.deps, t.actor(ADMIN), { benefitId: "tech-frozen" }), "INVALID_STATE");
      await expectRejection(openHeldAssignment(t.deps, t.actor(ADMIN), { benefitId: "tech-held", expectedVersion: 4 }), "STALE_CARD");
    });
  });
});
