import { BenefitsError, isBenefitsError } from "../errors";
import type { Stored } from "../ports";
import type { Tombstone } from "../types";
import { auditEntry, type Audited, type AuditNote } from "./auditOutbox";
import { isUnknownOutcome } from "./unknownOutcome";

export type Removable = Audited & { readonly type: string };

/**
 * Removes the document at the version that was checked, so that no crash can separate the removal from its audit
 * entry: one If-Match write replaces it with a tombstone carrying the entry (and any entry an earlier change left
 * waiting), then deleting the tombstone copies the entries to the log. A crash after the first write leaves the
 * tombstone to the scheduler's sweep (sweepAuditOutbox). The removal is a version of its own, so its entry's id never
 * collides with the one of the document's last change.
 * False when the document changed since it was read (or is gone): nothing was removed, the caller reads again.
 */
export async function removeAudited(
  stored: Stored<Removable>,
  note: AuditNote & { readonly before: unknown; readonly after: unknown },
): Promise<boolean> {
  const doc = stored.value;
  const removal = { id: doc.id, tenantId: doc.tenantId, version: doc.version + 1 };
  const tombstone: Tombstone = {
    type: "tombstone",
    ...removal,
    of: doc.type,
    outbox: [...(doc.outbox ?? []), auditEntry(note, removal, note.before, note.after)],
  };
  let buried: Stored<Tombstone>;
  try {
    buried = await buryResolved(note, tombstone, stored.etag);
  } catch (error) {
    if (isBenefitsError(error, "CONFLICT") || isBenefitsError(error, "NOT_FOUND")) return false;
    throw error;
  }
  await clearTombstone(note, buried);
  return true;
}

/** A bury whose answer was lost is read back: a tombstone of this removal is there (done), or not (read again). */
async function buryResolved(note: AuditNote, tombstone: Tombstone, etag: string): Promise<Stored<Tombstone>> {
  const { tombstones } = note.deps.repos;
  try {
    return await tombstones.bury(tombstone, etag);
  } catch (error) {
    if (!isUnknownOutcome(error)) throw error;
    const found = await tombstones.get(tombstone.tenantId, tombstone.id);
    // Another tombstone at this version can only be a concurrent removal of the same version: the same removal.
    if (found !== undefined && found.value.version === tombstone.version) return found;
    throw new BenefitsError("CONFLICT", "The document changed since it was read.", { id: tombstone.id });
  }
}

/**
 * Deletes the tombstone, which first copies its entries to the log (a delete never drops pending entries, see
 * DocumentRepository.delete). The removal is committed already: a coded store failure leaves the tombstone for the
 * sweep (the pending-audit query finds every tombstone), never an error for the person.
 */
export async function clearTombstone(note: Pick<AuditNote, "deps">, stored: Stored<Tombstone>): Promise<void> {
  try {
    await note.deps.repos.tombstones.delete(stored.value.tenantId, stored.value.id, stored.etag);
  } catch (error) {
    if (!isBenefitsError(error)) throw error;
  }
}

/** The sweep's part: a tombstone a crash left behind. True when it is gone now. */
export async function clearStoredTombstone(note: Pick<AuditNote, "deps">, tenantId: string, id: string): Promise<boolean> {
  const stored = await note.deps.repos.tombstones.get(tenantId, id);
  if (stored === undefined) return false;
  await clearTombstone(note, stored);
  return (await note.deps.repos.tombstones.get(tenantId, id)) === undefined;
}
