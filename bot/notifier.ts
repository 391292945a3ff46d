import { MARKETING_CONTACT_ID, type ConversationRecord, type Notification, type Stored, type UseCaseDeps } from "../benefits";
import { claim, dueForSending, markSent, markUnreachable, scheduleRetry } from "../benefits/notifications/delivery";
import type { SendPacer } from "../benefits/notifications/pacer";
import { notificationCard } from "../cards/notifications";
import type { AdaptiveCardAttachment } from "../cards/render";
import { readerOfRecord } from "./conversationRecorder";
import type { SendOutcome } from "./proactive";

export interface NotifierDeps {
  readonly domain: UseCaseDeps;
  readonly pacer: SendPacer;
  /** Sends one card into one stored conversation (bot/proactive.ts in production). */
  readonly send: (record: ConversationRecord, card: AdaptiveCardAttachment) => Promise<SendOutcome>;
  readonly log: (message: string, error?: unknown) => void;
  /** True once the process is stopping: the notification being sent finishes, no further one starts. */
  readonly stopRequested?: () => boolean;
}

export interface SendReport {
  sent: number;
  retryLater: number;
  unreachable: number;
  /** No personal conversation with the recipient yet: left planned until they talk to the bot. */
  waitingForConversation: number;
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

/**
 * Sends one tenant's due notifications: claim (If-Match) → send → mark sent (If-Match). A crash between the send and
 * the mark leaves a `sending` claim that is retried once it is stale: that one notification may arrive twice.
 */
export async function sendDueNotifications(deps: NotifierDeps, tenantId: string): Promise<SendReport> {
  const { repos } = deps.domain;
  const report: SendReport = { sent: 0, retryLater: 0, unreachable: 0, waitingForConversation: 0 };
  const due = dueForSending(await repos.notifications.list(tenantId), deps.domain.now());
  if (due.length === 0) return report;
  const [conversations, contact] = await Promise.all([repos.conversations.list(tenantId), repos.marketingContacts.get(tenantId, MARKETING_CONTACT_ID)]);
  const reachable = personalConversations(conversations);
  for (const notification of due) {
    if (deps.stopRequested?.() === true) break;
    const record = reachable.get(notification.value.recipientId);
    if (record === undefined) {
      report.waitingForConversation++;
      continue;
    }
    await deps.pacer.acquire(tenantId, record.conversationId);
    const claimed = await claim(repos.notifications, notification, deps.domain.now());
    if (claimed === undefined) continue;
    const card = notificationCard(claimed.value, { locale: readerOfRecord(record), marketingContactEmail: contact?.value.alternateEmail });
    const outcome = await deps.send(record, card);
    await settle(deps, claimed, outcome, report);
  }
  return report;
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
    await markUnreachable(repos.notifications, claimed, outcome.reason);
    report.unreachable++;
    return;
  }
  const settled = await scheduleRetry(repos.notifications, claimed, now, outcome);
  if (settled?.value.state === "unreachable") report.unreachable++;
  else report.retryLater++;
}
