import type { Notification, WaitingReason } from "../notificationTypes";
import type { Actor } from "../types";
import type { UseCaseDeps } from "../useCases/deps";
import { requireActor } from "../useCases/shared";

export interface UnreachableSummary {
  /** Distinct people with at least one notification waiting because they cannot be reached yet. */
  readonly people: number;
  /** Why, most people first; someone waiting for two reasons is counted under both. */
  readonly reasons: readonly { readonly reason: WaitingReason; readonly people: number }[];
  readonly userIds: readonly string[];
}

/** Pure: "N people can't be reached yet", and why, from the tenant's notifications. */
export function summarizeUnreachable(notifications: readonly Notification[]): UnreachableSummary {
  const byReason = new Map<WaitingReason, Set<string>>();
  const people = new Set<string>();
  for (const n of notifications) {
    if (n.state !== "planned" || n.waitingFor === undefined) continue;
    people.add(n.recipientId);
    byReason.set(n.waitingFor, (byReason.get(n.waitingFor) ?? new Set()).add(n.recipientId));
  }
  const reasons = [...byReason].map(([reason, ids]) => ({ reason, people: ids.size })).sort((a, b) => b.people - a.people || a.reason.localeCompare(b.reason));
  return { people: people.size, reasons, userIds: [...people].sort() };
}

/** For the overview: who among the tenant's people the bot cannot reach yet. Admins only (the same ones who see the history). */
export async function unreachableRecipients(deps: UseCaseDeps, actor: Actor): Promise<UnreachableSummary> {
  await requireActor(deps, actor, "viewAudit");
  return summarizeUnreachable((await deps.repos.notifications.list(actor.tenantId)).map((n) => n.value));
}
