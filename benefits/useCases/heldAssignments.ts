import { BenefitsError } from "../errors";
import { assertNotCanceled } from "../rules/lifecycle";
import type { Actor, Benefit, CloudBenefit, DirectoryUser, TechnicalBenefit } from "../types";
import type { UseCaseDeps } from "./deps";
import { removeCloudAssignment } from "./softwareAndCloud";
import { directoryUser, requireActor } from "./shared";
import { removeTechnicalAssignment } from "./technical";
import type { BenefitRef } from "./technicalSoftwareCloudQueries";

/** What a single person holds and an admin can take away or hand on: a technical benefit, a usage-based Azure subscription. */
export type HeldBenefit = TechnicalBenefit | CloudBenefit;

export interface HeldAssignment {
  readonly benefit: HeldBenefit;
  readonly holderId: string;
  /** Their directory entry (left or not); undefined only if it is gone from the directory altogether. */
  readonly holder: DirectoryUser | undefined;
}

/** License-based Azure is activated with keys and has no holder. */
export function isHeldKind(benefit: Benefit | undefined): benefit is HeldBenefit {
  return benefit?.category === "technical" || (benefit?.category === "cloud" && benefit.billing === "usage");
}

export function holderIdOf(benefit: HeldBenefit): string | undefined {
  return benefit.category === "technical" ? benefit.assignment?.userId : benefit.assignedTo?.userId;
}

/**
 * The benefit behind a Reassign or Remove button and who holds it now, checked as the change will be: the role, the
 * tenant (another tenant's id is not found), the card's version, a refund freezing it, somebody holding it.
 */
export async function openHeldAssignment(deps: UseCaseDeps, actor: Actor, ref: BenefitRef): Promise<HeldAssignment> {
  await requireActor(deps, actor, "assignBenefits");
  const benefit = (await deps.repos.benefits.get(actor.tenantId, ref.benefitId))?.value;
  if (!isHeldKind(benefit)) throw new BenefitsError("NOT_FOUND", "no such benefit", { benefitId: ref.benefitId });
  if (ref.expectedVersion !== undefined && benefit.version !== ref.expectedVersion) {
    throw new BenefitsError("STALE_CARD", "this card is out of date", { id: benefit.id, currentVersion: benefit.version });
  }
  assertNotCanceled(benefit);
  const holderId = holderIdOf(benefit);
  if (holderId === undefined) throw new BenefitsError("NOT_ASSIGNED", "nobody holds this benefit", { benefitId: benefit.id });
  return { benefit, holderId, holder: await directoryUser(deps, actor.tenantId, holderId) };
}

export interface HolderChange {
  readonly benefitId: string;
  readonly category: HeldBenefit["category"];
  readonly userId: string;
  readonly expectedVersion?: number;
}

/** Remove: the holder loses it, whichever kind it is (the use case refuses an id of another kind: not found). */
export function removeHolder(deps: UseCaseDeps, actor: Actor, change: HolderChange): Promise<HeldBenefit> {
  const input = { benefitId: change.benefitId, userId: change.userId, expectedVersion: change.expectedVersion };
  return change.category === "technical" ? removeTechnicalAssignment(deps, actor, input) : removeCloudAssignment(deps, actor, input);
}
