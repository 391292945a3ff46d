import { expect } from "chai";
import { activateOffer, activateTechnicalBenefit, type AuditEntry, type TechnicalAssignment } from "../../../benefits";
import { activateOfferAsSystem, activateTechnicalAsSystem, SYSTEM_ACTORS } from "../../../benefits/notifications/systemActivation";
import { ADMIN, anOffer, aTechnicalBenefit, contosoTenant, DAY_MS, EMPLOYEE, employeeId, expectRejection, NOW } from "../fixtures";
import { cosmosPerFile, givenTenant } from "./harness";

const EXPIRES = new Date(NOW.getTime() + 180 * DAY_MS);
const withPendingOffer = (id: string) => contosoTenant(id).marketingContact(employeeId(2)).benefit(anOffer("offer-2", "pending"));
const pending: TechnicalAssignment = {
  userId: EMPLOYEE,
  alternateEmail: "ada.support@fabrikam.example",
  state: "pending",
  assignedAt: "2026-11-20T10:00:00.000Z",
  assignedBy: ADMIN,
};
const withPendingTechnical = (id: string) => contosoTenant(id).benefit(aTechnicalBenefit("tech-2", "supportIncidents", { assignment: pending }));

/** The audit entry without who made it: the system and an admin must leave the same record otherwise. */
function withoutActor(entry: AuditEntry | undefined): Omit<AuditEntry, "actorId" | "tenantId"> | undefined {
  if (entry === undefined) return undefined;
  const { actorId: _actorId, tenantId: _tenantId, ...rest } = entry;
  return rest;
}

describe("notifications/systemActivation", () => {
  const cosmos = cosmosPerFile();

  describe("activateOfferAsSystem", () => {
    it("stores and audits what an admin's activation stores, naming the system actor, when an event activates a pending offer", async () => {
      const bySystem = await givenTenant(cosmos, "sys-offer", withPendingOffer);
      const byAdmin = await givenTenant(cosmos, "sys-offer-admin", withPendingOffer);

      const result = await activateOfferAsSystem(bySystem.deps, { tenantId: bySystem.tenantId, benefitId: "offer-2", expiresAt: EXPIRES, actorId: SYSTEM_ACTORS.events });
      await activateOffer(byAdmin.deps, byAdmin.actor(ADMIN), { benefitId: "offer-2", expiresAt: EXPIRES });

      const { tenantId: _system, ...stored } = await bySystem.benefit("offer-2", "goToMarket");
      const { tenantId: _admin, ...storedByAdmin } = await byAdmin.benefit("offer-2", "goToMarket");
      expect(result).to.deep.include({ state: "active", expiresAt: EXPIRES.toISOString(), version: 1 });
      expect(stored).to.deep.equal(storedByAdmin);
      const [audit] = await bySystem.audit();
      expect(audit?.actorId).to.equal(SYSTEM_ACTORS.events);
      expect(withoutActor(audit)).to.deep.equal(withoutActor((await byAdmin.audit())[0]));
    });

    it("refuses with INVALID_STATE and changes nothing when the offer was never requested", async () => {
      const t = await givenTenant(cosmos, "sys-offer-available", (id) => contosoTenant(id).benefit(anOffer("offer-2", "available")));
      const before = await t.snapshot();

      await expectRejection(activateOfferAsSystem(t.deps, { tenantId: t.tenantId, benefitId: "offer-2", expiresAt: EXPIRES, actorId: SYSTEM_ACTORS.demo }), "INVALID_STATE");

      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with NOT_AUTHORIZED and changes nothing when a system actor id goes through the admin's role check", async () => {
      const t = await givenTenant(cosmos, "sys-offer-role", withPendingOffer);
      const before = await t.snapshot();

      await expectRejection(activateOffer(t.deps, t.actor(SYSTEM_ACTORS.events), { benefitId: "offer-2", expiresAt: EXPIRES }), "NOT_AUTHORIZED");

      expect(await t.snapshot()).to.deep.equal(before);
    });
  });

  describe("activateTechnicalAsSystem", () => {
    it("stores and audits what an admin's activation stores, naming the system actor, when the demo activates a pending assignment", async () => {
      const bySystem = await givenTenant(cosmos, "sys-tech", withPendingTechnical);
      const byAdmin = await givenTenant(cosmos, "sys-tech-admin", withPendingTechnical);

      await activateTechnicalAsSystem(bySystem.deps, { tenantId: bySystem.tenantId, benefitId: "tech-2", actorId: SYSTEM_ACTORS.demo });
      await activateTechnicalBenefit(byAdmin.deps, byAdmin.actor(ADMIN), { benefitId: "tech-2" });

      const stored = await bySystem.benefit("tech-2", "technical");
      expect(stored.assignment).to.deep.equal({ ...pending, state: "active", activatedAt: NOW.toISOString() });
      expect(stored.assignment).to.deep.equal((await byAdmin.benefit("tech-2", "technical")).assignment);
      const [audit] = await bySystem.audit();
      expect(audit?.actorId).to.equal(SYSTEM_ACTORS.demo);
      expect(withoutActor(audit)).to.deep.equal(withoutActor((await byAdmin.audit())[0]));
    });

    it("refuses with NOT_ASSIGNED and changes nothing when nobody is assigned", async () => {
      const t = await givenTenant(cosmos, "sys-tech-none");
      const before = await t.snapshot();

      await expectRejection(activateTechnicalAsSystem(t.deps, { tenantId: t.tenantId, benefitId: "tech-support", actorId: SYSTEM_ACTORS.events }), "NOT_ASSIGNED");

      expect(await t.snapshot()).to.deep.equal(before);
    });
  });
});
