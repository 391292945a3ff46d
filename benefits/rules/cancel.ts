import { BenefitsError } from "../errors";
import type { Benefit, BenefitPackage } from "../types";

export const CANCEL_WINDOW_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The last moment a refund can be requested: 30 days after the package was bought, to the millisecond. */
export function cancelDeadline(pkg: BenefitPackage): Date {
  return new Date(Date.parse(pkg.purchasedAt) + CANCEL_WINDOW_DAYS * DAY_MS);
}

/** Revealing software keys is what activates software; once any is activated the package is no longer refundable. */
export function activatedSoftware(packageBenefits: readonly Benefit[]): Benefit | undefined {
  return packageBenefits.find((b) => b.category === "software" && b.keysRevealed !== undefined);
}

/** Throws the rule that blocks a refund, with the deadline that applied; returns the deadline when it is allowed. */
export function assertCancelAllowed(pkg: BenefitPackage, packageBenefits: readonly Benefit[], benefit: Benefit, now: Date): Date {
  const deadline = cancelDeadline(pkg);
  if (benefit.cancelRequest !== undefined) {
    throw new BenefitsError("INVALID_STATE", "a refund was already requested for this benefit", { reference: benefit.cancelRequest.reference });
  }
  if (now.getTime() > deadline.getTime()) {
    throw new BenefitsError("CANCEL_WINDOW_CLOSED", "refunds are possible only within 30 days of purchase", {
      deadline: deadline.toISOString(),
      purchasedAt: pkg.purchasedAt,
    });
  }
  // The rule owns "of this package": a caller handing over more of the tenant's benefits must not block the refund.
  const software = activatedSoftware(packageBenefits.filter((b) => b.packageId === pkg.id));
  if (software !== undefined) {
    throw new BenefitsError("SOFTWARE_ACTIVATED", "a software benefit of this package was activated", {
      deadline: deadline.toISOString(),
      softwareName: software.name,
    });
  }
  return deadline;
}
