import { expect } from "chai";
import { assertCanAssignSeat, freeSeats, isAssigned, type SeatAssignment } from "../../../benefits";
import { aVisualStudioBenefit, expectBenefitsError } from "../fixtures";

function held(...userIds: string[]): SeatAssignment[] {
  return userIds.map((userId) => ({ userId, assignedAt: "2026-11-20T10:00:00.000Z", assignedBy: "admin" }));
}

describe("rules/seats", () => {
  describe("freeSeats", () => {
    const cases: { when: string; seats: number; holders: string[]; free: number }[] = [
      { when: "nobody holds a seat", seats: 5, holders: [], free: 5 },
      { when: "some seats are held", seats: 5, holders: ["a", "b"], free: 3 },
      { when: "every seat is held", seats: 2, holders: ["a", "b"], free: 0 },
      { when: "the subscription has no seats", seats: 0, holders: [], free: 0 },
      { when: "more are assigned than the seats now allow (seats reduced later)", seats: 1, holders: ["a", "b", "c"], free: 0 },
    ];
    for (const c of cases) {
      it(`is ${c.free} when ${c.when}`, () => {
        expect(freeSeats(aVisualStudioBenefit("vs", c.seats, { assignments: held(...c.holders) }))).to.equal(c.free);
      });
    }
  });

  describe("isAssigned", () => {
    it("is true only for a user who holds a seat", () => {
      const vs = aVisualStudioBenefit("vs", 3, { assignments: held("a", "b") });
      expect(isAssigned(vs, "a")).to.equal(true);
      expect(isAssigned(vs, "c")).to.equal(false);
    });
  });

  describe("assertCanAssignSeat", () => {
    it("allows the last free seat, then refuses the next user with NO_SEATS", () => {
      const vs = aVisualStudioBenefit("vs", 3, { assignments: held("a", "b") });
      expect(() => assertCanAssignSeat(vs, "c")).not.to.throw();

      const full = { ...vs, assignments: held("a", "b", "c") };
      const error = expectBenefitsError(() => assertCanAssignSeat(full, "d"), "NO_SEATS");
      expect(error.details).to.include({ benefitId: "vs", seats: 3 });
    });

    it("throws ALREADY_ASSIGNED when the user already holds a seat", () => {
      const vs = aVisualStudioBenefit("vs", 3, { assignments: held("a") });
      const error = expectBenefitsError(() => assertCanAssignSeat(vs, "a"), "ALREADY_ASSIGNED");
      expect(error.details).to.include({ userId: "a", benefitId: "vs" });
    });

    it("says ALREADY_ASSIGNED rather than NO_SEATS when the holder is assigned again on a full subscription", () => {
      const vs = aVisualStudioBenefit("vs", 1, { assignments: held("a") });
      expectBenefitsError(() => assertCanAssignSeat(vs, "a"), "ALREADY_ASSIGNED");
    });

    it("throws NO_SEATS when the subscription is over-assigned", () => {
      const vs = aVisualStudioBenefit("vs", 1, { assignments: held("a", "b") });
      expectBenefitsError(() => assertCanAssignSeat(vs, "c"), "NO_SEATS");
    });
  });
});
