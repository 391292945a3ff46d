import { isBenefitsError } from "../errors";
import { SETTLED_RETENTION_DAYS, type DropReason, type Notification, type WaitingReason } from "../notificationTypes";
import type { DocumentRepository, Stored } from "../ports";

/** A `sending` claim older than this is taken as a sender that crashed mid-send: the notification is sent again. */
export const STALE_CLAIM_MS = 5 * 60 * 1000;
/** After this many failed sends a notification is given up (marked unreachable), so a broken one cannot loop forever. */
export const MAX_SEND_ATTEMPTS = 8;
const BASE_BACKOFF_MS = 5_000;
const MAX_BACKOFF_MS = 60 * 60 * 1000;
/**
 * How long a recipient Teams would not open a chat with waits before the next try: each try is a call to Teams (and
 * maybe to Graph) per person, so not every tick. Someone who talks to the bot meanwhile is reached at the next try.
 */
export const WAITING_RETRY_MS = 60 * 60 * 1000;

/** Pure: what may be sent now, oldest first. */
export function dueForSending(notifications: readonly Stored<Notification>[], now: Date): Stored<Notification>[] {
  const at = now.getTime();
  return notifications
    .filter(({ value: n }) => {
      if (Date.parse(n.dueAt) > at) return false;
      if (n.state === "planned") return n.notBefore === undefined || Date.parse(n.notBefore) <= at;
      return n.state === "sending" && (n.claimedAt === undefined || Date.parse(n.claimedAt) + STALE_CLAIM_MS <= at);
    })
    .sort((a, b) => a.value.dueAt.localeCompare(b.value.dueAt) || a.value.id.localeCompare(b.value.id));
}

/** Pure: how long to wait before the next attempt. The channel's Retry-After wins over our own exponential backoff. */
export function retryDelayMs(attempts: number, retryAfterMs: number | undefined): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, MAX_BACKOFF_MS);
  return Math.min(BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

/** Another sender changed it first: whoever won owns it, this one leaves it alone. */
async function conditionally(write: () => Promise<Stored<Notification>>): Promise<Stored<Notification> | undefined> {
  try {
    return await write();
  } catch (error) {
    if (isBenefitsError(error, "CONFLICT") || isBenefitsError(error, "NOT_FOUND")) return undefined;
    throw error;
  }
}

function next(current: Stored<Notification>, change: Partial<Notification>): Notification {
  return { ...current.value, ...change, version: current.value.version + 1 };
}

/** Marks the notification as being sent by this sender; undefined when another sender claimed or changed it first. */
export function claim(repo: DocumentRepository<Notification>, current: Stored<Notification>, now: Date): Promise<Stored<Notification> | undefined> {
  const claimed = next(current, { state: "sending", claimedAt: now.toISOString(), attempts: current.value.attempts + 1 });
  return conditionally(() => repo.replace(claimed, current.etag));
}

/** Out of the hot set for good: Cosmos DB deletes it after the retention period, and so does the tick's purge. */
function settled(now: Date): Pick<Notification, "settledAt" | "ttl"> {
  return { settledAt: now.toISOString(), ttl: SETTLED_RETENTION_DAYS * 24 * 60 * 60 };
}

export function markSent(repo: DocumentRepository<Notification>, claimed: Stored<Notification>, now: Date): Promise<Stored<Notification> | undefined> {
  const sent = next(claimed, { state: "sent", sentAt: now.toISOString(), lastError: undefined, notBefore: undefined, waitingFor: undefined, ...settled(now) });
  return conditionally(() => repo.replace(sent, claimed.etag));
}

export function markUnreachable(repo: DocumentRepository<Notification>, claimed: Stored<Notification>, reason: string, now: Date): Promise<Stored<Notification> | undefined> {
  return conditionally(() => repo.replace(next(claimed, { state: "unreachable", lastError: reason.slice(0, 500), ...settled(now) }), claimed.etag));
}

/** Back to `planned` with a not-before time, or given up after MAX_SEND_ATTEMPTS. */
export function scheduleRetry(
  repo: DocumentRepository<Notification>,
  claimed: Stored<Notification>,
  now: Date,
  failure: { readonly reason: string; readonly retryAfterMs?: number },
): Promise<Stored<Notification> | undefined> {
  if (claimed.value.attempts >= MAX_SEND_ATTEMPTS) {
    return markUnreachable(repo, claimed, `gave up after ${claimed.value.attempts} attempts: ${failure.reason}`, now);
  }
  const notBefore = new Date(now.getTime() + retryDelayMs(claimed.value.attempts, failure.retryAfterMs)).toISOString();
  const retry = next(claimed, { state: "planned", notBefore, claimedAt: undefined, lastError: failure.reason.slice(0, 500) });
  return conditionally(() => repo.replace(retry, claimed.etag));
}

/** No longer true, or no longer theirs: kept as `dropped` with the reason, so it is neither sent nor planned again. */
export function markDropped(repo: DocumentRepository<Notification>, current: Stored<Notification>, reason: DropReason): Promise<Stored<Notification> | undefined> {
  return conditionally(() => repo.replace(next(current, { state: "dropped", dropReason: reason, claimedAt: undefined }), current.etag));
}

/**
 * Stays `planned`, saying why its recipient cannot be reached yet. Not counted as an attempt: it is given up only when
 * the person is refused for good (403/404 on a send), never just for waiting. Without a conversation to open one
 * through, nothing is called, so it is looked at again every tick and written only when the reason changes.
 */
export async function markWaiting(
  repo: DocumentRepository<Notification>,
  current: Stored<Notification>,
  now: Date,
  waiting: { readonly reason: WaitingReason; readonly detail: string },
): Promise<Stored<Notification> | undefined> {
  const cheapToRetry = waiting.reason === "noConversationKnown";
  if (cheapToRetry && current.value.state === "planned" && current.value.waitingFor === waiting.reason) return current;
  const notBefore = cheapToRetry ? undefined : new Date(now.getTime() + WAITING_RETRY_MS).toISOString();
  const change: Partial<Notification> = { state: "planned", claimedAt: undefined, waitingFor: waiting.reason, lastError: waiting.detail.slice(0, 500), notBefore };
  return conditionally(() => repo.replace(next(current, change), current.etag));
}
