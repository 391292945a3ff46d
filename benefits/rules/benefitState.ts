import { effectiveOfferState } from "./lifecycle";
import { freeSeats } from "./seats";
import type { Benefit } from "../types";

/** What a person reads in a benefit's status column. */
export const BENEFIT_STATES = ["available", "pending", "active", "expired", "cancelRequested", "canceled"] as const;
export type BenefitState = (typeof BENEFIT_STATES)[number];

/**
 * One state per benefit, as Partner Center shows it: a refund request freezes the benefit whatever else it holds,
 * and a benefit past its expiry date is expired even before any job writes it.
 */
export function benefitState(benefit: Benefit, now: Date): BenefitState {
  if (benefit.cancelRequest !== undefined) return "cancelRequested";
  if (benefit.category === "goToMarket") return effectiveOfferState(benefit, now);
  const expiresAt = benefitExpiry(benefit);
  if (expiresAt !== undefined && Date.parse(expiresAt) <= now.getTime()) return "expired";
  switch (benefit.category) {
    case "software":
      return benefit.keysRevealed === undefined ? "available" : "active";
    case "cloud":
      return benefit.assignedTo !== undefined || benefit.keysRevealed !== undefined ? "active" : "available";
    case "visualStudio":
      return benefit.assignments.length > 0 ? "active" : "available";
    case "technical":
      return benefit.assignment?.state ?? "available";
  }
}

/** Software never expires; every other category may carry an expiry date. */
export function benefitExpiry(benefit: Benefit): string | undefined {
  return benefit.category === "software" ? undefined : benefit.expiresAt;
}

export interface Usage {
  readonly used: number;
  readonly free: number;
  readonly total: number;
}

/** Seats (Visual Studio) or units (technical benefits) in use and still free; undefined where the benefit counts neither. */
export function benefitUsage(benefit: Benefit): Usage | undefined {
  if (benefit.category === "visualStudio") {
    return { used: benefit.assignments.length, free: freeSeats(benefit), total: benefit.seats };
  }
  if (benefit.category === "technical") {
    // A technical benefit is assigned as a whole: its units go to the one assignee.
    const used = benefit.assignment === undefined ? 0 : benefit.units;
    return { used, free: benefit.units - used, total: benefit.units };
  }
  return undefined;
}
