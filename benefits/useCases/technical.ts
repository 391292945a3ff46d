import { assertAlternateEmailDiffers, sameEmail } from "../rules/contacts";
import { assertNotCanceled, assertTechnicalCanBeActivated, assertTechnicalCanBeAssigned } from "../rules/lifecycle";
import { BenefitsError } from "../errors";
import type { Actor, ServiceRequest, TechnicalBenefit } from "../types";
import { ASSISTANCE_PHASES, emailSchema } from "../types";
import type { UseCaseDeps } from "./deps";
import { createAudited } from "./auditOutbox";
import { requirePickablePerson } from "./peopleSearch";
import { type ReplayAnswer, referenceNumber, requireActor, requireBenefit, requireDirectoryUser, saveBenefit, withCapability, type MayAct } from "./shared";

export interface AssignTechnicalInput {
  readonly benefitId: string;
  readonly userId: string;
  readonly alternateEmail: string;
  readonly expectedVersion?: number;
}

/** Activation takes Microsoft several days: the assignment starts pending. */
export async function assignTechnicalBenefit(deps: UseCaseDeps, actor: Actor, input: AssignTechnicalInput): Promise<TechnicalBenefit> {
  await requireActor(deps, actor, "assignBenefits");
  const assignee = await requireDirectoryUser(deps, actor.tenantId, input.userId);
  assertAlternateEmailDiffers(assignee.email, input.alternateEmail);
  const now = deps.now().toISOString();
  return saveBenefit(deps, actor, "technical.assign", "technical", input.benefitId, input.expectedVersion, (b) => {
    assertTechnicalCanBeAssigned(b);
    return {
      ...b,
      assignment: { userId: input.userId, alternateEmail: input.alternateEmail.trim(), state: "pending", assignedAt: now, assignedBy: actor.userId },
    };
  }, assignmentView);
}

/**
 * Microsoft activated the assignment. An admin in chat or a system actor (see systemActivation).
 * A replay (a double click, a second admin, a resubmitted card) finds the assignment active and answers with it as it
 * is, writing nothing; `replay: "refuse"` keeps INVALID_STATE for callers whose contract is to say "already done".
 */
export async function activateTechnicalBenefit(
  deps: UseCaseDeps,
  actor: Actor,
  input: { readonly benefitId: string; readonly expectedVersion?: number },
  mayAct: MayAct = withCapability("assignBenefits"),
  replay: ReplayAnswer = "success",
): Promise<TechnicalBenefit> {
  await mayAct(deps, actor);
  const now = deps.now().toISOString();
  return saveBenefit(deps, actor, "technical.activate", "technical", input.benefitId, input.expectedVersion, (b) => {
    assertTechnicalCanBeActivated(b);
    const assignment = b.assignment;
    if (assignment === undefined) return b;
    return { ...b, assignment: { ...assignment, state: "active", activatedAt: now } };
  }, assignmentView, replay === "success" ? (b) => b.cancelRequest === undefined && b.assignment?.state === "active" : undefined);
}

export interface AssistanceInput {
  readonly benefitId: string;
  readonly topic: string;
  readonly phase: (typeof ASSISTANCE_PHASES)[number];
  readonly description: string;
}

/** Advisory hours and presales/deployment services are used through a request with a reference number. */
export async function requestAssistance(deps: UseCaseDeps, actor: Actor, input: AssistanceInput): Promise<ServiceRequest> {
  await requireActor(deps, actor, "assignBenefits");
  const benefit = await requireBenefit(deps, actor.tenantId, input.benefitId, "technical");
  assertNotCanceled(benefit);
  if (benefit.kind === "supportIncidents") {
    throw new BenefitsError("INVALID_STATE", "support incidents are opened with Microsoft support, not through an assistance request", { benefitId: benefit.id });
  }
  const now = deps.now();
  const id = `assist-${deps.newId()}`;
  const request: ServiceRequest = {
    type: "serviceRequest",
    id,
    tenantId: actor.tenantId,
    version: 0,
    kind: "assistance",
    reference: referenceNumber(now, id.slice("assist-".length)),
    createdAt: now.toISOString(),
    createdBy: actor.userId,
    benefitId: benefit.id,
    topic: input.topic.trim(),
    phase: input.phase,
    description: input.description.trim(),
  };
  return createAudited(deps.repos.serviceRequests, request, { deps, actor, action: "technical.requestAssistance", before: null, after: request });
}

export interface RemoveHolderInput {
  readonly benefitId: string;
  /** The holder the admin saw on the card: only they are removed, never whoever holds it by the time of the click. */
  readonly userId: string;
  readonly expectedVersion?: number;
}

/**
 * The holder loses the benefit (typically someone who left): it is free to assign again. A replay (a double click, a
 * second admin) finds it free and writes nothing, even from an outdated card; held by someone else by then, the card
 * is out of date (or, with no version, NOT_ASSIGNED): nobody else's assignment is removed.
 */
export async function removeTechnicalAssignment(deps: UseCaseDeps, actor: Actor, input: RemoveHolderInput): Promise<TechnicalBenefit> {
  await requireActor(deps, actor, "assignBenefits");
  return saveBenefit(deps, actor, "technical.remove", "technical", input.benefitId, input.expectedVersion, (b) => {
    assertNotCanceled(b);
    if (b.assignment?.userId !== input.userId) throw notAssigned(b, input.userId);
    const { assignment: _removed, ...freed } = b;
    return freed;
  }, assignmentView, (b) => b.assignment === undefined);
}

export interface ReassignTechnicalInput {
  readonly benefitId: string;
  readonly fromUserId: string;
  readonly toUserId: string;
  readonly alternateEmail: string;
  readonly expectedVersion?: number;
}

/**
 * Removal and the new assignment in ONE conditional write: there is no moment where the benefit is free (another
 * admin could take it) or held by nobody after a failure, so a failed write means nothing changed and a retry is safe.
 * The new assignment starts pending, like every assignment: Microsoft mails the new person's instructions again.
 */
export async function reassignTechnicalBenefit(deps: UseCaseDeps, actor: Actor, input: ReassignTechnicalInput): Promise<TechnicalBenefit> {
  await requireActor(deps, actor, "assignBenefits");
  if (input.fromUserId === input.toUserId) {
    throw new BenefitsError("INVALID_INPUT", "a benefit is reassigned to someone else", { field: "toUserId", userId: input.toUserId });
  }
  const assignee = await requirePickablePerson(deps, actor.tenantId, input.toUserId);
  const alternateEmail = input.alternateEmail.trim();
  if (!emailSchema.safeParse(alternateEmail).success) {
    throw new BenefitsError("INVALID_INPUT", "the alternate email is not a valid address", { field: "alternateEmail" });
  }
  assertAlternateEmailDiffers(assignee.email, alternateEmail);
  const now = deps.now().toISOString();
  return saveBenefit(deps, actor, "technical.reassign", "technical", input.benefitId, input.expectedVersion, (b) => {
    assertNotCanceled(b);
    if (b.assignment?.userId !== input.fromUserId) throw notAssigned(b, input.fromUserId);
    return { ...b, assignment: { userId: input.toUserId, alternateEmail, state: "pending", assignedAt: now, assignedBy: actor.userId } };
  }, assignmentView, (b) => b.cancelRequest === undefined && b.assignment?.userId === input.toUserId && sameEmail(b.assignment.alternateEmail, alternateEmail));
}

function notAssigned(b: TechnicalBenefit, userId: string): BenefitsError {
  return new BenefitsError("NOT_ASSIGNED", "this person does not hold this benefit", { benefitId: b.id, userId });
}

function assignmentView(b: TechnicalBenefit): unknown {
  return b.assignment ?? null;
}
