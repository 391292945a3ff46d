import { BenefitsError } from "../errors";
import { assertNotCanceled } from "../rules/lifecycle";
import type { Actor, CloudBenefit, SoftwareBenefit } from "../types";
import type { UseCaseDeps } from "./deps";
import { requireActor, requireBenefit, saveBenefit } from "./shared";

const keysView = (b: SoftwareBenefit | CloudBenefit): unknown => b.keysRevealed ?? null;

/** Revealing keys activates the software benefit (which ends the refund window for its package). Revealing again writes nothing. */
export async function revealSoftwareKeys(deps: UseCaseDeps, actor: Actor, input: { readonly benefitId: string }): Promise<SoftwareBenefit> {
  await requireActor(deps, actor, "assignBenefits");
  const current = await requireBenefit(deps, actor.tenantId, input.benefitId, "software");
  if (current.keysRevealed !== undefined) return current;
  const revealed = { at: deps.now().toISOString(), by: actor.userId };
  return saveBenefit(deps, actor, "software.revealKeys", "software", input.benefitId, undefined, (b) => {
    // Someone revealed them since the read above: theirs stands and nothing is written twice.
    if (b.keysRevealed !== undefined) return b;
    assertNotCanceled(b);
    return { ...b, keysRevealed: revealed };
  }, keysView);
}

export async function revealCloudKeys(deps: UseCaseDeps, actor: Actor, input: { readonly benefitId: string }): Promise<CloudBenefit> {
  await requireActor(deps, actor, "assignBenefits");
  const current = await requireBenefit(deps, actor.tenantId, input.benefitId, "cloud");
  if (current.billing !== "license") {
    throw new BenefitsError("INVALID_STATE", "usage-based subscriptions have no keys: assign yourself instead", { benefitId: current.id });
  }
  if (current.keysRevealed !== undefined) return current;
  const revealed = { at: deps.now().toISOString(), by: actor.userId };
  return saveBenefit(deps, actor, "cloud.revealKeys", "cloud", input.benefitId, undefined, (b) => {
    // Someone revealed them since the read above: theirs stands and nothing is written twice.
    if (b.keysRevealed !== undefined) return b;
    assertNotCanceled(b);
    return { ...b, keysRevealed: revealed };
  }, keysView);
}

/** A usage-based Azure subscription is activated by the admin assigning it to themself; it is then managed in the Azure portal. */
export async function assignCloudToSelf(
  deps: UseCaseDeps,
  actor: Actor,
  input: { readonly benefitId: string; readonly expectedVersion?: number },
): Promise<CloudBenefit> {
  await requireActor(deps, actor, "assignBenefits");
  const assignedAt = deps.now().toISOString();
  return saveBenefit(deps, actor, "cloud.assignSelf", "cloud", input.benefitId, input.expectedVersion, (b) => {
    if (b.billing !== "usage") throw new BenefitsError("INVALID_STATE", "license-based subscriptions are activated with keys", { benefitId: b.id });
    assertNotCanceled(b);
    if (b.assignedTo !== undefined) {
      throw new BenefitsError("ALREADY_ASSIGNED", "this subscription is already assigned", { benefitId: b.id, userId: b.assignedTo.userId });
    }
    return { ...b, assignedTo: { userId: actor.userId, assignedAt } };
  }, (b) => b.assignedTo ?? null);
}
