import { isBenefitsError } from "../errors";
import { SYSTEM_PARTITION, type Lease } from "../notificationTypes";
import type { DocumentRepository } from "../ports";

export const SCHEDULER_LEASE_ID = "scheduler";

/**
 * Takes or renews the scheduler lease for `holder`: true when this holder may send until `now + durationMs`.
 * Every write is conditional (create, or replace with If-Match), so of two instances racing for it exactly one wins.
 */
export async function acquireLease(repo: DocumentRepository<Lease>, holder: string, now: Date, durationMs: number): Promise<boolean> {
  const lease: Lease = {
    type: "lease",
    id: SCHEDULER_LEASE_ID,
    tenantId: SYSTEM_PARTITION,
    version: 0,
    holder,
    expiresAt: new Date(now.getTime() + durationMs).toISOString(),
  };
  try {
    const current = await repo.get(SYSTEM_PARTITION, SCHEDULER_LEASE_ID);
    if (current === undefined) {
      await repo.create(lease);
      return true;
    }
    const heldByOther = current.value.holder !== holder && Date.parse(current.value.expiresAt) > now.getTime();
    if (heldByOther) return false;
    await repo.replace({ ...lease, version: current.value.version + 1 }, current.etag);
    return true;
  } catch (error) {
    if (isBenefitsError(error, "ALREADY_EXISTS") || isBenefitsError(error, "CONFLICT")) return false;
    throw error;
  }
}

/** Lets another instance take over at once (on shutdown) instead of waiting for the lease to expire. */
export async function releaseLease(repo: DocumentRepository<Lease>, holder: string): Promise<void> {
  const current = await repo.get(SYSTEM_PARTITION, SCHEDULER_LEASE_ID);
  if (current === undefined || current.value.holder !== holder) return;
  try {
    await repo.delete(SYSTEM_PARTITION, SCHEDULER_LEASE_ID, current.etag);
  } catch (error) {
    // Someone renewed or took it meanwhile: theirs now, nothing to release.
    if (!isBenefitsError(error, "CONFLICT")) throw error;
  }
}
