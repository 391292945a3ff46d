import { isBenefitsError } from "../errors";
import type { DocumentRepository, Repositories, Stored, TenantScoped } from "../ports";
import type { Actor, AuditEntry } from "../types";
import type { UseCaseDeps } from "./deps";
import { settlePendingAdminChanges } from "./adminSet";
import { clearStoredTombstone } from "./tombstones";
import { createSettled } from "./unknownOutcome";

/** A document that can carry pending audit entries. */
export type Audited = TenantScoped & { readonly version: number; outbox?: AuditEntry[] };

/** Who did what: the audit entry a change carries in its own write. */
export interface AuditNote {
  readonly deps: UseCaseDeps;
  readonly actor: Actor;
  readonly action: string;
}

/** The entry for `target` at its new version. The id is deterministic per change, so copying it twice stores it once. */
export function auditEntry(note: AuditNote, target: Audited, before: unknown, after: unknown): AuditEntry {
  return {
    type: "audit",
    id: `audit:${target.id}:${target.version}`,
    tenantId: note.actor.tenantId,
    version: 0,
    at: note.deps.now().toISOString(),
    actorId: note.actor.userId,
    action: note.action,
    targetId: target.id,
    before,
    after,
  };
}

/** The document as a person sees it in an audit entry: pending entries are bookkeeping, not content. */
export function withoutOutbox<T extends Audited>(doc: T): Omit<T, "outbox"> {
  const { outbox: _pending, ...content } = doc;
  return content;
}

export function withPendingEntry<T extends Audited>(doc: T, entry: AuditEntry): T {
  const pending = (doc.outbox ?? []).filter((e) => e.id !== entry.id);
  return { ...doc, outbox: [...pending, entry] };
}

/**
 * Copies the document's pending entries to the audit log and removes them from it, in one request (create, 409 =
 * already there; the removal is If-Match), leaving the version as it is (the content did not change, so no card
 * becomes outdated). Changes do not call it: each write of a document relays what the one before left (see
 * changeDocument); creations and the scheduler's sweep do.
 * The change is already committed when this runs: a failure here must not turn a done change into an error, so a
 * coded store failure leaves the entries where they are, for the next write of the document or the scheduler's sweep.
 */
export async function relayOutbox<T extends Audited>(_deps: UseCaseDeps, repo: DocumentRepository<T>, stored: Stored<T>): Promise<T> {
  const pending = stored.value.outbox ?? [];
  if (pending.length === 0) return stored.value;
  // The same entries may be relayed by a concurrent writer too: creates are idempotent, and whoever removes them
  // second gets CONFLICT, which leaves nothing behind that the other did not already copy.
  try {
    const cleared = await repo.replace(stored.value, stored.etag, pending);
    return contentOf(cleared.value);
  } catch (error) {
    if (isBenefitsError(error)) return contentOf(stored.value);
    throw error;
  }
}

/** What callers are given: the document without its pending entries, which are the relay's business alone. */
export function contentOf<T extends Audited>(doc: T): T {
  const content: T = { ...doc };
  delete content.outbox;
  return content;
}

/** Creates a document whose creation is audited: the entry is written with it, then relayed. */
export async function createAudited<T extends Audited>(
  repo: DocumentRepository<T>,
  doc: T,
  note: AuditNote & { readonly before: unknown; readonly after: unknown },
): Promise<T> {
  const created = await createSettled(repo, withPendingEntry(doc, auditEntry(note, doc, note.before, note.after)));
  return relayOutbox(note.deps, repo, created);
}

async function relayStored<T extends Audited>(deps: UseCaseDeps, repo: DocumentRepository<T>, tenantId: string, id: string): Promise<boolean> {
  const stored = await repo.get(tenantId, id);
  if (stored === undefined || (stored.value.outbox ?? []).length === 0) return false;
  const relayed = await relayOutbox(deps, repo, stored);
  return (relayed.outbox ?? []).length === 0;
}

function relayByType(deps: UseCaseDeps, repos: Repositories, type: string, tenantId: string, id: string): Promise<boolean> {
  switch (type) {
    case "benefit":
      return relayStored(deps, repos.benefits, tenantId, id);
    case "user":
      return relayStored(deps, repos.users, tenantId, id);
    case "marketingContact":
      return relayStored(deps, repos.marketingContacts, tenantId, id);
    case "serviceRequest":
      return relayStored(deps, repos.serviceRequests, tenantId, id);
    case "benefitRequest":
      return relayStored(deps, repos.benefitRequests, tenantId, id);
    case "package":
      return relayStored(deps, repos.packages, tenantId, id);
    case "tombstone":
      return clearStoredTombstone({ deps }, tenantId, id);
    case "adminSet":
      return settlePendingAdminChanges(deps, tenantId);
    default:
      return Promise.resolve(false);
  }
}

/**
 * The scheduler's part: every document of the tenant still holding pending entries (a crash, or a store failure,
 * right after its change) gets them copied to the audit log, and role changes the admin set decided but a crash kept
 * off the person's entry are put on it. Returns how many documents were cleared.
 */
export async function sweepAuditOutbox(deps: UseCaseDeps, tenantId: string): Promise<number> {
  let cleared = 0;
  for (const ref of await deps.repos.pendingAudit.find(tenantId)) {
    if (await relayByType(deps, deps.repos, ref.type, tenantId, ref.id)) cleared++;
  }
  return cleared;
}
