import { BenefitsError, isBenefitsError } from "../errors";
import { assertCancelAllowed } from "../rules/cancel";
import type { Actor, Benefit, ServiceRequest } from "../types";
import type { UseCaseDeps } from "./deps";
import { changeDocument, recordAudit, referenceNumber, requireActor, type Change } from "./shared";

export interface CancelResult {
  readonly benefit: Benefit;
  readonly request: ServiceRequest;
}

/**
 * A refund is requested through a service request. The benefit is marked first (the conditional write is where the
 * rules are checked against the latest state); the request id is derived from the benefit, so a retry after a crash
 * between the two writes completes the request instead of opening a second one. Asking again for a benefit already
 * marked (a retry, a double submit, a second admin) finishes that same request and returns it: one refund, one reference.
 */
export async function requestCancellation(
  deps: UseCaseDeps,
  actor: Actor,
  input: { readonly benefitId: string; readonly expectedVersion?: number },
): Promise<CancelResult> {
  const found = await deps.repos.benefits.get(actor.tenantId, input.benefitId);
  if (found === undefined) throw new BenefitsError("NOT_FOUND", "no such benefit", { benefitId: input.benefitId });
  await requireActor(deps, actor, found.value.category === "goToMarket" ? "manageGoToMarket" : "assignBenefits");
  if (found.value.cancelRequest !== undefined) return completeCancellation(deps, actor, found.value);
  const pkg = (await deps.repos.packages.get(actor.tenantId, found.value.packageId))?.value;
  if (pkg === undefined) throw new BenefitsError("NOT_FOUND", "the benefit's package is missing", { packageId: found.value.packageId });
  const packageBenefits = (await deps.repos.benefits.list(actor.tenantId)).map((s) => s.value).filter((b) => b.packageId === pkg.id);

  const now = deps.now();
  const requestId = `cancel-${input.benefitId}`;
  const reference = referenceNumber(now, deps.newId());
  let change: Change<Benefit>;
  try {
    change = await changeDocument(deps.repos.benefits, actor.tenantId, input.benefitId, input.expectedVersion, (benefit) => {
      const siblings = packageBenefits.map((b) => (b.id === benefit.id ? benefit : b));
      assertCancelAllowed(pkg, siblings, benefit, now);
      return { ...benefit, cancelRequest: { requestId, reference, requestedAt: now.toISOString(), requestedBy: actor.userId } };
    });
  } catch (e) {
    // Lost the race to another request for the same benefit: that one stands, and this call finishes it.
    if (isBenefitsError(e, "INVALID_STATE")) {
      const latest = await deps.repos.benefits.get(actor.tenantId, input.benefitId);
      if (latest?.value.cancelRequest !== undefined) return completeCancellation(deps, actor, latest.value);
    }
    throw e;
  }
  const { before, after } = change;
  const request = await createCancelRequest(deps, actor, after);
  await recordAudit(deps, actor, "benefit.requestCancel", after, before.cancelRequest ?? null, after.cancelRequest ?? null);
  return { benefit: after, request };
}

/**
 * The benefit is already marked: make sure its service request and audit entry exist (both are idempotent by id),
 * written as the person who made the request, at the time they made it.
 */
async function completeCancellation(deps: UseCaseDeps, actor: Actor, benefit: Benefit): Promise<CancelResult> {
  const mark = benefit.cancelRequest;
  if (mark === undefined) throw new BenefitsError("INVALID_STATE", "the benefit carries no cancel request", { benefitId: benefit.id });
  const requester: Actor = { tenantId: actor.tenantId, userId: mark.requestedBy };
  const request = await createCancelRequest(deps, requester, benefit);
  await recordAudit({ ...deps, now: () => new Date(mark.requestedAt) }, requester, "benefit.requestCancel", benefit, null, mark);
  return { benefit, request };
}

async function createCancelRequest(deps: UseCaseDeps, actor: Actor, benefit: Benefit): Promise<ServiceRequest> {
  const mark = benefit.cancelRequest;
  if (mark === undefined) throw new BenefitsError("INVALID_STATE", "the benefit carries no cancel request", { benefitId: benefit.id });
  const request: ServiceRequest = {
    type: "serviceRequest",
    id: mark.requestId,
    tenantId: actor.tenantId,
    version: 0,
    kind: "cancel",
    reference: mark.reference,
    createdAt: mark.requestedAt,
    createdBy: mark.requestedBy,
    benefitId: benefit.id,
  };
  try {
    return (await deps.repos.serviceRequests.create(request)).value;
  } catch (e) {
    if (!isBenefitsError(e, "ALREADY_EXISTS")) throw e;
    const existing = await deps.repos.serviceRequests.get(actor.tenantId, mark.requestId);
    if (existing === undefined) throw e;
    return existing.value;
  }
}
