import { createHash } from "node:crypto";
import type { Benefit } from "../types";
import { lifecycleOf, REMINDERS, reminderDueAt } from "./planner";
import { benefitHolders } from "./recipients";

/** An activation without a date is announced as soon as it is seen: the earliest instant there is. */
const AT_ONCE = 0;

/**
 * What planning depends on, digested: the lifecycle (activation, expiry) and who holds the benefit. When it differs
 * from what the last planning saw, that planning no longer covers the benefit and it is due again at once.
 */
export function planningBasis(benefit: Benefit): string {
  const lifecycle = lifecycleOf(benefit);
  const facts = { lifecycle: lifecycle ?? null, holders: benefitHolders(benefit, undefined).sort() };
  return createHash("sha256").update(JSON.stringify(facts)).digest("hex").slice(0, 32);
}

/** Every instant at which planning would find something new to say about the benefit (epoch ms, ascending). */
export function notificationMoments(benefit: Benefit): number[] {
  const lifecycle = lifecycleOf(benefit);
  if (lifecycle === undefined) return [];
  const moments: number[] = [];
  if (lifecycle.activated) moments.push(lifecycle.activatedAt === undefined ? AT_ONCE : Date.parse(lifecycle.activatedAt));
  if (lifecycle.expiresAt !== undefined) {
    const expiresAt = new Date(lifecycle.expiresAt);
    for (const reminder of REMINDERS) moments.push(reminderDueAt(expiresAt, reminder.days).getTime());
    moments.push(expiresAt.getTime());
  }
  return moments.sort((a, b) => a - b);
}

/**
 * Pure: when the scheduler must next plan for this benefit. The first moment after the last planning that still covers
 * it; the first moment of all when none does (never planned, or its lifecycle or holders changed since: that moment
 * may be past, so it is due now). Null when there is nothing left to announce.
 */
export function nextNotificationAt(benefit: Benefit): string | null {
  const moments = notificationMoments(benefit);
  const planned = benefit.notificationsPlanned;
  const covered = planned !== undefined && planned.basis === planningBasis(benefit) ? Date.parse(planned.at) : undefined;
  const next = covered === undefined ? moments[0] : moments.find((m) => m > covered);
  return next === undefined ? null : new Date(next).toISOString();
}

/** The benefit as the last planning at `now` leaves it: covered up to now, for what it is now. */
export function markedPlanned(benefit: Benefit, now: Date): Benefit {
  return { ...benefit, notificationsPlanned: { at: now.toISOString(), basis: planningBasis(benefit) } };
}
