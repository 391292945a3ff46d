import { BenefitsError } from "../errors";
import type { VisualStudioBenefit } from "../types";

export function freeSeats(subscription: VisualStudioBenefit): number {
  return Math.max(0, subscription.seats - subscription.assignments.length);
}

export function isAssigned(subscription: VisualStudioBenefit, userId: string): boolean {
  return subscription.assignments.some((a) => a.userId === userId);
}

export function assertCanAssignSeat(subscription: VisualStudioBenefit, userId: string): void {
  if (isAssigned(subscription, userId)) {
    throw new BenefitsError("ALREADY_ASSIGNED", "this user already holds a seat of this subscription", { userId, benefitId: subscription.id });
  }
  if (freeSeats(subscription) === 0) {
    throw new BenefitsError("NO_SEATS", "no free seat left on this subscription", { benefitId: subscription.id, seats: subscription.seats });
  }
}
