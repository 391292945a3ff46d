import { BenefitsError } from "../errors";
import type { GoToMarketOffer, TechnicalBenefit } from "../types";

/** A benefit whose refund was requested is frozen: no more assignments or activations. */
export function assertNotCanceled(benefit: { cancelRequest?: unknown; id: string }): void {
  if (benefit.cancelRequest !== undefined) {
    throw new BenefitsError("INVALID_STATE", "a refund was requested for this benefit", { benefitId: benefit.id, state: "cancelRequested" });
  }
}

export function assertOfferCanBeRequested(offer: GoToMarketOffer): void {
  assertNotCanceled(offer);
  if (offer.state !== "available") {
    throw new BenefitsError("INVALID_STATE", "only an available offer can be activated", { benefitId: offer.id, state: offer.state });
  }
}

export function assertOfferCanBeActivated(offer: GoToMarketOffer, expiresAt: Date, now: Date): void {
  assertNotCanceled(offer);
  if (offer.state !== "pending") {
    throw new BenefitsError("INVALID_STATE", "only a pending offer can become active", { benefitId: offer.id, state: offer.state });
  }
  if (expiresAt.getTime() <= now.getTime()) {
    throw new BenefitsError("INVALID_INPUT", "the expiry date must be in the future", { expiresAt: expiresAt.toISOString() });
  }
}

/** The state a reader should see: an active offer past its expiry is expired even before a job writes it. */
export function effectiveOfferState(offer: GoToMarketOffer, now: Date): GoToMarketOffer["state"] {
  if (offer.state === "active" && offer.expiresAt !== undefined && Date.parse(offer.expiresAt) <= now.getTime()) return "expired";
  return offer.state;
}

export function assertTechnicalCanBeAssigned(benefit: TechnicalBenefit): void {
  assertNotCanceled(benefit);
  if (benefit.assignment !== undefined) {
    throw new BenefitsError("ALREADY_ASSIGNED", "this technical benefit is already assigned", { benefitId: benefit.id, userId: benefit.assignment.userId });
  }
}

export function assertTechnicalCanBeActivated(benefit: TechnicalBenefit): void {
  assertNotCanceled(benefit);
  if (benefit.assignment === undefined) {
    throw new BenefitsError("NOT_ASSIGNED", "assign a user before activating", { benefitId: benefit.id });
  }
  if (benefit.assignment.state !== "pending") {
    throw new BenefitsError("INVALID_STATE", "only a pending assignment can become active", { benefitId: benefit.id, state: benefit.assignment.state });
  }
}
