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

export interface SoftwareActivation {
  readonly benefitId: string;
  readonly name: string;
}

/**
 * Which software benefit activated the package, if any: what the package recorded, or, for data stored before the
 * package kept that record, a software benefit of the package whose keys were revealed.
 */
export function softwareActivation(pkg: BenefitPackage, packageBenefits: readonly Benefit[]): SoftwareActivation | undefined {
  // The rule owns "of this package": a caller handing over more of the tenant's benefits must not change the answer.
  const own = packageBenefits.filter((b) => b.packageId === pkg.id);
  const recorded = pkg.softwareActivated?.benefitId;
  if (recorded !== undefined) return { benefitId: recorded, name: own.find((b) => b.id === recorded)?.name ?? recorded };
  const revealed = activatedSoftware(own);
  return revealed === undefined ? undefined : { benefitId: revealed.id, name: revealed.name };
}

/** The benefits of the package a refund was requested for: the package's record, and any benefit marked before it kept one. */
export function refundRequestedBenefitIds(pkg: BenefitPackage, packageBenefits: readonly Benefit[]): string[] {
  const marked = packageBenefits.filter((b) => b.packageId === pkg.id && b.cancelRequest !== undefined).map((b) => b.id);
  return [...new Set([...(pkg.refundRequestedBenefitIds ?? []), ...marked])];
}

/** Throws the rule that blocks a refund, with the deadline that applied; returns the deadline when it is allowed. */
export function assertCancelAllowed(pkg: BenefitPackage, packageBenefits: readonly Benefit[], benefit: Benefit, now: Date): Date {
  const deadline = cancelDeadline(pkg);
  if (benefit.cancelRequest !== undefined) {
    throw new BenefitsError("INVALID_STATE", "a refund was already requested for this benefit", { reference: benefit.cancelRequest.reference });
  }
  // The package recorded this refund: that write was the decision, taken within the window and closing the way to any
  // reveal. Only marking the benefit is left (it did not happen, e.g. a crash), and asking again finishes it.
  if ((pkg.refundRequestedBenefitIds ?? []).includes(benefit.id)) return deadline;
  if (now.getTime() > deadline.getTime()) {
    throw new BenefitsError("CANCEL_WINDOW_CLOSED", "refunds are possible only within 30 days of purchase", {
      deadline: deadline.toISOString(),
      purchasedAt: pkg.purchasedAt,
    });
  }
  const software = softwareActivation(pkg, packageBenefits);
  if (software !== undefined) {
    throw new BenefitsError("SOFTWARE_ACTIVATED", "a software benefit of this package was activated", {
      deadline: deadline.toISOString(),
      softwareName: software.name,
    });
  }
  return deadline;
}

/** Revealing software keys would activate the package after a refund was granted on the promise that it was not. */
export function assertKeysRevealAllowed(pkg: BenefitPackage, packageBenefits: readonly Benefit[]): void {
  const requested = refundRequestedBenefitIds(pkg, packageBenefits);
  if (requested.length > 0) {
    throw new BenefitsError("INVALID_STATE", "a refund was requested for a benefit of this package", {
      packageId: pkg.id,
      benefitId: requested[0],
      state: "refundRequested",
    });
  }
}
