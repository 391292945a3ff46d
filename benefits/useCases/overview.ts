import { requireActor } from "./shared";
import type { BenefitRequest } from "../requestTypes";
import type { Actor, AuditEntry, Benefit, BenefitPackage, DirectoryUser, MarketingContact } from "../types";
import type { UseCaseDeps } from "./deps";
import { getMarketingContact } from "./goToMarket";
import { listDirectory } from "./directory";

export interface TenantOverview {
  readonly packages: BenefitPackage[];
  readonly benefits: Benefit[];
  readonly marketingContact: MarketingContact | undefined;
  readonly users: DirectoryUser[];
}

/** Anyone in the tenant may look at what the organization has. */
export async function tenantOverview(deps: UseCaseDeps, tenantId: string): Promise<TenantOverview> {
  const [packages, benefits, marketingContact, users] = await Promise.all([
    deps.repos.packages.list(tenantId),
    deps.repos.benefits.list(tenantId),
    getMarketingContact(deps, tenantId),
    listDirectory(deps, tenantId),
  ]);
  return {
    // By instant: purchase times may carry any UTC offset, so their text does not sort by time.
    packages: packages.map((s) => s.value).sort((a, b) => Date.parse(a.purchasedAt) - Date.parse(b.purchasedAt)),
    benefits: benefits.map((s) => s.value).sort((a, b) => a.name.localeCompare(b.name)),
    marketingContact,
    users,
  };
}

export async function recentChanges(deps: UseCaseDeps, actor: Actor, limit: number): Promise<AuditEntry[]> {
  await requireActor(deps, actor, "viewAudit");
  return deps.repos.audit.recent(actor.tenantId, limit);
}

export interface HistoryNames {
  readonly users: DirectoryUser[];
  readonly benefits: Benefit[];
  readonly requests: BenefitRequest[];
}

const REQUEST_ACTION_PREFIX = "benefitRequest.";

/** What the history names its entries by: people, benefits, and the benefit requests those entries are about (read by id). */
export async function historyNames(deps: UseCaseDeps, tenantId: string, entries: readonly AuditEntry[]): Promise<HistoryNames> {
  const requestIds = [...new Set(entries.filter((e) => e.action.startsWith(REQUEST_ACTION_PREFIX)).map((e) => e.targetId))];
  const [benefits, users, requests] = await Promise.all([
    deps.repos.benefits.list(tenantId),
    listDirectory(deps, tenantId),
    Promise.all(requestIds.map((id) => deps.repos.benefitRequests.get(tenantId, id))),
  ]);
  return {
    users,
    benefits: benefits.map((s) => s.value),
    requests: requests.flatMap((r) => (r === undefined ? [] : [r.value])),
  };
}
