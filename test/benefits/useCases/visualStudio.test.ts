import { expect } from "chai";
import {
  assignVisualStudioSeat,
  isBenefitsError,
  reassignVisualStudioSeat,
  removeVisualStudioSeat,
  type ErrorCode,
  type SeatAssignment,
} from "../../../benefits";
import {
  aCancelRequest,
  ADMIN,
  ADMIN_AGENT,
  aVisualStudioBenefit,
  contosoTenant,
  employeeId,
  EMPLOYEE,
  expectRejection,
  MPN_ADMIN,
  NOW,
  TenantBuilder,
  USER_ADMIN,
} from "../fixtures";
import { cosmosPerFile, givenTenant } from "./harness";

function seat(userId: string): SeatAssignment {
  return { userId, assignedAt: NOW.toISOString(), assignedBy: ADMIN };
}

describe("useCases/visualStudio", () => {
  const cosmos = cosmosPerFile();

  describe("assignVisualStudioSeat", () => {
    it("stores the assignment, bumps the version and audits it when a global admin assigns a free seat", async () => {
      const t = await givenTenant(cosmos, "vs-assign");

      const result = await assignVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-1", userId: EMPLOYEE, expectedVersion: 0 });

      expect(result.assignments).to.deep.equal([seat(EMPLOYEE)]);
      const stored = await t.benefit("vs-1", "visualStudio");
      expect(stored).to.deep.equal(result);
      expect(stored.version).to.equal(1);
      expect(stored.seats).to.equal(5);
      expect(await t.audit()).to.deep.equal([
        {
          type: "audit",
          id: "audit:vs-1:1",
          tenantId: t.tenantId,
          version: 0,
          at: NOW.toISOString(),
          actorId: ADMIN,
          action: "visualStudio.assign",
          targetId: "vs-1",
          before: [],
          after: [EMPLOYEE],
        },
      ]);
    });

    it("gives away the last seat, then refuses the next user with NO_SEATS and changes nothing", async () => {
      const t = await givenTenant(cosmos, "vs-last", (id) =>
        contosoTenant(id).benefit(aVisualStudioBenefit("vs-2", 2, { assignments: [seat(employeeId(1))] })),
      );

      const last = await assignVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-2", userId: employeeId(2) });
      expect(last.assignments.map((a) => a.userId)).to.deep.equal([employeeId(1), employeeId(2)]);

      const before = await t.snapshot();
      const error = await expectRejection(assignVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-2", userId: employeeId(3) }), "NO_SEATS");
      expect(error.details).to.include({ benefitId: "vs-2", seats: 2 });
      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with ALREADY_ASSIGNED and changes nothing when the user already holds a seat", async () => {
      const t = await givenTenant(cosmos, "vs-again", (id) => contosoTenant(id).benefit(aVisualStudioBenefit("vs-2", 3, { assignments: [seat(EMPLOYEE)] })));
      const before = await t.snapshot();

      await expectRejection(assignVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-2", userId: EMPLOYEE }), "ALREADY_ASSIGNED");

      expect(await t.snapshot()).to.deep.equal(before);
    });

    const refusedRoles = [
      { who: "an employee", userId: EMPLOYEE },
      { who: "an MPN partner admin", userId: MPN_ADMIN },
      { who: "a user admin", userId: USER_ADMIN },
      { who: "an admin agent", userId: ADMIN_AGENT },
      { who: "someone outside the directory", userId: "stranger" },
    ];
    for (const c of refusedRoles) {
      it(`refuses with NOT_AUTHORIZED and changes nothing when ${c.who} tries to assign`, async () => {
        const t = await givenTenant(cosmos, "vs-role");
        const before = await t.snapshot();

        const error = await expectRejection(
          assignVisualStudioSeat(t.deps, t.actor(c.userId), { benefitId: "vs-1", userId: employeeId(2) }),
          "NOT_AUTHORIZED",
        );

        expect(error.details.capability).to.equal("assignBenefits");
        expect(await t.snapshot()).to.deep.equal(before);
      });
    }

    it("refuses with NOT_FOUND and changes nothing when the assignee is only in another tenant's directory", async () => {
      const t = await givenTenant(cosmos, "vs-nouser");
      await givenTenant(cosmos, "vs-nouser-other", (id) => contosoTenant(id).user("outsider", ["employee"]));
      const before = await t.snapshot();

      const error = await expectRejection(assignVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-1", userId: "outsider" }), "NOT_FOUND");

      expect(error.details.userId).to.equal("outsider");
      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with NOT_FOUND and leaves the other tenant's subscription untouched when the benefit id is another tenant's", async () => {
      const mine = await givenTenant(cosmos, "vs-mine", (id) => new TenantBuilder(id).user(ADMIN, ["globalAdmin"]).employees(1));
      const theirs = await givenTenant(cosmos, "vs-theirs");
      const mineBefore = await mine.snapshot();
      const theirsBefore = await theirs.snapshot();

      await expectRejection(assignVisualStudioSeat(mine.deps, mine.actor(ADMIN), { benefitId: "vs-1", userId: EMPLOYEE }), "NOT_FOUND");

      expect(await theirs.snapshot()).to.deep.equal(theirsBefore);
      expect(await mine.snapshot()).to.deep.equal(mineBefore);
    });

    const wrongCategories = ["sw-1", "tech-advisory", "offer-1", "cloud-usage"];
    for (const benefitId of wrongCategories) {
      it(`refuses with NOT_FOUND and changes nothing when the id (${benefitId}) is a benefit of another category`, async () => {
        const t = await givenTenant(cosmos, "vs-category");
        const before = await t.snapshot();

        const error = await expectRejection(assignVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId, userId: EMPLOYEE }), "NOT_FOUND");

        expect(error.details.category).to.equal("visualStudio");
        expect(await t.snapshot()).to.deep.equal(before);
      });
    }

    it("refuses with STALE_CARD carrying the current version when the card's version is out of date", async () => {
      const t = await givenTenant(cosmos, "vs-stale");
      await assignVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-1", userId: employeeId(1), expectedVersion: 0 });
      const before = await t.snapshot();

      const error = await expectRejection(
        assignVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-1", userId: employeeId(2), expectedVersion: 0 }),
        "STALE_CARD",
      );

      expect(error.details.currentVersion).to.equal(1);
      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with INVALID_STATE and changes nothing when a refund was requested for the subscription", async () => {
      const t = await givenTenant(cosmos, "vs-canceled", (id) => contosoTenant(id).benefit(aVisualStudioBenefit("vs-2", 3, { cancelRequest: aCancelRequest("vs-2") })));
      const before = await t.snapshot();

      await expectRejection(assignVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-2", userId: EMPLOYEE }), "INVALID_STATE");

      expect(await t.snapshot()).to.deep.equal(before);
    });
  });

  describe("removeVisualStudioSeat", () => {
    it("frees the seat and audits it when the user holds one", async () => {
      const t = await givenTenant(cosmos, "vs-remove", (id) =>
        contosoTenant(id).benefit(aVisualStudioBenefit("vs-2", 2, { assignments: [seat(employeeId(1)), seat(employeeId(2))] })),
      );

      await removeVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-2", userId: employeeId(1), expectedVersion: 0 });

      const stored = await t.benefit("vs-2", "visualStudio");
      expect(stored.assignments.map((a) => a.userId)).to.deep.equal([employeeId(2)]);
      expect(stored.version).to.equal(1);
      const audit = await t.audit();
      expect(audit).to.have.length(1);
      expect(audit[0]).to.include({ action: "visualStudio.remove", targetId: "vs-2", actorId: ADMIN });
      expect(audit[0]?.before).to.deep.equal([employeeId(1), employeeId(2)]);
      expect(audit[0]?.after).to.deep.equal([employeeId(2)]);
    });

    it("refuses with NOT_ASSIGNED and changes nothing when the user holds no seat", async () => {
      const t = await givenTenant(cosmos, "vs-remove-none");
      const before = await t.snapshot();

      await expectRejection(removeVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-1", userId: EMPLOYEE }), "NOT_ASSIGNED");

      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with NOT_AUTHORIZED and changes nothing when an employee removes a seat", async () => {
      const t = await givenTenant(cosmos, "vs-remove-role", (id) => contosoTenant(id).benefit(aVisualStudioBenefit("vs-2", 2, { assignments: [seat(employeeId(2))] })));
      const before = await t.snapshot();

      await expectRejection(removeVisualStudioSeat(t.deps, t.actor(EMPLOYEE), { benefitId: "vs-2", userId: employeeId(2) }), "NOT_AUTHORIZED");

      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with INVALID_STATE and changes nothing when a refund was requested for the subscription", async () => {
      const t = await givenTenant(cosmos, "vs-remove-canceled", (id) =>
        contosoTenant(id).benefit(aVisualStudioBenefit("vs-2", 2, { assignments: [seat(EMPLOYEE)], cancelRequest: aCancelRequest("vs-2") })),
      );
      const before = await t.snapshot();

      await expectRejection(removeVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-2", userId: EMPLOYEE }), "INVALID_STATE");

      expect(await t.snapshot()).to.deep.equal(before);
    });
  });

  describe("reassignVisualStudioSeat", () => {
    it("moves the seat in one write and keeps the seat count when every seat is taken", async () => {
      const t = await givenTenant(cosmos, "vs-reassign", (id) =>
        contosoTenant(id).benefit(aVisualStudioBenefit("vs-2", 2, { assignments: [seat(employeeId(1)), seat(employeeId(2))] })),
      );

      const result = await reassignVisualStudioSeat(t.deps, t.actor(ADMIN), {
        benefitId: "vs-2",
        fromUserId: employeeId(1),
        toUserId: employeeId(3),
        expectedVersion: 0,
      });

      const stored = await t.benefit("vs-2", "visualStudio");
      expect(stored).to.deep.equal(result);
      expect(stored.seats).to.equal(2);
      expect(stored.assignments.map((a) => a.userId)).to.deep.equal([employeeId(2), employeeId(3)]);
      expect(stored.version).to.equal(1);
      const audit = await t.audit();
      expect(audit.map((a) => a.action)).to.deep.equal(["visualStudio.reassign"]);
      expect(audit[0]?.after).to.deep.equal([employeeId(2), employeeId(3)]);
    });

    const refused: { when: string; from: string; to: string; code: ErrorCode }[] = [
      { when: "the previous holder holds no seat", from: employeeId(3), to: employeeId(4), code: "NOT_ASSIGNED" },
      { when: "the new holder already holds a seat", from: employeeId(1), to: employeeId(2), code: "ALREADY_ASSIGNED" },
      { when: "the new holder is not in the directory", from: employeeId(1), to: "ghost", code: "NOT_FOUND" },
      { when: "the new holder is the previous holder", from: employeeId(1), to: employeeId(1), code: "INVALID_INPUT" },
    ];
    for (const c of refused) {
      it(`refuses with ${c.code} and changes nothing when ${c.when}`, async () => {
        const t = await givenTenant(cosmos, "vs-reassign-no", (id) =>
          contosoTenant(id).benefit(aVisualStudioBenefit("vs-2", 2, { assignments: [seat(employeeId(1)), seat(employeeId(2))] })),
        );
        const before = await t.snapshot();

        await expectRejection(reassignVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-2", fromUserId: c.from, toUserId: c.to }), c.code);

        expect(await t.snapshot()).to.deep.equal(before);
      });
    }
  });

  describe("concurrency", () => {
    it("stores exactly 5 assignments and refuses the other 45 with NO_SEATS when 50 admins assign 50 users at once", async function () {
      this.timeout(60_000);
      const t = await givenTenant(cosmos, "vs-race", (id) =>
        new TenantBuilder(id).user(ADMIN, ["globalAdmin"]).employees(50).package("pkg-1", "2026-11-10T08:00:00.000Z").benefit(aVisualStudioBenefit("vs-5", 5)),
      );
      const users = Array.from({ length: 50 }, (_, i) => employeeId(i + 1));

      const outcomes = await Promise.allSettled(users.map((userId) => assignVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-5", userId })));

      const codes = new Map<string, number>();
      for (const outcome of outcomes) {
        const key = outcome.status === "fulfilled" ? "assigned" : isBenefitsError(outcome.reason) ? outcome.reason.code : String(outcome.reason);
        codes.set(key, (codes.get(key) ?? 0) + 1);
      }
      expect(Object.fromEntries(codes)).to.deep.equal({ assigned: 5, NO_SEATS: 45 });

      const stored = await t.benefit("vs-5", "visualStudio");
      const holders = stored.assignments.map((a) => a.userId);
      expect(holders).to.have.length(5);
      expect(new Set(holders).size).to.equal(5);
      const winners = outcomes.flatMap((o, i) => (o.status === "fulfilled" ? [users[i]] : []));
      expect([...holders].sort()).to.deep.equal([...winners].sort());
      expect(stored.version).to.equal(5);
      const audit = await t.audit();
      expect(audit.map((a) => a.id)).to.deep.equal([1, 2, 3, 4, 5].map((v) => `audit:vs-5:${v}`));
    });

    it("stores all 50 assignments and leaks no CONFLICT when 50 users are assigned at once to 50 free seats", async function () {
      this.timeout(60_000);
      const t = await givenTenant(cosmos, "vs-race-all", (id) =>
        new TenantBuilder(id).user(ADMIN, ["globalAdmin"]).employees(50).package("pkg-1", "2026-11-10T08:00:00.000Z").benefit(aVisualStudioBenefit("vs-50", 50)),
      );
      const users = Array.from({ length: 50 }, (_, i) => employeeId(i + 1));

      const outcomes = await Promise.allSettled(users.map((userId) => assignVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-50", userId })));

      const failures = outcomes.flatMap((o) => (o.status === "rejected" ? [isBenefitsError(o.reason) ? o.reason.code : String(o.reason)] : []));
      expect(failures).to.deep.equal([]);
      const stored = await t.benefit("vs-50", "visualStudio");
      expect(stored.assignments.map((a) => a.userId).sort()).to.deep.equal(users);
      expect(stored.version).to.equal(50);
    });

    it("stores one assignment and refuses the other with ALREADY_ASSIGNED when the same user is submitted twice at once", async () => {
      const t = await givenTenant(cosmos, "vs-double");

      const outcomes = await Promise.allSettled([
        assignVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-1", userId: EMPLOYEE }),
        assignVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-1", userId: EMPLOYEE }),
      ]);

      expect(outcomes.filter((o) => o.status === "fulfilled")).to.have.length(1);
      const rejected = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason] : []));
      expect(rejected).to.have.length(1);
      expect(isBenefitsError(rejected[0], "ALREADY_ASSIGNED"), String(rejected[0])).to.equal(true);
      const stored = await t.benefit("vs-1", "visualStudio");
      expect(stored.assignments.map((a) => a.userId)).to.deep.equal([EMPLOYEE]);
      expect(await t.audit()).to.have.length(1);
    });
  });
});
