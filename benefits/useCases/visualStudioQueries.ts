import { BenefitsError } from "../errors";
import { assertNotCanceled } from "../rules/lifecycle";
import { freeSeats } from "../rules/seats";
import type { Actor, DirectoryUser, VisualStudioBenefit } from "../types";
import type { UseCaseDeps } from "./deps";
import { byDisplayName } from "./directory";
import { isCategory, requireActor, requireBenefit } from "./shared";

export interface SeatsView {
  readonly subscriptions: VisualStudioBenefit[];
  readonly users: DirectoryUser[];
}

/** The tenant's Visual Studio subscriptions and its directory, for the admin who assigns seats. */
export async function visualStudioSeats(deps: UseCaseDeps, actor: Actor): Promise<SeatsView> {
  // One read of the tenant, the actor's roles included; nothing of it is handed out before the check below.
  const read = await deps.repos.readTogether(actor.tenantId, ["benefits", "users"]);
  await requireActor(deps, actor, "assignBenefits");
  const users = byDisplayName(read.users.map((s) => s.value));
  const subscriptions = read.benefits
    .map((s) => s.value)
    .filter((b): b is VisualStudioBenefit => isCategory(b, "visualStudio"))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { subscriptions, users };
}

export type SeatPurpose = "assign" | "manage";

/**
 * One subscription of the actor's tenant, checked for what the admin is about to do: a free seat to assign, or an
 * assignment to reassign or remove. `expectedVersion` is the version on the card that started the task.
 */
export async function openVisualStudioSubscription(
  deps: UseCaseDeps,
  actor: Actor,
  input: { readonly benefitId: string; readonly purpose: SeatPurpose; readonly expectedVersion?: number },
): Promise<VisualStudioBenefit> {
  await requireActor(deps, actor, "assignBenefits");
  const subscription = await requireBenefit(deps, actor.tenantId, input.benefitId, "visualStudio");
  if (input.expectedVersion !== undefined && input.expectedVersion !== subscription.version) {
    throw new BenefitsError("STALE_CARD", "this card is out of date", { id: subscription.id, currentVersion: subscription.version });
  }
  assertNotCanceled(subscription);
  if (input.purpose === "assign" && freeSeats(subscription) === 0) {
    throw new BenefitsError("NO_SEATS", "no free seat left on this subscription", { benefitId: subscription.id, seats: subscription.seats });
  }
  if (input.purpose === "manage" && subscription.assignments.length === 0) {
    throw new BenefitsError("NOT_ASSIGNED", "nobody holds a seat of this subscription yet", { benefitId: subscription.id });
  }
  return subscription;
}

/**
 * What a seat task's later steps read by id (the actor's roles, the subscription, the people picked), asked for in one
 * request: the checks that follow still run, each answered from this turn's reads.
 */
export function readSeatTaskAhead(deps: UseCaseDeps, actor: Actor, benefitId: string, userIds: readonly string[]): Promise<void> {
  return deps.repos.readAhead(actor.tenantId, { users: [actor.userId, ...userIds], benefits: [benefitId] });
}
