import { isBenefitsError } from "../errors";
import type { Benefit } from "../types";
import type { UseCaseDeps } from "../useCases/deps";
import { activateOfferAsSystem, activateTechnicalAsSystem, SYSTEM_ACTORS } from "./systemActivation";

const DEMO_OFFER_VALIDITY_MS = 365 * 24 * 60 * 60 * 1000;

export interface DemoActivation {
  readonly kind: "offer" | "technical";
  readonly benefitId: string;
}

/** Pure: the pending offers and technical assignments that have waited `delayMs` or more. */
export function dueDemoActivations(benefits: readonly Benefit[], now: Date, delayMs: number): DemoActivation[] {
  const waitedLongEnough = (since: string | undefined) => since !== undefined && Date.parse(since) + delayMs <= now.getTime();
  const due: DemoActivation[] = [];
  for (const benefit of benefits) {
    if (benefit.cancelRequest !== undefined) continue;
    if (benefit.category === "goToMarket" && benefit.state === "pending" && waitedLongEnough(benefit.requestedAt)) {
      due.push({ kind: "offer", benefitId: benefit.id });
    }
    if (benefit.category === "technical" && benefit.assignment?.state === "pending" && waitedLongEnough(benefit.assignment.assignedAt)) {
      due.push({ kind: "technical", benefitId: benefit.id });
    }
  }
  return due;
}

/**
 * Local demo only: plays Microsoft's part, which takes days in real life, so a newcomer sees the activation
 * notification arrive. Offers get a one-year validity.
 */
export async function runDemoActivations(deps: UseCaseDeps, tenantId: string, delayMs: number): Promise<number> {
  const benefits = (await deps.repos.benefits.list(tenantId)).map((b) => b.value);
  const due = dueDemoActivations(benefits, deps.now(), delayMs);
  let activated = 0;
  for (const item of due) {
    try {
      await activateDemoItem(deps, tenantId, item);
      activated++;
    } catch (error) {
      // An admin activated it in chat meanwhile: the demo has nothing left to do for it.
      if (!isBenefitsError(error, "INVALID_STATE")) throw error;
    }
  }
  return activated;
}

async function activateDemoItem(deps: UseCaseDeps, tenantId: string, item: DemoActivation): Promise<void> {
  if (item.kind === "offer") {
    const expiresAt = new Date(deps.now().getTime() + DEMO_OFFER_VALIDITY_MS);
    await activateOfferAsSystem(deps, { tenantId, benefitId: item.benefitId, expiresAt, actorId: SYSTEM_ACTORS.demo });
  } else {
    await activateTechnicalAsSystem(deps, { tenantId, benefitId: item.benefitId, actorId: SYSTEM_ACTORS.demo });
  }
}
