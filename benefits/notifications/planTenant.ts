import { isBenefitsError } from "../errors";
import { MARKETING_CONTACT_ID } from "../types";
import type { UseCaseDeps } from "../useCases/deps";
import type { Notification } from "../notificationTypes";
import { eventKey, planNotifications } from "./planner";
import { expireOffer } from "./systemActivation";

export interface PlanningResult {
  readonly planned: number;
  readonly offersExpired: number;
}

/**
 * Reads one tenant, plans what is due and stores it. Each notification is created, never upserted: an id that already
 * exists was planned before (by this or another instance), so planning twice plans once.
 */
export async function planTenantNotifications(deps: UseCaseDeps, tenantId: string): Promise<PlanningResult> {
  const { repos } = deps;
  const [benefits, users, contact, existing] = await Promise.all([
    repos.benefits.list(tenantId),
    repos.users.list(tenantId),
    repos.marketingContacts.get(tenantId, MARKETING_CONTACT_ID),
    repos.notifications.list(tenantId),
  ]);
  const plan = planNotifications({
    tenantId,
    benefits: benefits.map((b) => b.value),
    users: users.map((u) => u.value),
    marketingContact: contact?.value,
    existingIds: new Set(existing.map((n) => n.value.id)),
    settledEvents: settledEvents(existing.map((n) => n.value)),
    now: deps.now(),
  });
  let offersExpired = 0;
  for (const offerId of plan.offersToExpire) {
    const offer = await expireOffer(deps, tenantId, offerId);
    if (offer.state === "expired") offersExpired++;
  }
  let planned = 0;
  for (const notification of plan.notifications) {
    try {
      await repos.notifications.create(notification);
      planned++;
    } catch (error) {
      if (!isBenefitsError(error, "ALREADY_EXISTS")) throw error;
    }
  }
  return { planned, offersExpired };
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
