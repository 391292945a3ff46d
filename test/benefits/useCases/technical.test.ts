import { expect } from "chai";
import { activateTechnicalBenefit, assignTechnicalBenefit, requestAssistance, type TechnicalAssignment } from "../../../benefits";
import {
  aCancelRequest,
  ADMIN,
  aTechnicalBenefit,
  contosoTenant,
  EMPLOYEE,
  employeeId,
  expectRejection,
  MPN_ADMIN,
  NOW,
} from "../fixtures";
import { cosmosPerFile, givenTenant } from "./harness";

const ALTERNATE = "ada.support@fabrikam.example";

function pending(userId: string): TechnicalAssignment {
  return { userId, alternateEmail: ALTERNATE, state: "pending", assignedAt: "2026-11-20T10:00:00.000Z", assignedBy: ADMIN };
}

describe("useCases/technical", () => {
  const cosmos = cosmosPerFile();

  describe("assignTechnicalBenefit", () => {
    it("stores a pending assignment with the trimmed alternate email and audits it when a global admin assigns", async () => {
      const t = await givenTenant(cosmos, "tech-assign");

      const result = await assignTechnicalBenefit(t.deps, t.actor(ADMIN), {
        benefitId: "tech-support",
        userId: EMPLOYEE,
        alternateEmail: `  ${ALTERNATE} `,
        expectedVersion: 0,
      });

      const expected: TechnicalAssignment = { userId: EMPLOYEE, alternateEmail: ALTERNATE, state: "pending", assignedAt: NOW.toISOString(), assignedBy: ADMIN };
      expect(result.assignment).to.deep.equal(expected);
      const stored = await t.benefit("tech-support", "technical");
      expect(stored).to.deep.equal(result);
      expect(stored.version).to.equal(1);
      const audit = await t.audit();
      expect(audit).to.have.length(1);
      expect(audit[0]).to.deep.include({ id: "audit:tech-support:1", action: "technical.assign", actorId: ADMIN, targetId: "tech-support", before: null });
      expect(audit[0]?.after).to.deep.equal(expected);
    });

    const sameEmails = [
      { when: "the alternate email is the account email", email: `${EMPLOYEE}@contoso.example` },
      { when: "it is the account email in other case", email: `${EMPLOYEE.toUpperCase()}@Contoso.Example` },
      { when: "it is the account email with spaces around", email: `  ${EMPLOYEE}@contoso.example  ` },
    ];
    for (const c of sameEmails) {
      it(`refuses with SAME_EMAIL and changes nothing when ${c.when}`, async () => {
        const t = await givenTenant(cosmos, "tech-same");
        const before = await t.snapshot();

        await expectRejection(
          assignTechnicalBenefit(t.deps, t.actor(ADMIN), { benefitId: "tech-support", userId: EMPLOYEE, alternateEmail: c.email }),
          "SAME_EMAIL",
        );

        expect(await t.snapshot()).to.deep.equal(before);
      });
    }

    it("refuses with INVALID_INPUT and changes nothing when the alternate email is not an email address", async () => {
      const t = await givenTenant(cosmos, "tech-bad-email");
      const before = await t.snapshot();

      await expectRejection(
        assignTechnicalBenefit(t.deps, t.actor(ADMIN), { benefitId: "tech-support", userId: EMPLOYEE, alternateEmail: "not an address" }),
        "INVALID_INPUT",
      );

      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with ALREADY_ASSIGNED and changes nothing when someone already holds the benefit", async () => {
      const t = await givenTenant(cosmos, "tech-taken", (id) => contosoTenant(id).benefit(aTechnicalBenefit("tech-2", "advisoryHours", { assignment: pending(employeeId(2)) })));
      const before = await t.snapshot();

      await expectRejection(
        assignTechnicalBenefit(t.deps, t.actor(ADMIN), { benefitId: "tech-2", userId: EMPLOYEE, alternateEmail: ALTERNATE }),
        "ALREADY_ASSIGNED",
      );

      expect(await t.snapshot()).to.deep.equal(before);
    });

    for (const who of [EMPLOYEE, MPN_ADMIN]) {
      it(`refuses with NOT_AUTHORIZED and changes nothing when ${who} assigns`, async () => {
        const t = await givenTenant(cosmos, "tech-role");
        const before = await t.snapshot();

        await expectRejection(
          assignTechnicalBenefit(t.deps, t.actor(who), { benefitId: "tech-support", userId: EMPLOYEE, alternateEmail: ALTERNATE }),
          "NOT_AUTHORIZED",
        );

        expect(await t.snapshot()).to.deep.equal(before);
      });
    }

    it("refuses with NOT_FOUND and changes nothing when the id is a Visual Studio subscription", async () => {
      const t = await givenTenant(cosmos, "tech-category");
      const before = await t.snapshot();

      await expectRejection(
        assignTechnicalBenefit(t.deps, t.actor(ADMIN), { benefitId: "vs-1", userId: EMPLOYEE, alternateEmail: ALTERNATE }),
        "NOT_FOUND",
      );

      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with NOT_FOUND and leaves the other tenant untouched when the benefit is another tenant's", async () => {
      const theirs = await givenTenant(cosmos, "tech-theirs", (id) => contosoTenant(id).benefit(aTechnicalBenefit("tech-theirs", "advisoryHours")));
      const mine = await givenTenant(cosmos, "tech-mine");
      const theirsBefore = await theirs.snapshot();
      const mineBefore = await mine.snapshot();

      await expectRejection(
        assignTechnicalBenefit(mine.deps, mine.actor(ADMIN), { benefitId: "tech-theirs", userId: EMPLOYEE, alternateEmail: ALTERNATE }),
        "NOT_FOUND",
      );

      expect(await theirs.snapshot()).to.deep.equal(theirsBefore);
      expect(await mine.snapshot()).to.deep.equal(mineBefore);
    });

    it("refuses with STALE_CARD and changes nothing when the card's version is out of date", async () => {
      const t = await givenTenant(cosmos, "tech-stale", (id) => contosoTenant(id).benefit(aTechnicalBenefit("tech-2", "advisoryHours", { version: 3 })));
      const before = await t.snapshot();

      const error = await expectRejection(
        assignTechnicalBenefit(t.deps, t.actor(ADMIN), { benefitId: "tech-2", userId: EMPLOYEE, alternateEmail: ALTERNATE, expectedVersion: 2 }),
        "STALE_CARD",
      );

      expect(error.details.currentVersion).to.equal(3);
      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with INVALID_STATE and changes nothing when a refund was requested", async () => {
      const t = await givenTenant(cosmos, "tech-canceled", (id) => contosoTenant(id).benefit(aTechnicalBenefit("tech-2", "advisoryHours", { cancelRequest: aCancelRequest("tech-2") })));
      const before = await t.snapshot();

      await expectRejection(
        assignTechnicalBenefit(t.deps, t.actor(ADMIN), { benefitId: "tech-2", userId: EMPLOYEE, alternateEmail: ALTERNATE }),
        "INVALID_STATE",
      );

      expect(await t.snapshot()).to.deep.equal(before);
    });
  });

  describe("activateTechnicalBenefit", () => {
    it("turns the pending assignment active with the activation time and audits it", async () => {
      const t = await givenTenant(cosmos, "tech-activate", (id) => contosoTenant(id).benefit(aTechnicalBenefit("tech-2", "supportIncidents", { assignment: pending(EMPLOYEE) })));

      await activateTechnicalBenefit(t.deps, t.actor(ADMIN), { benefitId: "tech-2", expectedVersion: 0 });

      const stored = await t.benefit("tech-2", "technical");
      expect(stored.assignment).to.deep.equal({ ...pending(EMPLOYEE), state: "active", activatedAt: NOW.toISOString() });
      expect(stored.version).to.equal(1);
      const audit = await t.audit();
      expect(audit.map((a) => a.action)).to.deep.equal(["technical.activate"]);
      expect(audit[0]?.before).to.deep.equal(pending(EMPLOYEE));
    });

    it("refuses with NOT_ASSIGNED and changes nothing when nobody is assigned", async () => {
      const t = await givenTenant(cosmos, "tech-activate-none");
      const before = await t.snapshot();

      await expectRejection(activateTechnicalBenefit(t.deps, t.actor(ADMIN), { benefitId: "tech-support" }), "NOT_ASSIGNED");

      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("answers with the active assignment and writes once when activated twice, even from the outdated card", async () => {
      const t = await givenTenant(cosmos, "tech-activate-twice", (id) => contosoTenant(id).benefit(aTechnicalBenefit("tech-2", "supportIncidents", { assignment: pending(EMPLOYEE) })));
      const first = await activateTechnicalBenefit(t.deps, t.actor(ADMIN), { benefitId: "tech-2", expectedVersion: 0 });
      const before = await t.snapshot();

      const second = await activateTechnicalBenefit(t.deps, t.actor(ADMIN), { benefitId: "tech-2", expectedVersion: 0 });

      expect(second).to.deep.equal(first);
      expect(second.assignment?.state).to.equal("active");
      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with INVALID_STATE and writes once when activated twice by a caller that asks for refusal", async () => {
      const t = await givenTenant(cosmos, "tech-activate-strict", (id) => contosoTenant(id).benefit(aTechnicalBenefit("tech-2", "supportIncidents", { assignment: pending(EMPLOYEE) })));
      await activateTechnicalBenefit(t.deps, t.actor(ADMIN), { benefitId: "tech-2" });
      const before = await t.snapshot();

      await expectRejection(activateTechnicalBenefit(t.deps, t.actor(ADMIN), { benefitId: "tech-2" }, undefined, "refuse"), "INVALID_STATE");

      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with INVALID_STATE and changes nothing when a refund was requested for a pending assignment", async () => {
      const t = await givenTenant(cosmos, "tech-activate-canceled", (id) =>
        contosoTenant(id).benefit(aTechnicalBenefit("tech-2", "supportIncidents", { assignment: pending(EMPLOYEE), cancelRequest: aCancelRequest("tech-2") })),
      );
      const before = await t.snapshot();

      await expectRejection(activateTechnicalBenefit(t.deps, t.actor(ADMIN), { benefitId: "tech-2" }), "INVALID_STATE");

      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with NOT_AUTHORIZED and changes nothing when an employee activates", async () => {
      const t = await givenTenant(cosmos, "tech-activate-role", (id) => contosoTenant(id).benefit(aTechnicalBenefit("tech-2", "supportIncidents", { assignment: pending(EMPLOYEE) })));
      const before = await t.snapshot();

      await expectRejection(activateTechnicalBenefit(t.deps, t.actor(EMPLOYEE), { benefitId: "tech-2" }), "NOT_AUTHORIZED");

      expect(await t.snapshot()).to.deep.equal(before);
    });
  });

  describe("requestAssistance", () => {
    const input = { benefitId: "tech-advisory", topic: "  Landing zone review ", phase: "design", description: " Review our hub-and-spoke design.  " } as const;

    it("stores a service request with a reference number and audits it when advisory hours are used", async () => {
      const t = await givenTenant(cosmos, "tech-assist");

      const request = await requestAssistance(t.deps, t.actor(ADMIN), input);

      expect(request).to.deep.equal({
        type: "serviceRequest",
        id: "assist-id0001",
        tenantId: t.tenantId,
        version: 0,
        kind: "assistance",
        reference: "SR-20261124-ID0001",
        createdAt: NOW.toISOString(),
        createdBy: ADMIN,
        benefitId: "tech-advisory",
        topic: "Landing zone review",
        phase: "design",
        description: "Review our hub-and-spoke design.",
      });
      expect((await t.deps.repos.serviceRequests.get(t.tenantId, "assist-id0001"))?.value).to.deep.equal(request);
      const audit = await t.audit();
      expect(audit.map((a) => [a.id, a.action])).to.deep.equal([["audit:assist-id0001:0", "technical.requestAssistance"]]);
      // The benefit itself is not changed by a request for assistance.
      expect((await t.benefit("tech-advisory", "technical")).version).to.equal(0);
    });

    it("refuses with INVALID_STATE and stores nothing when the benefit is support incidents", async () => {
      const t = await givenTenant(cosmos, "tech-assist-support");
      const before = await t.snapshot();

      await expectRejection(requestAssistance(t.deps, t.actor(ADMIN), { ...input, benefitId: "tech-support" }), "INVALID_STATE");

      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with NOT_AUTHORIZED and stores nothing when an employee asks", async () => {
      const t = await givenTenant(cosmos, "tech-assist-role");
      const before = await t.snapshot();

      await expectRejection(requestAssistance(t.deps, t.actor(EMPLOYEE), input), "NOT_AUTHORIZED");

      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with INVALID_STATE and stores nothing when a refund was requested for the benefit", async () => {
      const t = await givenTenant(cosmos, "tech-assist-canceled", (id) =>
        contosoTenant(id).benefit(aTechnicalBenefit("tech-2", "presalesDeployment", { cancelRequest: aCancelRequest("tech-2") })),
      );
      const before = await t.snapshot();

      await expectRejection(requestAssistance(t.deps, t.actor(ADMIN), { ...input, benefitId: "tech-2" }), "INVALID_STATE");

      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with NOT_FOUND and stores nothing when the id is not a technical benefit", async () => {
      const t = await givenTenant(cosmos, "tech-assist-category");
      const before = await t.snapshot();

      await expectRejection(requestAssistance(t.deps, t.actor(ADMIN), { ...input, benefitId: "vs-1" }), "NOT_FOUND");

      expect(await t.snapshot()).to.deep.equal(before);
    });
  });
});
