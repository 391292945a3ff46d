import { BenefitsError, isBenefitsError } from "../errors";
import type { DocumentRepository, Stored } from "../ports";
import { requireCapability, type Capability } from "../rules/roles";
import type { Actor, AuditEntry, Benefit, DirectoryUser } from "../types";
import type { UseCaseDeps } from "./deps";
import { auditEntry, contentOf, withPendingEntry, type Audited, type AuditNote } from "./auditOutbox";
import { isUnknownOutcome, settleReplace } from "./unknownOutcome";

/**
 * Each lost race means another writer succeeded, so every round is progress for someone; but a writer can lose once
 * per concurrent winner, so the bound must exceed the contention we expect on one document (an admin team assigning
 * seats at once), not a handful: with 12, 50 parallel assignments on 50 free seats stored 12 and failed 38 with CONFLICT.
 */
const MAX_WRITE_ATTEMPTS = 60;
/** Full jitter, capped: writers that lost together do not collide again in lockstep. */
const RETRY_BACKOFF_CAP_MS = 100;

function retryDelayMs(attempt: number): number {
  return Math.random() * Math.min(RETRY_BACKOFF_CAP_MS, 2 ** attempt);
}

type Versioned = Audited;

export interface Change<T> {
  readonly before: T;
  readonly after: T;
}

/** What a replayed action hears: the same success (people's clicks), or the refusal a machine contract expects. */
export type ReplayAnswer = "success" | "refuse";

export interface ChangeOptions<T> {
  /** Audit the change: its entry rides in the same write (see auditOutbox.ts). `view` is what the entry shows of the document. */
  readonly audit?: AuditNote & { readonly view: (doc: T) => unknown };
  /**
   * The document already is what the person asked for (a replay, a double click, a second admin): nothing is written
   * and the caller gets the document as it is, even from an outdated card, so the second submit hears the same success.
   */
  readonly alreadyDone?: (current: T) => boolean;
}

/**
 * Read, check, write with If-Match; on a lost race read again and re-check.
 * `expectedVersion` is the version the person saw on their card: if the document moved on, nothing is done (STALE_CARD).
 * A `change` that returns `current` itself means "already done": nothing is written and `after` is `before`.
 */
export async function changeDocument<T extends Versioned>(
  repo: DocumentRepository<T>,
  tenantId: string,
  id: string,
  expectedVersion: number | undefined,
  change: (current: T) => T,
  options: ChangeOptions<T> = {},
): Promise<Change<T>> {
  const audit = options.audit;
  for (let attempt = 1; ; attempt++) {
    const current = await repo.get(tenantId, id);
    if (current === undefined) throw new BenefitsError("NOT_FOUND", `no such item: ${id}`, { id });
    const done = options.alreadyDone?.(current.value) === true;
    if (!done && expectedVersion !== undefined && current.value.version !== expectedVersion) {
      throw new BenefitsError("STALE_CARD", "this card is out of date", { id, currentVersion: current.value.version });
    }
    const changed = done ? current.value : change(current.value);
    if (changed === current.value) {
      // Nothing to write: entries still pending stay for the next write or the scheduler's sweep (a replay rewrites nothing).
      const settled = contentOf(current.value);
      return { before: settled, after: settled };
    }
    const next = { ...changed, version: current.value.version + 1 };
    const toWrite = audit === undefined ? next : withPendingEntry(next, auditEntry(audit, next, audit.view(current.value), audit.view(next)));
    // This change's entry rides in its write and waits there; what earlier changes left pending is copied to the log in
    // the same request (see DocumentRepository.replace), so each write of a document relays the one before it.
    const relayed = (current.value.outbox ?? []).filter((entry) => (toWrite.outbox ?? []).some((kept) => kept.id === entry.id));
    try {
      const written = await replaceSettled(repo, toWrite, current.etag, relayed);
      return { before: current.value, after: contentOf(written.value) };
    } catch (e) {
      if (!isBenefitsError(e, "CONFLICT") || attempt >= MAX_WRITE_ATTEMPTS) throw e;
    }
    await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt)));
  }
}

/**
 * A replace whose answer was lost is read back before anyone is told anything: ours is stored (done), the old version
 * still is (the original failure: nothing was changed), or someone wrote in between (a lost race: read and re-check).
 */
async function replaceSettled<T extends Versioned>(repo: DocumentRepository<T>, doc: T, etag: string, relayed: readonly AuditEntry[]): Promise<Stored<T>> {
  try {
    return await repo.replace(doc, etag, relayed);
  } catch (error) {
    if (!isUnknownOutcome(error)) throw error;
    const settled = await settleReplace(repo, doc, etag);
    if (settled === "notApplied") throw error;
    if (settled === "moved") throw new BenefitsError("CONFLICT", "The document changed since it was read.", { id: doc.id });
    return settled;
  }
}

export async function directoryUser(deps: UseCaseDeps, tenantId: string, userId: string): Promise<DirectoryUser | undefined> {
  return (await deps.repos.users.get(tenantId, userId))?.value;
}

/** The actor, when their directory roles allow `capability`; flows also call it up front, so nobody walks through a flow only to be refused at the end. */
export async function requireActor(deps: UseCaseDeps, actor: Actor, capability: Capability): Promise<DirectoryUser> {
  return requireCapability(await directoryUser(deps, actor.tenantId, actor.userId), capability);
}

/**
 * Who may perform a use case. A person is checked against their directory roles; a system actor (an integration's
 * authenticated event, the local demo) has no directory entry, so its own check lives with the system's entry points.
 */
export type MayAct = (deps: UseCaseDeps, actor: Actor) => Promise<void>;

export function withCapability(capability: Capability): MayAct {
  return async (deps, actor) => {
    await requireActor(deps, actor, capability);
  };
}

export async function requireDirectoryUser(deps: UseCaseDeps, tenantId: string, userId: string): Promise<DirectoryUser> {
  const user = await directoryUser(deps, tenantId, userId);
  if (user === undefined) throw new BenefitsError("NOT_FOUND", "no such user in this organization's directory", { userId });
  return user;
}

export async function requireBenefit<C extends Benefit["category"]>(
  deps: UseCaseDeps,
  tenantId: string,
  benefitId: string,
  category: C,
): Promise<Extract<Benefit, { category: C }>> {
  const stored = await deps.repos.benefits.get(tenantId, benefitId);
  const benefit = stored?.value;
  if (benefit === undefined || !isCategory(benefit, category)) {
    throw new BenefitsError("NOT_FOUND", "no such benefit", { benefitId, category });
  }
  return benefit;
}

export function isCategory<C extends Benefit["category"]>(benefit: Benefit, category: C): benefit is Extract<Benefit, { category: C }> {
  return benefit.category === category;
}

/** A change function for the benefits repository that insists on one category (a forged id of another kind changes nothing). */
export function asCategory<C extends Benefit["category"]>(
  category: C,
  change: (current: Extract<Benefit, { category: C }>) => Extract<Benefit, { category: C }>,
): (current: Benefit) => Benefit {
  return (current) => {
    if (!isCategory(current, category)) throw new BenefitsError("NOT_FOUND", "no such benefit", { benefitId: current.id, category });
    return change(current);
  };
}

export function referenceNumber(now: Date, id: string): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, "");
  return `SR-${day}-${id.replace(/[^A-Za-z0-9]/g, "").slice(0, 6).toUpperCase()}`;
}

/** Change one benefit of a known category and audit what `auditView` shows of it before and after. */
export async function saveBenefit<C extends Benefit["category"]>(
  deps: UseCaseDeps,
  actor: Actor,
  action: string,
  category: C,
  benefitId: string,
  expectedVersion: number | undefined,
  change: (current: Extract<Benefit, { category: C }>) => Extract<Benefit, { category: C }>,
  auditView: (benefit: Extract<Benefit, { category: C }>) => unknown,
  alreadyDone?: (current: Extract<Benefit, { category: C }>) => boolean,
): Promise<Extract<Benefit, { category: C }>> {
  const view = (b: Benefit): unknown => (isCategory(b, category) ? auditView(b) : null);
  const { before, after } = await changeDocument(deps.repos.benefits, actor.tenantId, benefitId, expectedVersion, asCategory(category, change), {
    audit: { deps, actor, action, view },
    alreadyDone: alreadyDone === undefined ? undefined : (b) => isCategory(b, category) && alreadyDone(b),
  });
  if (!isCategory(before, category) || !isCategory(after, category)) throw new BenefitsError("NOT_FOUND", "no such benefit", { benefitId, category });
  return after;
}
