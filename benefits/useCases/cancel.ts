import { BenefitsError, isBenefitsError } from "../errors";
import { assertCancelAllowed } from "../rules/cancel";
import { assertNotCanceled } from "../rules/lifecycle";
import type { Actor, Benefit, ServiceRequest } from "../types";
import type { UseCaseDeps } from "./deps";
import { contentOf } from "./auditOutbox";
import { changeDocument, referenceNumber, requireActor, type Change } from "./shared";

export interface CancelResult {
  readonly benefit: Benefit;
  readonly request: ServiceRequest;
}

/**
 * A refund is requested through a service request, in three writes:
 * 1. the package records the refund (`refundRequestedBenefitIds`) with If-Match. The package is where a refund and a
 *    key reveal on any of its benefits meet (revealSoftwareKeys records `softwareActivated` there the same way), so
 *    the rules are checked against the latest package and exactly one of two racing operations gets through;
 * 2. the benefit is marked;
 * 3. the service request is created, its id derived from the benefit.
 * A crash after 1 leaves the package blocked for reveals with no refund yet: safe, and asking again (the same card)
 * finishes 2 and 3 without checking the window again, since 1 was the decision. A crash after 2 is finished the same
 * way. Asking again for a benefit already marked (a retry, a double submit, a second admin) finishes that same
 * request and returns it: one refund, one reference. The package write has no audit entry of its own: it guards the
 * benefit's change, which is audited.
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
  // Checked before the package write too, so that an outdated card records nothing anywhere.
  if (input.expectedVersion !== undefined && found.value.version !== input.expectedVersion) {
    throw new BenefitsError("STALE_CARD", "this card is out of date", { id: input.benefitId, currentVersion: found.value.version });
  }

  const now = deps.now();
  await recordRefundOnPackage(deps, actor.tenantId, found.value, now);

  const requestId = `cancel-${input.benefitId}`;
  const reference = referenceNumber(now, deps.newId());
  let change: Change<Benefit>;
  try {
    // No version check here: it was done before the package write, which is the decision. Checking again would let a
    // change in between (a seat assigned) leave the package holding a refund the admin was told did not happen.
    change = await changeDocument(deps.repos.benefits, actor.tenantId, input.benefitId, undefined, (benefit) => {
      assertNotCanceled(benefit);
      return { ...benefit, cancelRequest: { requestId, reference, requestedAt: now.toISOString(), requestedBy: actor.userId } };
    }, { audit: { deps, actor, action: "benefit.requestCancel", view: (b) => b.cancelRequest ?? null } });
  } catch (e) {
    // Lost the race to another request for the same benefit: that one stands, and this call finishes it.
    if (isBenefitsError(e, "INVALID_STATE")) {
      const latest = await deps.repos.benefits.get(actor.tenantId, input.benefitId);
      if (latest?.value.cancelRequest !== undefined) return completeCancellation(deps, actor, latest.value);
    }
    throw e;
  }
  const request = await createCancelRequest(deps, actor, change.after);
  return { benefit: change.after, request };
}

/**
 * The serialization point: check the window and activated software against the package as it is now and record the
 * refund on it with If-Match (a lost race re-reads and re-checks). Already recorded (a retry) writes nothing.
 * The package's other benefits are read once, before: from now on a reveal records itself on the package first, so
 * the list only has to answer for reveals stored before the package kept that record, and those do not change.
 */
async function recordRefundOnPackage(deps: UseCaseDeps, tenantId: string, benefit: Benefit, now: Date): Promise<void> {
  const packageId = benefit.packageId;
  const siblings = (await deps.repos.benefits.list(tenantId)).map((s) => s.value).filter((b) => b.packageId === packageId);
  const packageBenefits = siblings.map((b) => (b.id === benefit.id ? benefit : b));
  try {
    await changeDocument(deps.repos.packages, tenantId, packageId, undefined, (pkg) => {
      const recorded = pkg.refundRequestedBenefitIds ?? [];
      if (recorded.includes(benefit.id)) return pkg;
      assertCancelAllowed(pkg, packageBenefits, benefit, now);
      return { ...pkg, refundRequestedBenefitIds: [...recorded, benefit.id] };
    });
  } catch (e) {
    if (isBenefitsError(e, "NOT_FOUND")) throw new BenefitsError("NOT_FOUND", "the benefit's package is missing", { packageId });
    throw e;
  }
}

/**
 * The benefit is already marked: make sure its service request exists (idempotent by id), written as the person who
 * made the request, at the time they made it.
 */
async function completeCancellation(deps: UseCaseDeps, actor: Actor, benefit: Benefit): Promise<CancelResult> {
  const mark = benefit.cancelRequest;
  if (mark === undefined) throw new BenefitsError("INVALID_STATE", "the benefit carries no cancel request", { benefitId: benefit.id });
  const requester: Actor = { tenantId: actor.tenantId, userId: mark.requestedBy };
  const request = await createCancelRequest(deps, requester, benefit);
  // The mark's audit entry rode in its write: the next write of the benefit or the scheduler copies it to the log.
  return { benefit: contentOf(benefit), request };
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
