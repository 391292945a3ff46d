import { requireActor } from "./shared";
import type { BenefitRequest } from "../requestTypes";
import { summarizeUnreachable, type UnreachableSummary } from "../notifications/unreachable";
import type { DocumentsTogether } from "../ports";
import { can } from "../rules/roles";
import { MARKETING_CONTACT_ID, type Actor, type AuditEntry, type Benefit, type BenefitPackage, type DirectoryUser, type MarketingContact } from "../types";
import type { UseCaseDeps } from "./deps";
import { byDisplayName, listDirectory } from "./directory";

export interface TenantOverview {
  readonly packages: BenefitPackage[];
  readonly benefits: Benefit[];
  readonly marketingContact: MarketingContact | undefined;
  readonly users: DirectoryUser[];
}

/** Anyone in the tenant may look at what the organization has. */
export async function tenantOverview(deps: UseCaseDeps, tenantId: string): Promise<TenantOverview> {
  const read = await deps.repos.readTogether(tenantId, ["packages", "benefits", "marketingContacts", "users"]);
  return overviewOf(read);
}

export interface ViewersOverview extends TenantOverview {
  /** The person looking, as the directory says in this very read (their roles decide what else they see). */
  readonly viewer: DirectoryUser | undefined;
  /** Who can't be reached yet: only for those who see the history (it names no one, but it is about other people). */
  readonly unreachable: UnreachableSummary | undefined;
}

/** The overview as `actor` sees it, all of it from one read of the tenant. */
export async function overviewFor(deps: UseCaseDeps, actor: Actor): Promise<ViewersOverview> {
  const read = await deps.repos.readTogether(actor.tenantId, ["packages", "benefits", "marketingContacts", "users", "waitingNotifications"]);
  const overview = overviewOf(read);
  const viewer = overview.users.find((u) => u.id === actor.userId);
  const unreachable = can(viewer, "viewAudit") ? summarizeUnreachable(read.waitingNotifications.map((n) => n.value)) : undefined;
  return { ...overview, viewer, unreachable };
}

function overviewOf(read: DocumentsTogether<"packages" | "benefits" | "marketingContacts" | "users">): TenantOverview {
  return {
    // By instant: purchase times may carry any UTC offset, so their text does not sort by time.
    packages: read.packages.map((s) => s.value).sort((a, b) => Date.parse(a.purchasedAt) - Date.parse(b.purchasedAt)),
    benefits: read.benefits.map((s) => s.value).sort((a, b) => a.name.localeCompare(b.name)),
    marketingContact: read.marketingContacts.find((s) => s.value.id === MARKETING_CONTACT_ID)?.value,
    users: byDisplayName(read.users.map((s) => s.value)),
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
