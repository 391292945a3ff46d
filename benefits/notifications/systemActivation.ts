import { BenefitsError } from "../errors";
import type { Actor, GoToMarketOffer, TechnicalBenefit } from "../types";
import type { UseCaseDeps } from "../useCases/deps";
import { activateOffer } from "../useCases/goToMarket";
import { saveBenefit, type MayAct } from "../useCases/shared";
import { activateTechnicalBenefit } from "../useCases/technical";

/**
 * Activations that no person performs: an integration's authenticated event, or the local demo switch. They go through
 * the admin's use cases (same lifecycle rules, same audit view); the audit entry names the system actor instead of a person.
 */
export const SYSTEM_ACTORS = { events: "system:events", demo: "system:demo", scheduler: "system:scheduler" } as const;
export type SystemActorId = (typeof SYSTEM_ACTORS)[keyof typeof SYSTEM_ACTORS];

const SYSTEM_ACTOR_IDS: readonly string[] = Object.values(SYSTEM_ACTORS);

function systemActor(tenantId: string, actorId: SystemActorId): Actor {
  return { tenantId, userId: actorId };
}

/** A system actor has no directory roles: its caller authenticated it. A person's id never passes here. */
const systemActorsOnly: MayAct = async (_deps, actor) => {
  if (!SYSTEM_ACTOR_IDS.includes(actor.userId)) {
    throw new BenefitsError("NOT_AUTHORIZED", "only the system activates without a role", { userId: actor.userId });
  }
};

export async function activateOfferAsSystem(
  deps: UseCaseDeps,
  input: { readonly tenantId: string; readonly benefitId: string; readonly expiresAt: Date; readonly actorId: SystemActorId },
): Promise<GoToMarketOffer> {
  const actor = systemActor(input.tenantId, input.actorId);
  return activateOffer(deps, actor, { benefitId: input.benefitId, expiresAt: input.expiresAt }, systemActorsOnly);
}

export async function activateTechnicalAsSystem(
  deps: UseCaseDeps,
  input: { readonly tenantId: string; readonly benefitId: string; readonly actorId: SystemActorId },
): Promise<TechnicalBenefit> {
  const actor = systemActor(input.tenantId, input.actorId);
  // The events API answers a repeated activation with 409 (docs/notifications.md), so a replay is refused here.
  return activateTechnicalBenefit(deps, actor, { benefitId: input.benefitId }, systemActorsOnly, "refuse");
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
