import { BenefitsError, isBenefitsError } from "../errors";
import { sameDocument } from "../import/packageDocuments";
import type { DocumentRepository, Stored, TenantScoped } from "../ports";

/**
 * A write whose answer never came back (the connection reset before any status): the store may have applied it or
 * not. Saying "nothing was changed" then is a guess; the document has to be read again before anything is said.
 * A status (429, 503) is an answer: the write was refused.
 */
export function isUnknownOutcome(error: unknown): error is BenefitsError {
  return isBenefitsError(error, "UNAVAILABLE") && error.details.status === undefined;
}

/** The refusal people get when even the re-read fails: it may have been saved, so they must look before retrying. */
export function outcomeUnknown(id: string): BenefitsError {
  return new BenefitsError("UNAVAILABLE", "The store stopped answering during the write; it may have been applied.", { id, outcome: "unknown" });
}

/**
 * A task of several writes failed after its first write was committed: a store failure (it can be retried) becomes
 * "partly done, try again to finish", anything else (a refusal) is passed on as it is.
 */
export function partlyDone(error: unknown): unknown {
  if (!isBenefitsError(error) || (error.code !== "UNAVAILABLE" && error.code !== "THROTTLED")) return error;
  return new BenefitsError("UNAVAILABLE", "The store failed after part of the task was saved.", { ...error.details, outcome: "partial" });
}

function content<T extends TenantScoped>(doc: T): unknown {
  const { outbox: _pending, ...rest } = doc as T & { outbox?: unknown };
  return rest;
}

async function reread<T extends TenantScoped>(repo: DocumentRepository<T>, tenantId: string, id: string): Promise<Stored<T> | undefined> {
  try {
    return await repo.get(tenantId, id);
  } catch (error) {
    if (isBenefitsError(error)) throw outcomeUnknown(id);
    throw error;
  }
}

/**
 * After a replace of `written` over the version with `etag` failed without an answer: the stored document when it is
 * ours, "notApplied" when the store still holds the version we replaced, "moved" when someone else wrote since.
 */
export async function settleReplace<T extends TenantScoped>(repo: DocumentRepository<T>, written: T, etag: string): Promise<Stored<T> | "notApplied" | "moved"> {
  const stored = await reread(repo, written.tenantId, written.id);
  if (stored === undefined) return "moved";
  if (stored.etag === etag) return "notApplied";
  return sameDocument(content(stored.value), content(written)) ? stored : "moved";
}

/** After a create of `doc` (a deterministic id) failed without an answer: the stored document when ours got in, else "notApplied" or "other". */
export async function settleCreate<T extends TenantScoped>(repo: DocumentRepository<T>, doc: T): Promise<Stored<T> | "notApplied" | "other"> {
  const stored = await reread(repo, doc.tenantId, doc.id);
  if (stored === undefined) return "notApplied";
  return sameDocument(content(stored.value), content(doc)) ? stored : "other";
}

/**
 * Creates `doc`; when the answer is lost, reads it back by its id: ours is there (done), nothing is there (the
 * original UNAVAILABLE, true: nothing was changed), or another document holds the id (ALREADY_EXISTS, as the store
 * would have said).
 */
export async function createSettled<T extends TenantScoped>(repo: DocumentRepository<T>, doc: T): Promise<Stored<T>> {
  try {
    return await repo.create(doc);
  } catch (error) {
    if (!isUnknownOutcome(error)) throw error;
    const settled = await settleCreate(repo, doc);
    if (settled === "notApplied") throw error;
    if (settled === "other") throw new BenefitsError("ALREADY_EXISTS", "A document with this id already exists.", { id: doc.id });
    return settled;
  }
}
