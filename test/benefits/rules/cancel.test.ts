import { expect } from "chai";
import {
  activatedSoftware,
  assertCancelAllowed,
  assertKeysRevealAllowed,
  cancelDeadline,
  CANCEL_WINDOW_DAYS,
  refundRequestedBenefitIds,
  softwareActivation,
  type Benefit,
} from "../../../benefits";
import {
  aCancelRequest,
  aCloudBenefit,
  aPackage,
  aSoftwareBenefit,
  aVisualStudioBenefit,
  DAY_MS,
  expectBenefitsError,
  NOW,
} from "../fixtures";

const PURCHASED = "2026-10-25T12:00:00.000Z";
const DEADLINE = "2026-11-24T12:00:00.000Z";
const pkg = aPackage("pkg-1", PURCHASED);
const vs = aVisualStudioBenefit("vs-1", 5);
const software = aSoftwareBenefit("sw-1");
const revealed = { at: "2026-11-01T09:00:00.000Z", by: "admin" };

function at(iso: string): Date {
  return new Date(iso);
}

describe("rules/cancel", () => {
  describe("cancelDeadline", () => {
    it("is 30 days after the purchase to the millisecond when purchased in UTC", () => {
      expect(CANCEL_WINDOW_DAYS).to.equal(30);
      expect(cancelDeadline(pkg).toISOString()).to.equal(DEADLINE);
    });

    it("counts from the instant of purchase when it was recorded with another time zone offset", () => {
      // 23:30 in UTC-5 on October 1st is 04:30 UTC on October 2nd.
      const late = aPackage("pkg-tz", "2026-10-01T23:30:00-05:00");
      expect(cancelDeadline(late).toISOString()).to.equal("2026-11-01T04:30:00.000Z");
    });
  });

  describe("assertCancelAllowed: the 30-day window", () => {
    const cases: { when: string; now: Date; allowed: boolean }[] = [
      { when: "on the day of purchase", now: at(PURCHASED), allowed: true },
      { when: "one millisecond before the deadline", now: new Date(Date.parse(DEADLINE) - 1), allowed: true },
      { when: "exactly 30 days after purchase", now: at(DEADLINE), allowed: true },
      { when: "30 days and 1 ms after purchase", now: new Date(Date.parse(DEADLINE) + 1), allowed: false },
      { when: "on day 31", now: new Date(Date.parse(PURCHASED) + 31 * DAY_MS), allowed: false },
      { when: "a year later", now: at("2027-10-25T12:00:00.000Z"), allowed: false },
    ];
    for (const c of cases) {
      it(`${c.allowed ? "allows" : "throws CANCEL_WINDOW_CLOSED"} when asked ${c.when}`, () => {
        if (c.allowed) {
          expect(assertCancelAllowed(pkg, [vs], vs, c.now).toISOString()).to.equal(DEADLINE);
        } else {
          const error = expectBenefitsError(() => assertCancelAllowed(pkg, [vs], vs, c.now), "CANCEL_WINDOW_CLOSED");
          expect(error.details).to.include({ deadline: DEADLINE, purchasedAt: PURCHASED });
        }
      });
    }

    const offset = aPackage("pkg-tz", "2026-10-01T23:30:00-05:00");
    const offsetCases: { when: string; now: string; allowed: boolean }[] = [
      { when: "at the deadline, 04:30 UTC on November 1st", now: "2026-11-01T04:30:00.000Z", allowed: true },
      { when: "just before midnight of day 30 in the purchase's own zone", now: "2026-10-31T23:29:59-05:00", allowed: true },
      { when: "1 ms past the deadline", now: "2026-11-01T04:30:00.001Z", allowed: false },
      { when: "later on November 1st in UTC", now: "2026-11-01T12:00:00.000Z", allowed: false },
    ];
    for (const c of offsetCases) {
      it(`${c.allowed ? "allows" : "throws CANCEL_WINDOW_CLOSED"} for a purchase at 23:30 UTC-5 when asked ${c.when}`, () => {
        if (c.allowed) {
          expect(() => assertCancelAllowed(offset, [vs], vs, at(c.now))).not.to.throw();
        } else {
          const error = expectBenefitsError(() => assertCancelAllowed(offset, [vs], vs, at(c.now)), "CANCEL_WINDOW_CLOSED");
          expect(error.details.deadline).to.equal("2026-11-01T04:30:00.000Z");
        }
      });
    }
  });

  describe("assertCancelAllowed: activated software", () => {
    it("throws SOFTWARE_ACTIVATED with the deadline when keys were revealed on a software benefit of the same package", () => {
      const activated = { ...software, keysRevealed: revealed };
      const error = expectBenefitsError(() => assertCancelAllowed(pkg, [vs, activated], vs, NOW), "SOFTWARE_ACTIVATED");
      expect(error.details).to.include({ deadline: DEADLINE, softwareName: activated.name });
    });

    it("throws SOFTWARE_ACTIVATED when the benefit being canceled is itself the activated software", () => {
      const activated = { ...software, keysRevealed: revealed };
      expectBenefitsError(() => assertCancelAllowed(pkg, [activated], activated, NOW), "SOFTWARE_ACTIVATED");
    });

    it("allows when the only activated software belongs to another package", () => {
      const elsewhere = aSoftwareBenefit("sw-other", { packageId: "pkg-2", keysRevealed: revealed });
      expect(() => assertCancelAllowed(pkg, [vs, software, elsewhere], vs, NOW)).not.to.throw();
    });

    it("allows when the package's software keys were never revealed", () => {
      expect(() => assertCancelAllowed(pkg, [vs, software], vs, NOW)).not.to.throw();
    });

    it("allows when only cloud keys were revealed (cloud is not software)", () => {
      const cloud = aCloudBenefit("cloud-1", "license", { keysRevealed: revealed });
      expect(() => assertCancelAllowed(pkg, [vs, cloud], vs, NOW)).not.to.throw();
    });

    it("reports the closed window before activated software when both apply", () => {
      const activated = { ...software, keysRevealed: revealed };
      expectBenefitsError(() => assertCancelAllowed(pkg, [activated], vs, new Date(Date.parse(DEADLINE) + 1)), "CANCEL_WINDOW_CLOSED");
    });
  });

  describe("assertCancelAllowed: already requested", () => {
    it("throws INVALID_STATE with the existing reference when a refund was already requested", () => {
      const marked = { ...vs, cancelRequest: aCancelRequest(vs.id) };
      const error = expectBenefitsError(() => assertCancelAllowed(pkg, [marked], marked, NOW), "INVALID_STATE");
      expect(error.details.reference).to.equal(marked.cancelRequest.reference);
    });

    it("says INVALID_STATE even after the window closed when a refund was already requested", () => {
      const marked = { ...vs, cancelRequest: aCancelRequest(vs.id) };
      expectBenefitsError(() => assertCancelAllowed(pkg, [marked], marked, at("2027-01-01T00:00:00Z")), "INVALID_STATE");
    });
  });

  describe("assertCancelAllowed: what the package recorded", () => {
    const activatedPkg = { ...pkg, softwareActivated: { benefitId: software.id, at: revealed.at, by: revealed.by } };

    it("throws SOFTWARE_ACTIVATED naming the software the package recorded, even when its keys are not stored on it yet", () => {
      const error = expectBenefitsError(() => assertCancelAllowed(activatedPkg, [vs, software], vs, NOW), "SOFTWARE_ACTIVATED");
      expect(error.details).to.include({ deadline: DEADLINE, softwareName: software.name });
    });

    it("names the software by its id when the caller did not hand it over", () => {
      const error = expectBenefitsError(() => assertCancelAllowed(activatedPkg, [vs], vs, NOW), "SOFTWARE_ACTIVATED");
      expect(error.details.softwareName).to.equal(software.id);
    });

    it("allows finishing a refund the package recorded, even after the window, since that record was the decision", () => {
      const recorded = { ...pkg, refundRequestedBenefitIds: [vs.id] };
      expect(assertCancelAllowed(recorded, [vs], vs, at("2027-01-01T00:00:00Z")).toISOString()).to.equal(DEADLINE);
    });

    it("still applies the window to another benefit of a package with a recorded refund", () => {
      const recorded = { ...pkg, refundRequestedBenefitIds: ["offer-1"] };
      expectBenefitsError(() => assertCancelAllowed(recorded, [vs], vs, at("2027-01-01T00:00:00Z")), "CANCEL_WINDOW_CLOSED");
    });
  });

  describe("softwareActivation", () => {
    it("prefers the package's record to a revealed sibling, and falls back to the sibling for older data", () => {
      const other = aSoftwareBenefit("sw-2", { keysRevealed: revealed });
      const recorded = { ...pkg, softwareActivated: { benefitId: software.id, at: revealed.at, by: revealed.by } };
      expect(softwareActivation(recorded, [software, other])).to.deep.equal({ benefitId: software.id, name: software.name });
      expect(softwareActivation(pkg, [software, other])).to.deep.equal({ benefitId: "sw-2", name: other.name });
      expect(softwareActivation(pkg, [software, aSoftwareBenefit("sw-x", { packageId: "pkg-2", keysRevealed: revealed })])).to.equal(undefined);
    });
  });

  describe("assertKeysRevealAllowed", () => {
    const cases: { when: string; pkg: typeof pkg; benefits: Benefit[]; refusedFor?: string }[] = [
      { when: "nothing was refunded", pkg, benefits: [vs, software] },
      { when: "the package recorded an empty list", pkg: { ...pkg, refundRequestedBenefitIds: [] }, benefits: [vs, software] },
      { when: "the package recorded a refund", pkg: { ...pkg, refundRequestedBenefitIds: [vs.id] }, benefits: [vs, software], refusedFor: vs.id },
      { when: "a benefit was marked before the package kept a record", pkg, benefits: [{ ...vs, cancelRequest: aCancelRequest(vs.id) }, software], refusedFor: vs.id },
      {
        when: "only a benefit of another package was marked",
        pkg,
        benefits: [aVisualStudioBenefit("vs-2", 1, { packageId: "pkg-2", cancelRequest: aCancelRequest("vs-2") }), software],
      },
    ];
    for (const c of cases) {
      it(`${c.refusedFor === undefined ? "allows" : "throws INVALID_STATE"} when ${c.when}`, () => {
        if (c.refusedFor === undefined) {
          expect(() => assertKeysRevealAllowed(c.pkg, c.benefits)).not.to.throw();
        } else {
          const error = expectBenefitsError(() => assertKeysRevealAllowed(c.pkg, c.benefits), "INVALID_STATE");
          expect(error.details).to.include({ packageId: pkg.id, benefitId: c.refusedFor, state: "refundRequested" });
        }
      });
    }

    it("counts a benefit once when both the package and its mark say so", () => {
      const marked = { ...vs, cancelRequest: aCancelRequest(vs.id) };
      expect(refundRequestedBenefitIds({ ...pkg, refundRequestedBenefitIds: [vs.id] }, [marked])).to.deep.equal([vs.id]);
    });
  });

  describe("activatedSoftware", () => {
    it("finds the first software benefit whose keys were revealed and ignores the rest", () => {
      const activated = { ...software, keysRevealed: revealed };
      const benefits: Benefit[] = [vs, aCloudBenefit("c", "license", { keysRevealed: revealed }), aSoftwareBenefit("sw-0"), activated];
      expect(activatedSoftware(benefits)?.id).to.equal("sw-1");
      expect(activatedSoftware([vs, software])).to.equal(undefined);
    });
  });
});
