import { isBenefitsError } from "../errors";
import { MARKETING_CONTACT_ID, type Benefit } from "../types";
import type { UseCaseDeps } from "../useCases/deps";
import { SETTLED_RETENTION_DAYS, type Notification } from "../notificationTypes";
import type { Stored } from "../ports";
import { eachLimited } from "./eachLimited";
import { markedPlanned } from "./nextNotification";
import { eventKey, planNotifications } from "./planner";
import { expireOffer } from "./systemActivation";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Independent writes of one planning, a few at a time: a hundred due is not a hundred round trips in a row. */
const WRITE_CONCURRENCY = 8;

export interface PlanningResult {
  readonly planned: number;
  readonly offersExpired: number;
}

/**
 * Plans what is due for the benefits whose next notification moment has come, and only those: with nothing due it
 * is one query. Each notification is created, never upserted: an id that already exists was planned before (by this
 * or another instance), so planning twice plans once. Each benefit is marked planned only after its notifications
 * are stored, so a crash in between plans it again rather than never.
 */
export async function planTenantNotifications(deps: UseCaseDeps, tenantId: string): Promise<PlanningResult> {
  const { repos } = deps;
  const now = deps.now();
  const due = await repos.sweep.dueBenefits(tenantId, now);
  if (due.length === 0) return { planned: 0, offersExpired: 0 };
  const [users, contact, existing] = await Promise.all([
    repos.users.list(tenantId),
    repos.marketingContacts.get(tenantId, MARKETING_CONTACT_ID),
    repos.sweep.notificationsAbout(tenantId, due.map((b) => b.value.id)),
  ]);
  const plan = planNotifications({
    tenantId,
    benefits: due.map((b) => b.value),
    users: users.map((u) => u.value),
    marketingContact: contact?.value,
    existingIds: new Set(existing.map((n) => n.value.id)),
    settledEvents: settledEvents(existing.map((n) => n.value)),
    now,
  });
  let offersExpired = 0;
  for (const offerId of plan.offersToExpire) {
    const offer = await expireOffer(deps, tenantId, offerId);
    if (offer.state === "expired") offersExpired++;
  }
  let planned = 0;
  await eachLimited(plan.notifications.filter((n) => isNews(n, now)), WRITE_CONCURRENCY, async (notification) => {
    try {
      await repos.notifications.create(notification);
      planned++;
    } catch (error) {
      if (!isBenefitsError(error, "ALREADY_EXISTS")) throw error;
    }
  });
  const expired = new Set(plan.offersToExpire);
  await eachLimited(due, WRITE_CONCURRENCY, (benefit) => markPlanned(deps, benefit, expired.has(benefit.value.id), now));
  return { planned, offersExpired };
}

/**
 * Records that planning at `now` covered the benefit, which moves its moment to the next one. Not a change of the
 * benefit (no version, no audit). An offer just expired was rewritten, so it is read again; a benefit changed
 * meanwhile by someone else is left due and planned again next tick.
 */
async function markPlanned(deps: UseCaseDeps, benefit: Stored<Benefit>, rewritten: boolean, now: Date): Promise<void> {
  const current = rewritten ? await deps.repos.benefits.get(benefit.value.tenantId, benefit.value.id) : benefit;
  if (current === undefined) return;
  try {
    await deps.repos.benefits.replace(markedPlanned(current.value, now), current.etag);
  } catch (error) {
    if (!isBenefitsError(error, "CONFLICT") && !isBenefitsError(error, "NOT_FOUND")) throw error;
  }
}

/**
 * Sent notifications are purged after the retention period, so what they said can no longer be recognised as told:
 * something that happened longer ago than that (a benefit whose holders changed a year after its activation) is old
 * news, not told again.
 */
function isNews(notification: Notification, now: Date): boolean {
  return Date.parse(notification.dueAt) > now.getTime() - SETTLED_RETENTION_DAYS * DAY_MS;
}

/** Events whose every planned copy is done with (sent, given up, dropped): nobody is still waiting to hear them. */
export function settledEvents(notifications: readonly Notification[]): Set<string> {
  const waiting = new Set<string>();
  const seen = new Set<string>();
  for (const n of notifications) {
    const key = eventKey(n.benefitId, n.event);
    seen.add(key);
    if (n.state === "planned" || n.state === "sending") waiting.add(key);
  }
  return new Set([...seen].filter((key) => !waiting.has(key)));
}
