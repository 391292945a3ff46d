import { isBenefitsError, MARKETING_CONTACT_ID, type Benefit, type ConversationRecord, type Notification, type Stored, type UseCaseDeps, type WaitingReason } from "../benefits";
import { claim, dueForSending, markDropped, markSent, markUnreachable, markWaiting, scheduleRetry } from "../benefits/notifications/delivery";
import type { SendPacer } from "../benefits/notifications/pacer";
import { verdictFor } from "../benefits/notifications/stillTrue";
import { notificationCard } from "../cards/notifications";
import type { AdaptiveCardAttachment } from "../cards/render";
import { readerOfRecord } from "./conversationRecorder";
import type { SendOutcome } from "./proactive";

/** A personal chat opened with someone, or why it could not be (they wait, `planned`). */
export type ReachOutcome =
  | { readonly kind: "reached"; readonly record: ConversationRecord }
  | { readonly kind: "waiting"; readonly reason: WaitingReason; readonly detail: string };

export interface NotifierDeps {
  readonly domain: UseCaseDeps;
  readonly pacer: SendPacer;
  /** Sends one card into one stored conversation (bot/proactive.ts in production). */
  readonly send: (record: ConversationRecord, card: AdaptiveCardAttachment) => Promise<SendOutcome>;
  /**
   * Opens a personal chat with someone the bot has none with, through `via` (a stored conversation of the same
   * tenant: its service URL and bot account). Absent: such people wait until they talk to the bot.
   */
  readonly reach?: (tenantId: string, userId: string, via: ConversationRecord) => Promise<ReachOutcome>;
  readonly log: (message: string, error?: unknown) => void;
  /** True once the process is stopping: the notification being sent finishes, no further one starts. */
  readonly stopRequested?: () => boolean;
}

export interface SendReport {
  sent: number;
  retryLater: number;
  unreachable: number;
  /** No personal conversation with the recipient, and none could be opened yet: left planned, with the reason. */
  waitingForConversation: number;
  /** No longer true or no longer theirs when it was time to send. */
  dropped: number;
  /** Personal chats the bot opened itself. */
  conversationsOpened: number;
}

export function emptySendReport(): SendReport {
  return { sent: 0, retryLater: 0, unreachable: 0, waitingForConversation: 0, dropped: 0, conversationsOpened: 0 };
}

export function addSendReports(total: SendReport, more: SendReport): void {
  for (const key of Object.keys(total) as (keyof SendReport)[]) total[key] += more[key];
}

/**
 * Notifications go to the recipient's personal chat only: sent into a group chat or channel, a card about one
 * person's benefit would be shown to everyone there. The newest personal conversation wins.
 */
export function personalConversations(records: readonly Stored<ConversationRecord>[]): Map<string, ConversationRecord> {
  const byUser = new Map<string, ConversationRecord>();
  for (const { value } of records) {
    if (value.conversationType !== "personal") continue;
    const known = byUser.get(value.userId);
    if (known === undefined || known.updatedAt < value.updatedAt) byUser.set(value.userId, value);
  }
  return byUser;
}

/** The tenant's most recently seen conversation, of any kind: its service URL is where Teams serves this tenant now. */
export function newestConversation(records: readonly Stored<ConversationRecord>[]): ConversationRecord | undefined {
  return records.map((r) => r.value).reduce<ConversationRecord | undefined>((newest, r) => (newest === undefined || newest.updatedAt < r.updatedAt ? r : newest), undefined);
}

interface TickContext {
  readonly deps: NotifierDeps;
  readonly tenantId: string;
  readonly reachable: Map<string, ConversationRecord>;
  readonly via: ConversationRecord | undefined;
  /** One try per person per tick, however many notifications wait for them. */
  readonly tried: Map<string, ReachOutcome>;
  readonly report: SendReport;
}

/**
 * Sends one tenant's due notifications: decide again (still true? still theirs?) → find or open the personal chat →
 * claim (If-Match) → send → mark sent (If-Match). A crash between the send and the mark leaves a `sending` claim that
 * is retried once it is stale: that one notification may arrive twice.
 */
export async function sendDueNotifications(deps: NotifierDeps, tenantId: string): Promise<SendReport> {
  const { repos } = deps.domain;
  const report = emptySendReport();
  const due = dueForSending(await repos.sweep.sendableNotifications(tenantId, deps.domain.now()), deps.domain.now());
  if (due.length === 0) return report;
  const [conversations, contact, users] = await Promise.all([
    repos.conversations.list(tenantId),
    repos.marketingContacts.get(tenantId, MARKETING_CONTACT_ID),
    repos.users.list(tenantId),
  ]);
  const benefits = await currentBenefits(deps, tenantId, due);
  const tick: TickContext = { deps, tenantId, reachable: personalConversations(conversations), via: newestConversation(conversations), tried: new Map(), report };
  const directory = users.map((u) => u.value);
  for (const notification of due) {
    if (deps.stopRequested?.() === true) break;
    const verdict = verdictFor(notification.value, { benefit: benefits.get(notification.value.benefitId), users: directory, marketingContact: contact?.value, now: deps.domain.now() });
    if (verdict.kind === "drop") {
      if ((await markDropped(repos.notifications, notification, verdict.reason)) !== undefined) report.dropped++;
      continue;
    }
    const record = await conversationWith(tick, notification);
    if (record === undefined) continue;
    const release = await deps.pacer.acquire(tenantId, record.conversationId);
    let claimed: Stored<Notification> | undefined;
    let outcome: Awaited<ReturnType<NotifierDeps["send"]>>;
    try {
      claimed = await claim(repos.notifications, notification, deps.domain.now());
      if (claimed === undefined) continue;
      const card = notificationCard({ ...claimed.value, facts: verdict.facts }, { locale: readerOfRecord(record), marketingContactEmail: contact?.value.alternateEmail });
      outcome = await deps.send(record, card);
    } finally {
      release();
    }
    await settle(deps, claimed, outcome, report);
  }
  return report;
}

/** Point reads of the benefits the due notifications are about, each once. */
async function currentBenefits(deps: NotifierDeps, tenantId: string, due: readonly Stored<Notification>[]): Promise<Map<string, Benefit>> {
  const ids = [...new Set(due.map((n) => n.value.benefitId))];
  const found = await Promise.all(ids.map((id) => deps.domain.repos.benefits.get(tenantId, id)));
  return new Map(found.flatMap((b) => (b === undefined ? [] : [[b.value.id, b.value] as const])));
}

/** The recipient's personal chat: stored, or opened now; undefined (and the notification says why) when neither. */
async function conversationWith(tick: TickContext, notification: Stored<Notification>): Promise<ConversationRecord | undefined> {
  const { recipientId } = notification.value;
  const known = tick.reachable.get(recipientId);
  if (known !== undefined) return known;
  const outcome = tick.tried.get(recipientId) ?? (await openChat(tick, recipientId));
  tick.tried.set(recipientId, outcome);
  if (outcome.kind === "reached") return outcome.record;
  await markWaiting(tick.deps.domain.repos.notifications, notification, tick.deps.domain.now(), outcome);
  tick.report.waitingForConversation++;
  return undefined;
}

async function openChat(tick: TickContext, userId: string): Promise<ReachOutcome> {
  const { deps, via, tenantId } = tick;
  if (deps.reach === undefined || via === undefined) {
    return { kind: "waiting", reason: "noConversationKnown", detail: "no personal chat with this person, and none of the tenant's conversations to open one through" };
  }
  const release = await deps.pacer.acquire(tenantId, `open:${userId}`);
  const outcome = await deps.reach(tenantId, userId, via).finally(release);
  if (outcome.kind === "waiting") {
    deps.log(`Could not open a personal chat with ${userId} in tenant ${tenantId} (${outcome.reason}): ${outcome.detail}`);
    return outcome;
  }
  try {
    await deps.domain.repos.conversations.create(outcome.record);
  } catch (error) {
    // Recorded meanwhile by the person's own message: the same chat, already stored.
    if (!isBenefitsError(error, "ALREADY_EXISTS")) throw error;
  }
  tick.reachable.set(userId, outcome.record);
  tick.report.conversationsOpened++;
  return outcome;
}

async function settle(deps: NotifierDeps, claimed: Stored<Notification>, outcome: SendOutcome, report: SendReport): Promise<void> {
  const { repos } = deps.domain;
  const now = deps.domain.now();
  if (outcome.kind === "sent") {
    await markSent(repos.notifications, claimed, now);
    report.sent++;
    return;
  }
  deps.log(`Notification ${claimed.value.id} not delivered (${outcome.kind}): ${outcome.reason}`);
  if (outcome.kind === "unreachable") {
    await markUnreachable(repos.notifications, claimed, outcome.reason, now);
    report.unreachable++;
    return;
  }
  const settled = await scheduleRetry(repos.notifications, claimed, now, outcome);
  if (settled?.value.state === "unreachable") report.unreachable++;
  else report.retryLater++;
}
