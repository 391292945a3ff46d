import { BenefitsError, isBenefitsError } from "../errors";
import { assertCancelAllowed } from "../rules/cancel";
import { can } from "../rules/roles";
import type { Actor, Benefit, BenefitPackage } from "../types";
import type { UseCaseDeps } from "./deps";
import { directoryUser, requireActor } from "./shared";

/** Whether a refund can be requested now: the deadline when it can, the blocking rule (with its deadline) when not. */
export type CancelVerdict = { readonly allowed: true; readonly deadline: Date } | { readonly allowed: false; readonly reason: BenefitsError };

export interface CancelReview {
  readonly benefit: Benefit;
  readonly pkg: BenefitPackage;
  readonly verdict: CancelVerdict;
}

/** Offers are Go-To-Market business; every other benefit is assigned by global admins (the same split requestCancellation makes). */
function capabilityFor(benefit: Benefit) {
  return benefit.category === "goToMarket" ? "manageGoToMarket" : "assignBenefits";
}

function verdictFor(pkg: BenefitPackage, packageBenefits: readonly Benefit[], benefit: Benefit, now: Date): CancelVerdict {
  try {
    return { allowed: true, deadline: assertCancelAllowed(pkg, packageBenefits, benefit, now) };
  } catch (e) {
    if (!isBenefitsError(e)) throw e;
    return { allowed: false, reason: e };
  }
}

/** Every benefit or offer this person may ask a refund for, each with the rule's answer for today. */
export async function cancelCandidates(deps: UseCaseDeps, actor: Actor): Promise<CancelReview[]> {
  const user = await directoryUser(deps, actor.tenantId, actor.userId);
  if (!can(user, "assignBenefits") && !can(user, "manageGoToMarket")) await requireActor(deps, actor, "assignBenefits");
  const [packages, benefits] = await Promise.all([deps.repos.packages.list(actor.tenantId), deps.repos.benefits.list(actor.tenantId)]);
  const all = benefits.map((s) => s.value);
  const now = deps.now();
  const reviews: CancelReview[] = [];
  for (const benefit of all.filter((b) => can(user, capabilityFor(b)))) {
    const pkg = packages.find((p) => p.value.id === benefit.packageId)?.value;
    if (pkg !== undefined) reviews.push({ benefit, pkg, verdict: verdictFor(pkg, all, benefit, now) });
  }
  return reviews.sort((a, b) => a.pkg.name.localeCompare(b.pkg.name) || a.benefit.name.localeCompare(b.benefit.name));
}

/** The refund question for one benefit, as requestCancellation will answer it now. */
export async function reviewCancellation(deps: UseCaseDeps, actor: Actor, benefitId: string): Promise<CancelReview> {
  const found = await deps.repos.benefits.get(actor.tenantId, benefitId);
  if (found === undefined) throw new BenefitsError("NOT_FOUND", "no such benefit", { benefitId });
  await requireActor(deps, actor, capabilityFor(found.value));
  const pkg = (await deps.repos.packages.get(actor.tenantId, found.value.packageId))?.value;
  if (pkg === undefined) throw new BenefitsError("NOT_FOUND", "the benefit's package is missing", { packageId: found.value.packageId });
  const all = (await deps.repos.benefits.list(actor.tenantId)).map((s) => s.value);
  return { benefit: found.value, pkg, verdict: verdictFor(pkg, all, found.value, deps.now()) };
}
