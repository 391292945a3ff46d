import { assertOfferCanBeActivated, assertTechnicalCanBeActivated } from "../rules/lifecycle";
import type { Actor, GoToMarketOffer, TechnicalBenefit } from "../types";
import type { UseCaseDeps } from "../useCases/deps";
import { saveBenefit } from "../useCases/shared";

/**
 * Activations that no person performs: an integration's authenticated event, or the local demo switch. The same
 * lifecycle rules as the admin's path apply; the audit entry names the system actor instead of a person.
 */
export const SYSTEM_ACTORS = { events: "system:events", demo: "system:demo", scheduler: "system:scheduler" } as const;
export type SystemActorId = (typeof SYSTEM_ACTORS)[keyof typeof SYSTEM_ACTORS];

function systemActor(tenantId: string, actorId: SystemActorId): Actor {
  return { tenantId, userId: actorId };
}

export async function activateOfferAsSystem(
  deps: UseCaseDeps,
  input: { readonly tenantId: string; readonly benefitId: string; readonly expiresAt: Date; readonly actorId: SystemActorId },
): Promise<GoToMarketOffer> {
  const now = deps.now();
  const actor = systemActor(input.tenantId, input.actorId);
  return saveBenefit(deps, actor, "goToMarket.activate", "goToMarket", input.benefitId, undefined, (offer) => {
    assertOfferCanBeActivated(offer, input.expiresAt, now);
    return { ...offer, state: "active", activatedAt: now.toISOString(), expiresAt: input.expiresAt.toISOString() };
  }, (offer) => ({ state: offer.state, expiresAt: offer.expiresAt ?? null }));
}

export async function activateTechnicalAsSystem(
  deps: UseCaseDeps,
  input: { readonly tenantId: string; readonly benefitId: string; readonly actorId: SystemActorId },
): Promise<TechnicalBenefit> {
  const now = deps.now().toISOString();
  const actor = systemActor(input.tenantId, input.actorId);
  return saveBenefit(deps, actor, "technical.activate", "technical", input.benefitId, undefined, (benefit) => {
    assertTechnicalCanBeActivated(benefit);
    const assignment = benefit.assignment;
    if (assignment === undefined) return benefit;
    return { ...benefit, assignment: { ...assignment, state: "active", activatedAt: now } };
  }, (benefit) => benefit.assignment ?? null);
}

/** An active offer past its expiry becomes `expired`; anything else (already expired, renewed, canceled) is left alone. */
export async function expireOffer(deps: UseCaseDeps, tenantId: string, benefitId: string): Promise<GoToMarketOffer> {
  const now = deps.now();
  const actor = systemActor(tenantId, SYSTEM_ACTORS.scheduler);
  return saveBenefit(deps, actor, "goToMarket.expire", "goToMarket", benefitId, undefined, (offer) => {
    const due = offer.state === "active" && offer.expiresAt !== undefined && Date.parse(offer.expiresAt) <= now.getTime();
    return due ? { ...offer, state: "expired" } : offer;
  }, (offer) => ({ state: offer.state }));
}
