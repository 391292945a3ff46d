import type { Notification, NotificationEvent } from "../notificationTypes";
import type { Benefit, DirectoryUser, MarketingContact } from "../types";
import { notificationId } from "./ids";
import { recipientsOf } from "./recipients";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Reminders before expiry, most urgent first: when several are due at once only the first due one is planned. A reminder
 * is named by the threshold reached in whole days left: 7 days and 1 hour away is 7 days away ("expires in 7 days"),
 * never "expires in 30 days".
 */
export const REMINDERS = [
  { event: "expiresIn1", days: 1 },
  { event: "expiresIn7", days: 7 },
  { event: "expiresIn30", days: 30 },
] as const satisfies readonly { event: NotificationEvent; days: number }[];

export interface PlanningInput {
  readonly tenantId: string;
  readonly benefits: readonly Benefit[];
  readonly users: readonly DirectoryUser[];
  readonly marketingContact?: MarketingContact;
  /** Ids of notifications already stored: those are never planned again. */
  readonly existingIds: ReadonlySet<string>;
  /**
   * `{benefitId}:{event}` of events already planned and delivered to (or settled for) everyone they were planned for:
   * someone who became a recipient since gets what is sent from then on, not this past news.
   */
  readonly settledEvents?: ReadonlySet<string>;
  readonly now: Date;
}

export interface Plan {
  readonly notifications: Notification[];
  /** Active offers whose expiry has passed: their state must become `expired`. */
  readonly offersToExpire: string[];
}

export interface Lifecycle {
  readonly activated: boolean;
  readonly activatedAt?: string;
  readonly expiresAt?: string;
}

/** What can be announced about a benefit; undefined when nothing can (not started, canceled, software). */
export function lifecycleOf(benefit: Benefit): Lifecycle | undefined {
  if (benefit.cancelRequest !== undefined) return undefined;
  switch (benefit.category) {
    case "goToMarket":
      if (benefit.state !== "active" && benefit.state !== "expired") return undefined;
      return { activated: true, activatedAt: benefit.activatedAt, expiresAt: benefit.expiresAt };
    case "technical": {
      const active = benefit.assignment?.state === "active";
      return { activated: active, activatedAt: active ? benefit.assignment?.activatedAt : undefined, expiresAt: benefit.expiresAt };
    }
    case "visualStudio":
    case "cloud":
      return { activated: false, expiresAt: benefit.expiresAt };
    case "software":
      return undefined;
  }
}

interface DueEvent {
  readonly event: NotificationEvent;
  readonly dueAt: Date;
}

/** Whole days left before `expiresAt` (rounded down); negative once it has passed. */
export function wholeDaysLeft(expiresAt: Date, now: Date): number {
  return Math.floor((expiresAt.getTime() - now.getTime()) / DAY_MS);
}

/** The most urgent reminder reached now, if any. Pure, shared by planning and the check before sending. */
export function reminderReached(expiresAt: Date, now: Date): (typeof REMINDERS)[number] | undefined {
  if (expiresAt.getTime() <= now.getTime()) return undefined;
  const daysLeft = wholeDaysLeft(expiresAt, now);
  return REMINDERS.find((r) => daysLeft <= r.days);
}

/** The first instant at which `days` or fewer whole days are left. */
export function reminderDueAt(expiresAt: Date, days: number): Date {
  return new Date(expiresAt.getTime() - (days + 1) * DAY_MS + 1);
}

function dueEvents(lifecycle: Lifecycle, now: Date): DueEvent[] {
  const expiresAt = lifecycle.expiresAt === undefined ? undefined : new Date(lifecycle.expiresAt);
  // Once expired, only the expiry is worth saying: an activation or a reminder about it would be news from the past.
  if (expiresAt !== undefined && expiresAt.getTime() <= now.getTime()) return [{ event: "expired", dueAt: expiresAt }];
  const events: DueEvent[] = [];
  if (lifecycle.activated) events.push({ event: "activated", dueAt: lifecycle.activatedAt === undefined ? now : new Date(lifecycle.activatedAt) });
  const reminder = expiresAt === undefined ? undefined : reminderReached(expiresAt, now);
  if (expiresAt !== undefined && reminder !== undefined) events.push({ event: reminder.event, dueAt: reminderDueAt(expiresAt, reminder.days) });
  return events;
}

/** What `settledEvents` holds: one event of one benefit, whoever it is for. */
export function eventKey(benefitId: string, event: NotificationEvent): string {
  return `${benefitId}:${event}`;
}

export function isReminder(event: NotificationEvent): boolean {
  return REMINDERS.some((r) => r.event === event);
}

/**
 * Pure: which notifications are due now and not yet planned. Muted people get no reminders (30, 7, 1 days); they still
 * hear that something was activated or has expired, because those change what they can use.
 */
export function planNotifications(input: PlanningInput): Plan {
  const muted = new Set(input.users.filter((u) => u.remindersMuted).map((u) => u.id));
  const notifications: Notification[] = [];
  const offersToExpire: string[] = [];
  for (const benefit of input.benefits) {
    const lifecycle = lifecycleOf(benefit);
    if (lifecycle === undefined) continue;
    const events = dueEvents(lifecycle, input.now);
    if (benefit.category === "goToMarket" && benefit.state === "active" && events.some((e) => e.event === "expired")) offersToExpire.push(benefit.id);
    const recipients = recipientsOf(benefit, input);
    for (const { event, dueAt } of events) {
      if (input.settledEvents?.has(eventKey(benefit.id, event)) === true) continue;
      for (const recipientId of recipients) {
        if (isReminder(event) && muted.has(recipientId)) continue;
        const id = notificationId(benefit.id, event, recipientId);
        if (input.existingIds.has(id)) continue;
        notifications.push({
          type: "notification",
          id,
          tenantId: input.tenantId,
          version: 0,
          benefitId: benefit.id,
          event,
          recipientId,
          dueAt: dueAt.toISOString(),
          state: "planned",
          attempts: 0,
          facts: { benefitName: benefit.name, category: benefit.category, activatedAt: lifecycle.activatedAt, expiresAt: lifecycle.expiresAt },
        });
      }
    }
  }
  return { notifications, offersToExpire };
}
