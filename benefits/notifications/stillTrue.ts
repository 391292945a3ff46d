import type { DropReason, Notification } from "../notificationTypes";
import type { Benefit, DirectoryUser, MarketingContact } from "../types";
import { isReminder, lifecycleOf, REMINDERS, reminderReached } from "./planner";
import { recipientsOf } from "./recipients";

/** What is true at the moment of sending: the benefit as stored now (undefined once deleted), the directory, the contact. */
export interface CurrentState {
  readonly benefit: Benefit | undefined;
  readonly users: readonly DirectoryUser[];
  readonly marketingContact?: MarketingContact;
  readonly now: Date;
}

export type Verdict = { readonly kind: "send"; readonly facts: Notification["facts"] } | { readonly kind: "drop"; readonly reason: DropReason };

const drop = (reason: DropReason): Verdict => ({ kind: "drop", reason });

/**
 * Someone removed from the directory, or marked as having left the organization (in no Teams roster the bot knows),
 * hears nothing more. The one place that decides it, for every notification at once.
 */
export function isInDirectory(users: readonly DirectoryUser[], userId: string): boolean {
  return users.some((u) => u.id === userId && u.leftAt === undefined);
}

function urgency(event: Notification["event"]): number {
  return REMINDERS.findIndex((r) => r.event === event);
}

/**
 * Pure: decided again just before sending, because planning may be long past (an unreachable recipient, a stopped
 * bot). Only what is still true goes out, to whoever is a recipient now, with the benefit's current facts; a reminder
 * overtaken by a more urgent one or by the expiry is dropped, so a long wait ends in one card, not a burst.
 */
export function verdictFor(notification: Notification, current: CurrentState): Verdict {
  const { recipientId, event } = notification;
  if (!isInDirectory(current.users, recipientId)) return drop("notARecipient");
  if (event === "requestDecided") return { kind: "send", facts: notification.facts };
  const { benefit } = current;
  const lifecycle = benefit === undefined ? undefined : lifecycleOf(benefit);
  if (benefit === undefined || lifecycle === undefined) return drop("reasonGone");
  if (!recipientsOf(benefit, current).includes(recipientId)) return drop("notARecipient");
  const muted = current.users.find((u) => u.id === recipientId)?.remindersMuted === true;
  if (isReminder(event) && muted) return drop("notARecipient");

  const expiresAt = lifecycle.expiresAt === undefined ? undefined : new Date(lifecycle.expiresAt);
  const expired = expiresAt !== undefined && expiresAt.getTime() <= current.now.getTime();
  if (event === "expired" && !expired) return drop("reasonGone");
  if (event === "activated" && !lifecycle.activated) return drop("reasonGone");
  if (event !== "expired" && expired) return drop("outdated");
  if (isReminder(event)) {
    const reached = expiresAt === undefined ? undefined : reminderReached(expiresAt, current.now);
    if (reached === undefined) return drop("reasonGone");
    if (reached.event !== event) return drop(urgency(reached.event) < urgency(event) ? "outdated" : "reasonGone");
  }
  return { kind: "send", facts: { benefitName: benefit.name, category: benefit.category, activatedAt: lifecycle.activatedAt, expiresAt: lifecycle.expiresAt } };
}
