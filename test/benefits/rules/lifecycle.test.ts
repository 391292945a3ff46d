import { expect } from "chai";
import {
  assertNotCanceled,
  assertOfferCanBeActivated,
  assertOfferCanBeRequested,
  assertTechnicalCanBeActivated,
  assertTechnicalCanBeAssigned,
  effectiveOfferState,
  OFFER_STATES,
  type TechnicalAssignment,
} from "../../../benefits";
import { aCancelRequest, anOffer, aTechnicalBenefit, DAY_MS, expectBenefitsError, NOW } from "../fixtures";

const FUTURE = new Date(NOW.getTime() + 365 * DAY_MS);

function assignment(state: TechnicalAssignment["state"]): TechnicalAssignment {
  return { userId: "emp-01", alternateEmail: "ada@fabrikam.example", state, assignedAt: "2026-11-20T10:00:00.000Z", assignedBy: "admin" };
}

describe("rules/lifecycle", () => {
  describe("assertNotCanceled", () => {
    it("throws INVALID_STATE (cancelRequested) when a refund was requested", () => {
      const error = expectBenefitsError(() => assertNotCanceled({ id: "b1", cancelRequest: aCancelRequest("b1") }), "INVALID_STATE");
      expect(error.details).to.include({ benefitId: "b1", state: "cancelRequested" });
    });

    it("passes when no refund was requested", () => {
      expect(() => assertNotCanceled({ id: "b1" })).not.to.throw();
    });
  });

  describe("offer: available → pending", () => {
    for (const state of OFFER_STATES) {
      const allowed = state === "available";
      it(`${allowed ? "allows the request" : "throws INVALID_STATE on a request"} when the offer is ${state}`, () => {
        const offer = anOffer("o1", state);
        if (allowed) {
          expect(() => assertOfferCanBeRequested(offer)).not.to.throw();
        } else {
          const error = expectBenefitsError(() => assertOfferCanBeRequested(offer), "INVALID_STATE");
          expect(error.details).to.include({ benefitId: "o1", state });
        }
      });
    }

    it("throws INVALID_STATE when an available offer's refund was requested", () => {
      const offer = anOffer("o1", "available", { cancelRequest: aCancelRequest("o1") });
      const error = expectBenefitsError(() => assertOfferCanBeRequested(offer), "INVALID_STATE");
      expect(error.details.state).to.equal("cancelRequested");
    });
  });

  describe("offer: pending → active", () => {
    for (const state of OFFER_STATES) {
      const allowed = state === "pending";
      it(`${allowed ? "allows activation" : "throws INVALID_STATE on activation"} when the offer is ${state}`, () => {
        const offer = anOffer("o1", state);
        if (allowed) {
          expect(() => assertOfferCanBeActivated(offer, FUTURE, NOW)).not.to.throw();
        } else {
          const error = expectBenefitsError(() => assertOfferCanBeActivated(offer, FUTURE, NOW), "INVALID_STATE");
          expect(error.details.state).to.equal(state);
        }
      });
    }

    const expiries = [
      { when: "the expiry is now", expiresAt: NOW },
      { when: "the expiry is in the past", expiresAt: new Date(NOW.getTime() - DAY_MS) },
    ];
    for (const c of expiries) {
      it(`throws INVALID_INPUT when ${c.when}`, () => {
        const error = expectBenefitsError(() => assertOfferCanBeActivated(anOffer("o1", "pending"), c.expiresAt, NOW), "INVALID_INPUT");
        expect(error.details.expiresAt).to.equal(c.expiresAt.toISOString());
      });
    }

    it("allows activation when the expiry is 1 ms in the future", () => {
      expect(() => assertOfferCanBeActivated(anOffer("o1", "pending"), new Date(NOW.getTime() + 1), NOW)).not.to.throw();
    });

    it("throws INVALID_STATE when a pending offer's refund was requested", () => {
      const offer = anOffer("o1", "pending", { cancelRequest: aCancelRequest("o1") });
      expectBenefitsError(() => assertOfferCanBeActivated(offer, FUTURE, NOW), "INVALID_STATE");
    });
  });

  describe("effectiveOfferState", () => {
    const expiresAt = "2026-12-01T00:00:00.000Z";
    const cases: { when: string; offer: ReturnType<typeof anOffer>; now: string; state: string }[] = [
      { when: "an active offer is before its expiry", offer: anOffer("o", "active", { expiresAt }), now: "2026-11-30T23:59:59.999Z", state: "active" },
      { when: "an active offer reaches its expiry", offer: anOffer("o", "active", { expiresAt }), now: expiresAt, state: "expired" },
      { when: "an active offer is past its expiry", offer: anOffer("o", "active", { expiresAt }), now: "2027-01-01T00:00:00.000Z", state: "expired" },
      { when: "an active offer has no expiry", offer: anOffer("o", "active"), now: "2030-01-01T00:00:00.000Z", state: "active" },
      { when: "a pending offer carries a past date", offer: anOffer("o", "pending", { expiresAt }), now: "2027-01-01T00:00:00.000Z", state: "pending" },
      { when: "the offer is canceled", offer: anOffer("o", "canceled", { expiresAt }), now: "2027-01-01T00:00:00.000Z", state: "canceled" },
      { when: "the offer was stored as expired", offer: anOffer("o", "expired", { expiresAt }), now: "2026-11-01T00:00:00.000Z", state: "expired" },
      { when: "the offer is available", offer: anOffer("o", "available"), now: "2026-11-01T00:00:00.000Z", state: "available" },
    ];
    for (const c of cases) {
      it(`is ${c.state} when ${c.when}`, () => {
        expect(effectiveOfferState(c.offer, new Date(c.now))).to.equal(c.state);
      });
    }

    it("compares instants when the expiry was written with a time zone offset", () => {
      // 19:00 at UTC-5 is midnight UTC.
      const offer = anOffer("o", "active", { expiresAt: "2026-11-30T19:00:00-05:00" });
      expect(effectiveOfferState(offer, new Date("2026-11-30T23:59:59.999Z"))).to.equal("active");
      expect(effectiveOfferState(offer, new Date("2026-12-01T00:00:00.000Z"))).to.equal("expired");
    });
  });

  describe("technical: assign (→ pending)", () => {
    it("allows when nobody is assigned", () => {
      expect(() => assertTechnicalCanBeAssigned(aTechnicalBenefit("t1", "advisoryHours"))).not.to.throw();
    });

    for (const state of ["pending", "active"] as const) {
      it(`throws ALREADY_ASSIGNED when the assignment is ${state}`, () => {
        const benefit = aTechnicalBenefit("t1", "advisoryHours", { assignment: assignment(state) });
        const error = expectBenefitsError(() => assertTechnicalCanBeAssigned(benefit), "ALREADY_ASSIGNED");
        expect(error.details).to.include({ benefitId: "t1", userId: "emp-01" });
      });
    }

    it("throws INVALID_STATE when a refund was requested", () => {
      const benefit = aTechnicalBenefit("t1", "advisoryHours", { cancelRequest: aCancelRequest("t1") });
      expectBenefitsError(() => assertTechnicalCanBeAssigned(benefit), "INVALID_STATE");
    });
  });

  describe("technical: pending → active", () => {
    it("allows when the assignment is pending", () => {
      const benefit = aTechnicalBenefit("t1", "supportIncidents", { assignment: assignment("pending") });
      expect(() => assertTechnicalCanBeActivated(benefit)).not.to.throw();
    });

    it("throws NOT_ASSIGNED when nobody is assigned", () => {
      expectBenefitsError(() => assertTechnicalCanBeActivated(aTechnicalBenefit("t1", "supportIncidents")), "NOT_ASSIGNED");
    });

    it("throws INVALID_STATE when the assignment is already active", () => {
      const benefit = aTechnicalBenefit("t1", "supportIncidents", { assignment: assignment("active") });
      const error = expectBenefitsError(() => assertTechnicalCanBeActivated(benefit), "INVALID_STATE");
      expect(error.details.state).to.equal("active");
    });

    it("throws INVALID_STATE when a refund was requested for a pending assignment", () => {
      const benefit = aTechnicalBenefit("t1", "supportIncidents", { assignment: assignment("pending"), cancelRequest: aCancelRequest("t1") });
      const error = expectBenefitsError(() => assertTechnicalCanBeActivated(benefit), "INVALID_STATE");
      expect(error.details.state).to.equal("cancelRequested");
    });
  });
});
