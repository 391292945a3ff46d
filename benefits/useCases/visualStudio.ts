import { BenefitsError } from "../errors";
import { assertNotCanceled } from "../rules/lifecycle";
import { assertCanAssignSeat, isAssigned } from "../rules/seats";
import type { Actor, VisualStudioBenefit } from "../types";
import type { UseCaseDeps } from "./deps";
import { requireActor, requireDirectoryUser, saveBenefit } from "./shared";

export interface SeatInput {
  readonly benefitId: string;
  readonly userId: string;
  readonly expectedVersion?: number;
}

export async function assignVisualStudioSeat(deps: UseCaseDeps, actor: Actor, input: SeatInput): Promise<VisualStudioBenefit> {
  await requireActor(deps, actor, "assignBenefits");
  await requireDirectoryUser(deps, actor.tenantId, input.userId);
  const now = deps.now().toISOString();
  return saveBenefit(deps, actor, "visualStudio.assign", "visualStudio", input.benefitId, input.expectedVersion, (vs) => {
    assertNotCanceled(vs);
    assertCanAssignSeat(vs, input.userId);
    return { ...vs, assignments: [...vs.assignments, { userId: input.userId, assignedAt: now, assignedBy: actor.userId }] };
  }, seatsView);
}

export async function removeVisualStudioSeat(deps: UseCaseDeps, actor: Actor, input: SeatInput): Promise<VisualStudioBenefit> {
  await requireActor(deps, actor, "assignBenefits");
  return saveBenefit(deps, actor, "visualStudio.remove", "visualStudio", input.benefitId, input.expectedVersion, (vs) => {
    assertNotCanceled(vs);
    if (!isAssigned(vs, input.userId)) throw new BenefitsError("NOT_ASSIGNED", "this user holds no seat of this subscription", { userId: input.userId });
    return { ...vs, assignments: vs.assignments.filter((a) => a.userId !== input.userId) };
  }, seatsView);
}

export interface ReassignInput {
  readonly benefitId: string;
  readonly fromUserId: string;
  readonly toUserId: string;
  readonly expectedVersion?: number;
}

/** Remove then assign in one write, so the seat is never lost to someone else in between. */
export async function reassignVisualStudioSeat(deps: UseCaseDeps, actor: Actor, input: ReassignInput): Promise<VisualStudioBenefit> {
  await requireActor(deps, actor, "assignBenefits");
  if (input.fromUserId === input.toUserId) {
    throw new BenefitsError("INVALID_INPUT", "a seat is reassigned to someone else", { field: "toUserId", userId: input.toUserId });
  }
  await requireDirectoryUser(deps, actor.tenantId, input.toUserId);
  const now = deps.now().toISOString();
  return saveBenefit(deps, actor, "visualStudio.reassign", "visualStudio", input.benefitId, input.expectedVersion, (vs) => {
    assertNotCanceled(vs);
    if (!isAssigned(vs, input.fromUserId)) throw new BenefitsError("NOT_ASSIGNED", "this user holds no seat of this subscription", { userId: input.fromUserId });
    const released = { ...vs, assignments: vs.assignments.filter((a) => a.userId !== input.fromUserId) };
    assertCanAssignSeat(released, input.toUserId);
    return { ...released, assignments: [...released.assignments, { userId: input.toUserId, assignedAt: now, assignedBy: actor.userId }] };
  }, seatsView);
}

function seatsView(vs: VisualStudioBenefit): unknown {
  return vs.assignments.map((a) => a.userId);
}
