import { expect } from "chai";
import { assignCloudToSelf, revealCloudKeys, revealSoftwareKeys } from "../../../benefits";
import {
  aCancelRequest,
  aCloudBenefit,
  ADMIN,
  aSoftwareBenefit,
  contosoTenant,
  EMPLOYEE,
  expectRejection,
  MPN_ADMIN,
  NOW,
  SECOND_ADMIN,
} from "../fixtures";
import { cosmosPerFile, givenTenant } from "./harness";

const withSecondAdmin = (id: string) => contosoTenant(id).user(SECOND_ADMIN, ["globalAdmin"]);

describe("useCases/softwareAndCloud", () => {
  const cosmos = cosmosPerFile();

  describe("revealSoftwareKeys", () => {
    it("records who revealed the keys and when, and audits it, when a global admin reveals them", async () => {
      const t = await givenTenant(cosmos, "sw-reveal");

      const result = await revealSoftwareKeys(t.deps, t.actor(ADMIN), { benefitId: "sw-1" });

      const stored = await t.benefit("sw-1", "software");
      expect(stored).to.deep.equal(result);
      expect(stored.keysRevealed).to.deep.equal({ at: NOW.toISOString(), by: ADMIN });
      expect(stored.productKeys).to.have.length(1);
      expect(stored.version).to.equal(1);
      const audit = await t.audit();
      expect(audit).to.have.length(1);
      expect(audit[0]).to.deep.include({ id: "audit:sw-1:1", action: "software.revealKeys", actorId: ADMIN, before: null });
      expect(audit[0]?.after).to.deep.equal({ at: NOW.toISOString(), by: ADMIN });
    });

    it("writes once and keeps the first revealer when the keys are revealed twice", async () => {
      const t = await givenTenant(cosmos, "sw-reveal-twice", withSecondAdmin);
      await revealSoftwareKeys(t.deps, t.actor(ADMIN), { benefitId: "sw-1" });
      const before = await t.snapshot();

      const again = await revealSoftwareKeys({ ...t.deps, now: () => new Date("2026-11-25T08:00:00Z") }, t.actor(SECOND_ADMIN), { benefitId: "sw-1" });

      expect(again.keysRevealed).to.deep.equal({ at: NOW.toISOString(), by: ADMIN });
      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("writes once when two admins reveal the keys at the same moment", async () => {
      const t = await givenTenant(cosmos, "sw-reveal-race", withSecondAdmin);

      const results = await Promise.all([
        revealSoftwareKeys(t.deps, t.actor(ADMIN), { benefitId: "sw-1" }),
        revealSoftwareKeys(t.deps, t.actor(SECOND_ADMIN), { benefitId: "sw-1" }),
      ]);

      const stored = await t.benefit("sw-1", "software");
      expect(stored.version).to.equal(1);
      expect(results.map((r) => r.keysRevealed)).to.deep.equal([stored.keysRevealed, stored.keysRevealed]);
      expect((await t.audit()).map((a) => a.id)).to.deep.equal(["audit:sw-1:1"]);
    });

    for (const who of [EMPLOYEE, MPN_ADMIN]) {
      it(`refuses with NOT_AUTHORIZED and changes nothing when ${who} reveals the keys`, async () => {
        const t = await givenTenant(cosmos, "sw-reveal-role");
        const before = await t.snapshot();

        await expectRejection(revealSoftwareKeys(t.deps, t.actor(who), { benefitId: "sw-1" }), "NOT_AUTHORIZED");

        expect(await t.snapshot()).to.deep.equal(before);
      });
    }

    it("refuses with NOT_FOUND and changes nothing when the id is a cloud benefit", async () => {
      const t = await givenTenant(cosmos, "sw-reveal-category");
      const before = await t.snapshot();

      await expectRejection(revealSoftwareKeys(t.deps, t.actor(ADMIN), { benefitId: "cloud-license" }), "NOT_FOUND");

      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with NOT_FOUND and leaves the other tenant's software unrevealed when the id is another tenant's", async () => {
      const theirs = await givenTenant(cosmos, "sw-theirs", (id) => contosoTenant(id).benefit(aSoftwareBenefit("sw-theirs")));
      const mine = await givenTenant(cosmos, "sw-mine");
      const theirsBefore = await theirs.snapshot();

      await expectRejection(revealSoftwareKeys(mine.deps, mine.actor(ADMIN), { benefitId: "sw-theirs" }), "NOT_FOUND");

      expect(await theirs.snapshot()).to.deep.equal(theirsBefore);
    });

    it("refuses with INVALID_STATE and changes nothing when a refund was requested", async () => {
      const t = await givenTenant(cosmos, "sw-reveal-canceled", (id) => contosoTenant(id).benefit(aSoftwareBenefit("sw-2", { cancelRequest: aCancelRequest("sw-2") })));
      const before = await t.snapshot();

      await expectRejection(revealSoftwareKeys(t.deps, t.actor(ADMIN), { benefitId: "sw-2" }), "INVALID_STATE");

      expect(await t.snapshot()).to.deep.equal(before);
    });
  });

  describe("revealCloudKeys", () => {
    it("records the reveal and audits it when the subscription is license-based", async () => {
      const t = await givenTenant(cosmos, "cloud-reveal");

      await revealCloudKeys(t.deps, t.actor(ADMIN), { benefitId: "cloud-license" });

      const stored = await t.benefit("cloud-license", "cloud");
      expect(stored.keysRevealed).to.deep.equal({ at: NOW.toISOString(), by: ADMIN });
      expect((await t.audit()).map((a) => a.action)).to.deep.equal(["cloud.revealKeys"]);
    });

    it("writes once when the keys are revealed twice", async () => {
      const t = await givenTenant(cosmos, "cloud-reveal-twice");
      await revealCloudKeys(t.deps, t.actor(ADMIN), { benefitId: "cloud-license" });
      const before = await t.snapshot();

      await revealCloudKeys(t.deps, t.actor(ADMIN), { benefitId: "cloud-license" });

      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with INVALID_STATE and changes nothing when the subscription is usage-based", async () => {
      const t = await givenTenant(cosmos, "cloud-reveal-usage");
      const before = await t.snapshot();

      await expectRejection(revealCloudKeys(t.deps, t.actor(ADMIN), { benefitId: "cloud-usage" }), "INVALID_STATE");

      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with NOT_AUTHORIZED and changes nothing when an employee reveals the keys", async () => {
      const t = await givenTenant(cosmos, "cloud-reveal-role");
      const before = await t.snapshot();

      await expectRejection(revealCloudKeys(t.deps, t.actor(EMPLOYEE), { benefitId: "cloud-license" }), "NOT_AUTHORIZED");

      expect(await t.snapshot()).to.deep.equal(before);
    });
  });

  describe("assignCloudToSelf", () => {
    it("assigns the usage-based subscription to the acting admin and audits it", async () => {
      const t = await givenTenant(cosmos, "cloud-self");

      await assignCloudToSelf(t.deps, t.actor(ADMIN), { benefitId: "cloud-usage", expectedVersion: 0 });

      const stored = await t.benefit("cloud-usage", "cloud");
      expect(stored.assignedTo).to.deep.equal({ userId: ADMIN, assignedAt: NOW.toISOString() });
      expect(stored.version).to.equal(1);
      const audit = await t.audit();
      expect(audit.map((a) => a.action)).to.deep.equal(["cloud.assignSelf"]);
      expect(audit[0]?.after).to.deep.equal({ userId: ADMIN, assignedAt: NOW.toISOString() });
    });

    it("refuses with ALREADY_ASSIGNED and changes nothing when another admin already holds it", async () => {
      const t = await givenTenant(cosmos, "cloud-self-taken", withSecondAdmin);
      await assignCloudToSelf(t.deps, t.actor(ADMIN), { benefitId: "cloud-usage" });
      const before = await t.snapshot();

      const error = await expectRejection(assignCloudToSelf(t.deps, t.actor(SECOND_ADMIN), { benefitId: "cloud-usage" }), "ALREADY_ASSIGNED");

      expect(error.details.userId).to.equal(ADMIN);
      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with INVALID_STATE and changes nothing when the subscription is license-based", async () => {
      const t = await givenTenant(cosmos, "cloud-self-license");
      const before = await t.snapshot();

      await expectRejection(assignCloudToSelf(t.deps, t.actor(ADMIN), { benefitId: "cloud-license" }), "INVALID_STATE");

      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with INVALID_STATE and changes nothing when a refund was requested", async () => {
      const t = await givenTenant(cosmos, "cloud-self-canceled", (id) => contosoTenant(id).benefit(aCloudBenefit("cloud-2", "usage", { cancelRequest: aCancelRequest("cloud-2") })));
      const before = await t.snapshot();

      await expectRejection(assignCloudToSelf(t.deps, t.actor(ADMIN), { benefitId: "cloud-2" }), "INVALID_STATE");

      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with NOT_AUTHORIZED and changes nothing when an MPN partner admin assigns", async () => {
      const t = await givenTenant(cosmos, "cloud-self-role");
      const before = await t.snapshot();

      await expectRejection(assignCloudToSelf(t.deps, t.actor(MPN_ADMIN), { benefitId: "cloud-usage" }), "NOT_AUTHORIZED");

      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with STALE_CARD and changes nothing when the card's version is out of date", async () => {
      const t = await givenTenant(cosmos, "cloud-self-stale", (id) => contosoTenant(id).benefit(aCloudBenefit("cloud-2", "usage", { version: 2 })));
      const before = await t.snapshot();

      await expectRejection(assignCloudToSelf(t.deps, t.actor(ADMIN), { benefitId: "cloud-2", expectedVersion: 1 }), "STALE_CARD");

      expect(await t.snapshot()).to.deep.equal(before);
    });
  });
});
