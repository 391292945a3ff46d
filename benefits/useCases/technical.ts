import { assertAlternateEmailDiffers } from "../rules/contacts";
import { assertNotCanceled, assertTechnicalCanBeActivated, assertTechnicalCanBeAssigned } from "../rules/lifecycle";
import { BenefitsError } from "../errors";
import type { Actor, ServiceRequest, TechnicalBenefit } from "../types";
import { ASSISTANCE_PHASES } from "../types";
import type { UseCaseDeps } from "./deps";
import { createAudited } from "./auditOutbox";
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

function assignmentView(b: TechnicalBenefit): unknown {
  return b.assignment ?? null;
}
