import { BenefitsError, isBenefitsError } from "../errors";
import type { BenefitRequest, SentCardRef } from "../requestTypes";
import { assertAlternateEmailDiffers } from "../rules/contacts";
import { assertNotCanceled, assertTechnicalCanBeAssigned } from "../rules/lifecycle";
import { assertCanAssignSeat } from "../rules/seats";
import type { Actor } from "../types";
import type { UseCaseDeps } from "./deps";
import { createAudited } from "./auditOutbox";
import { partlyDone } from "./unknownOutcome";
import { changeDocument, isCategory, requireActor, requireDirectoryUser } from "./shared";
import { assignTechnicalBenefit } from "./technical";
import { assignVisualStudioSeat } from "./visualStudio";

export interface BenefitRequestInput {
  readonly benefitId: string;
  readonly reason: string;
  readonly alternateEmail?: string;
  readonly requesterLocale: "en" | "fr";
  /**
   * The request form's own id, chosen when the form was shown: the request's id derives from it, so a double or
   * replayed "Send" creates one request (the second create meets the first) and can find it again.
   */
  readonly submissionId?: string;
}

/** The id of the request a form submission creates; the requester is part of it so no one reaches another's request. */
export function submittedRequestId(actor: Actor, submissionId: string): string {
  return `req-${submissionId}-${actor.userId.slice(0, 8)}`;
}

/** The request a form submission already created, if any (only the actor's own, for the same form). */
export async function findSubmittedRequest(deps: UseCaseDeps, actor: Actor, submissionId: string): Promise<BenefitRequest | undefined> {
  const found = (await deps.repos.benefitRequests.get(actor.tenantId, submittedRequestId(actor, submissionId)))?.value;
  return found?.requesterId === actor.userId ? found : undefined;
}

/** Any directory member may ask; the request is checked against the same rules an assignment would meet. */
export async function requestBenefit(deps: UseCaseDeps, actor: Actor, input: BenefitRequestInput): Promise<BenefitRequest> {
  const requester = await requireDirectoryUser(deps, actor.tenantId, actor.userId);
  const benefit = (await deps.repos.benefits.get(actor.tenantId, input.benefitId))?.value;
  if (benefit === undefined || !(isCategory(benefit, "visualStudio") || isCategory(benefit, "technical"))) {
    throw new BenefitsError("NOT_FOUND", "no such benefit to request", { benefitId: input.benefitId });
  }
  assertNotCanceled(benefit);
  if (isCategory(benefit, "visualStudio")) assertCanAssignSeat(benefit, actor.userId);
  if (isCategory(benefit, "technical")) {
    assertTechnicalCanBeAssigned(benefit);
    if (input.alternateEmail !== undefined) assertAlternateEmailDiffers(requester.email, input.alternateEmail);
  }
  const open = await pendingRequestsOf(deps, actor);
  if (open.some((r) => r.benefitId === benefit.id)) {
    throw new BenefitsError("ALREADY_EXISTS", "a request for this benefit is already waiting for an admin", { benefitId: benefit.id });
  }
  const doc: BenefitRequest = {
    type: "benefitRequest",
    id: input.submissionId === undefined ? `req-${deps.newId()}` : submittedRequestId(actor, input.submissionId),
    tenantId: actor.tenantId,
    version: 0,
    benefitId: benefit.id,
    category: benefit.category,
    benefitName: benefit.name,
    requesterId: actor.userId,
    requesterLocale: input.requesterLocale,
    reason: input.reason.trim(),
    alternateEmail: input.alternateEmail?.trim(),
    state: "pending",
    createdAt: deps.now().toISOString(),
    adminCards: [],
  };
  return createAudited(deps.repos.benefitRequests, doc, { deps, actor, action: "benefitRequest.create", before: null, after: doc });
}

export async function pendingRequestsOf(deps: UseCaseDeps, actor: Actor): Promise<BenefitRequest[]> {
  const all = (await deps.repos.benefitRequests.list(actor.tenantId)).map((s) => s.value);
  return all.filter((r) => r.requesterId === actor.userId && r.state === "pending");
}

export async function getBenefitRequest(deps: UseCaseDeps, tenantId: string, requestId: string): Promise<BenefitRequest> {
  const found = (await deps.repos.benefitRequests.get(tenantId, requestId))?.value;
  if (found === undefined) throw new BenefitsError("NOT_FOUND", "no such request", { id: requestId });
  return found;
}

const RECORD_ATTEMPTS = 5;

export interface SentRequestCards {
  readonly adminCards: readonly SentCardRef[];
  readonly requesterCard?: SentCardRef;
  readonly refreshAudience?: { readonly userIds: readonly string[]; readonly unlisted: number };
}

/**
 * Where the admin cards (and the requester's own view) went, and whom Teams refreshes them for. Written with If-Match
 * but without a new version: the cards already sent stay current.
 */
export async function recordRequestCards(deps: UseCaseDeps, tenantId: string, requestId: string, sent: SentRequestCards): Promise<BenefitRequest> {
  for (let attempt = 1; ; attempt++) {
    const current = await deps.repos.benefitRequests.get(tenantId, requestId);
    if (current === undefined) throw new BenefitsError("NOT_FOUND", "no such request", { id: requestId });
    const recorded: BenefitRequest = {
      ...current.value,
      adminCards: [...current.value.adminCards, ...sent.adminCards],
      requesterCard: sent.requesterCard ?? current.value.requesterCard,
      refreshAudience: sent.refreshAudience === undefined ? current.value.refreshAudience : { userIds: [...sent.refreshAudience.userIds], unlisted: sent.refreshAudience.unlisted },
    };
    try {
      return (await deps.repos.benefitRequests.replace(recorded, current.etag)).value;
    } catch (e) {
      if (!isBenefitsError(e, "CONFLICT") || attempt >= RECORD_ATTEMPTS) throw e;
    }
  }
}

function assertPending(request: BenefitRequest): void {
  if (request.state !== "pending") {
    throw new BenefitsError("INVALID_STATE", "this request was already decided", { id: request.id, state: request.state, decidedBy: request.decidedBy });
  }
}

/** Only a global admin decides, and only while the request is pending (a second click finds it decided). */
export async function requireDecidable(deps: UseCaseDeps, actor: Actor, requestId: string, expectedVersion?: number): Promise<BenefitRequest> {
  await requireActor(deps, actor, "assignBenefits");
  const request = await getBenefitRequest(deps, actor.tenantId, requestId);
  assertPending(request);
  if (expectedVersion !== undefined && request.version !== expectedVersion) {
    throw new BenefitsError("STALE_CARD", "this card is out of date", { id: requestId, currentVersion: request.version });
  }
  return request;
}

export interface ApproveInput {
  readonly requestId: string;
  readonly expectedVersion?: number;
  /** For a technical benefit when the employee gave none, or to correct theirs. */
  readonly alternateEmail?: string;
}

/**
 * Claims the decision with a conditional write (two admins approving at once: one wins, the other finds it decided),
 * then assigns through the admin use cases, so every seat and email rule applies. If the assignment is refused (no
 * seat left) or fails, the claim is released (and audited) and the request is pending again. An approval left
 * unfinished (claimed, nobody assigned: the assignment and the release both failed, or the claim's reply was lost and
 * its retry found the request decided) is shown as pending, never as done, and the next Approve finishes it (see
 * mayFinish for whose).
 */
export async function approveBenefitRequest(deps: UseCaseDeps, actor: Actor, input: ApproveInput): Promise<BenefitRequest> {
  try {
    return await claimAndAssign(deps, actor, input);
  } catch (e) {
    // A claim stored although its answer was lost, or one whose assignment failed, reads as "decided" or "changed".
    if (!isBenefitsError(e, "INVALID_STATE") && !isBenefitsError(e, "STALE_CARD")) throw e;
    const found = await getBenefitRequest(deps, actor.tenantId, input.requestId);
    if (!mayFinish(deps, actor, found) || !(await isUnfinishedApproval(deps, found))) throw e;
    return finishAssignment(deps, actor, found);
  }
}

/**
 * The approving admin may finish their own approval at once; anyone else only once its own click can no longer be
 * assigning (two admins approving at the same moment: the second finds it decided, it does not assign alongside).
 */
const OTHERS_FINISH_AFTER_MS = 60_000;

function mayFinish(deps: UseCaseDeps, actor: Actor, request: BenefitRequest): boolean {
  if (request.decidedBy === actor.userId) return true;
  const decidedAt = request.decidedAt === undefined ? Number.NaN : Date.parse(request.decidedAt);
  return deps.now().getTime() - decidedAt >= OTHERS_FINISH_AFTER_MS;
}

/**
 * Assigns what an unfinished approval claimed. A refusal (no seat left now) releases the claim, so the request is
 * truthfully pending again; a store failure keeps it claimed (another click may be assigning) and asks to try again.
 */
async function finishAssignment(deps: UseCaseDeps, actor: Actor, approved: BenefitRequest): Promise<BenefitRequest> {
  try {
    await assign(deps, actor, approved, approved.alternateEmail);
  } catch (e) {
    if (!isBenefitsError(e, "ALREADY_ASSIGNED")) {
      if (isStoreFailure(e)) throw partlyDone(e);
      await releaseOrPartlyDone(deps, actor, approved, approved.version, e);
    }
  }
  return markAssigned(deps, approved);
}

function isStoreFailure(error: unknown): boolean {
  return !isBenefitsError(error) || error.code === "UNAVAILABLE" || error.code === "THROTTLED";
}

async function assign(deps: UseCaseDeps, actor: Actor, request: BenefitRequest, alternateEmail: string | undefined): Promise<void> {
  if (request.category === "visualStudio") {
    await assignVisualStudioSeat(deps, actor, { benefitId: request.benefitId, userId: request.requesterId });
  } else if (alternateEmail !== undefined) {
    await assignTechnicalBenefit(deps, actor, { benefitId: request.benefitId, userId: request.requesterId, alternateEmail });
  }
}

async function claimAndAssign(deps: UseCaseDeps, actor: Actor, input: ApproveInput): Promise<BenefitRequest> {
  const request = await requireDecidable(deps, actor, input.requestId, input.expectedVersion);
  const alternateEmail = input.alternateEmail ?? request.alternateEmail;
  if (request.category === "technical") {
    if (alternateEmail === undefined) throw new BenefitsError("INVALID_INPUT", "an alternate email is needed to assign a technical benefit", { field: "alternateEmail" });
    const requester = await requireDirectoryUser(deps, actor.tenantId, request.requesterId);
    assertAlternateEmailDiffers(requester.email, alternateEmail);
  }
  const claimed = await decide(deps, actor, "benefitRequest.approve", request, { state: "approved", alternateEmail, assigning: true });
  await assignOrRelease(deps, actor, request, claimed, alternateEmail);
  return markAssigned(deps, claimed);
}

/** Whether the requester holds what they asked for (an approval whose assignment was stored). */
async function requesterHolds(deps: UseCaseDeps, request: BenefitRequest): Promise<boolean> {
  const benefit = (await deps.repos.benefits.get(request.tenantId, request.benefitId))?.value;
  if (benefit?.category === "visualStudio") return benefit.assignments.some((a) => a.userId === request.requesterId);
  if (benefit?.category === "technical") return benefit.assignment?.userId === request.requesterId;
  // The benefit is gone or of another kind: there is nothing left to assign, and nothing to finish.
  return true;
}

/** Approved, its assignment not known to be stored, and the requester holds nothing: the approval is not done yet. */
export async function isUnfinishedApproval(deps: UseCaseDeps, request: BenefitRequest): Promise<boolean> {
  return request.state === "approved" && request.assigning === true && !(await requesterHolds(deps, request));
}

/**
 * The request as anyone may be told about it: an unfinished approval is not "approved" yet. It shows as pending, so
 * its card still offers Approve, and that click finishes it.
 */
export async function shownRequest(deps: UseCaseDeps, request: BenefitRequest): Promise<BenefitRequest> {
  if (!(await isUnfinishedApproval(deps, request))) return request;
  return { ...request, state: "pending", decidedBy: undefined, decidedAt: undefined };
}

/** The stored request as it may be shown (see shownRequest); NOT_FOUND when there is none in the tenant. */
export async function getShownRequest(deps: UseCaseDeps, tenantId: string, requestId: string): Promise<BenefitRequest> {
  return shownRequest(deps, await getBenefitRequest(deps, tenantId, requestId));
}

/**
 * The approval is done: the mark is dropped with If-Match and without a new version (the cards sent stay current). A
 * failure here changes nothing anyone is told: with the requester holding the benefit the approval reads as finished.
 */
async function markAssigned(deps: UseCaseDeps, approved: BenefitRequest): Promise<BenefitRequest> {
  const { assigning: _done, ...finished } = approved;
  try {
    const current = await deps.repos.benefitRequests.get(approved.tenantId, approved.id);
    if (current === undefined || current.value.version !== approved.version || current.value.assigning !== true) return finished;
    const { assigning: _mark, ...unmarked } = current.value;
    await deps.repos.benefitRequests.replace(unmarked, current.etag);
  } catch (e) {
    if (!isBenefitsError(e)) throw e;
  }
  return finished;
}

async function assignOrRelease(deps: UseCaseDeps, actor: Actor, request: BenefitRequest, claimed: BenefitRequest, alternateEmail: string | undefined): Promise<void> {
  try {
    await assign(deps, actor, request, alternateEmail);
  } catch (e) {
    // Already holding it is what the employee asked for: the approval stands.
    if (isBenefitsError(e, "ALREADY_ASSIGNED")) return;
    // Any failure, coded or not, must not leave the request claimed with nobody assigning it. Should the assignment
    // have been stored after all (a lost reply), approving again finds it held and the approval stands.
    await releaseOrPartlyDone(deps, actor, request, claimed.version, e);
  }
}

/** Releases the claim and passes on why the assignment failed; a failed release leaves an unfinished approval. */
async function releaseOrPartlyDone(deps: UseCaseDeps, actor: Actor, request: BenefitRequest, claimedVersion: number, why: unknown): Promise<never> {
  try {
    await releaseClaim(deps, actor, request, claimedVersion);
  } catch (releaseError) {
    // Left approved with nobody assigned: "nothing was changed" would be false; approving again completes it.
    throw partlyDone(releaseError);
  }
  throw why;
}

async function releaseClaim(deps: UseCaseDeps, actor: Actor, request: BenefitRequest, claimedVersion: number): Promise<void> {
  await changeDocument(deps.repos.benefitRequests, actor.tenantId, request.id, claimedVersion, (r): BenefitRequest => ({
    ...r,
    state: "pending",
    decidedBy: undefined,
    decidedAt: undefined,
    assigning: undefined,
    alternateEmail: request.alternateEmail,
  }), { audit: { deps, actor, action: "benefitRequest.release", view: (r) => r.state } });
}

export async function declineBenefitRequest(
  deps: UseCaseDeps,
  actor: Actor,
  input: { readonly requestId: string; readonly expectedVersion?: number; readonly reason: string },
): Promise<BenefitRequest> {
  const request = await requireDecidable(deps, actor, input.requestId, input.expectedVersion);
  return decide(deps, actor, "benefitRequest.decline", request, { state: "declined", declineReason: input.reason.trim() });
}

async function decide(
  deps: UseCaseDeps,
  actor: Actor,
  action: string,
  request: BenefitRequest,
  decision: Pick<BenefitRequest, "state" | "alternateEmail" | "declineReason" | "assigning">,
): Promise<BenefitRequest> {
  const now = deps.now().toISOString();
  const { after } = await changeDocument(deps.repos.benefitRequests, actor.tenantId, request.id, request.version, (r) => {
    assertPending(r);
    return { ...r, ...decision, decidedBy: actor.userId, decidedAt: now };
  }, { audit: { deps, actor, action, view: (r) => r.state } });
  return after;
}

/** The requests waiting for a global admin (unfinished approvals included), oldest first. */
export async function listPendingBenefitRequests(deps: UseCaseDeps, actor: Actor): Promise<BenefitRequest[]> {
  await requireActor(deps, actor, "assignBenefits");
  const all = (await deps.repos.benefitRequests.list(actor.tenantId)).map((s) => s.value);
  // Unfinished approvals are listed too: they show as pending, and Approve finishes them.
  const open = await Promise.all(all.filter((r) => r.state === "pending" || r.assigning === true).map((r) => shownRequest(deps, r)));
  return open.filter((r) => r.state === "pending").sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
