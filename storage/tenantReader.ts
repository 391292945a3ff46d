import type { Container } from "@azure/cosmos";
import type { DocumentsTogether, Stored, TenantDocumentKind, TenantDocumentKinds } from "../benefits/ports";
import { tenantIdSchema } from "../benefits/types";
import { withCosmosErrors } from "./cosmosErrors";
import type { TenantDocumentStore } from "./tenantDocumentStore";

type Stores = { readonly [K in TenantDocumentKind]: TenantDocumentStore<TenantDocumentKinds[K]> };

/** The kinds read whole: what a turn reads of them is the complete list, so its later reads can be served from it. */
const WHOLE_KINDS: readonly TenantDocumentKind[] = ["users", "packages", "benefits", "marketingContacts"];
const TYPE_OF: Readonly<Record<TenantDocumentKind, string>> = {
  users: "user",
  packages: "package",
  benefits: "benefit",
  marketingContacts: "marketingContact",
  waitingNotifications: "notification",
};
const WAITING = 'c.type = "notification" AND c.state = "planned" AND IS_DEFINED(c.waitingFor)';

/**
 * One single-partition query for several kinds of a tenant's documents (the overview needs five). The tenant filter
 * is in the query itself, as in every list; each document is then parsed by the repository of its type.
 */
export function tenantReader(container: Container, stores: Stores) {
  return async function readTogether<K extends TenantDocumentKind>(tenantId: string, kinds: readonly K[]): Promise<DocumentsTogether<K>> {
    const wanted = [...new Set(kinds)];
    const result = Object.fromEntries(wanted.map((kind) => [kind, [] as Stored<unknown>[]])) as Record<K, Stored<unknown>[]>;
    if (!tenantIdSchema.safeParse(tenantId).success || wanted.length === 0) return result as DocumentsTogether<K>;
    const whole = wanted.filter((kind) => WHOLE_KINDS.includes(kind));
    const conditions = [...(whole.length > 0 ? ["ARRAY_CONTAINS(@types, c.type)"] : []), ...(wanted.includes("waitingNotifications" as K) ? [WAITING] : [])];
    const query = {
      query: `SELECT * FROM c WHERE c.tenantId = @tenantId AND (${conditions.join(" OR ")})`,
      parameters: [
        { name: "@tenantId", value: tenantId },
        { name: "@types", value: whole.map((kind) => TYPE_OF[kind]) },
      ],
    };
    const { resources } = await withCosmosErrors(() => container.items.query<Record<string, unknown>>(query, { partitionKey: tenantId }).fetchAll());
    const kindOfType = new Map(wanted.map((kind) => [TYPE_OF[kind], kind]));
    for (const resource of resources) {
      const kind = kindOfType.get(String(resource.type));
      if (kind === undefined) continue;
      result[kind].push(stores[kind].storedFrom(resource, tenantId));
    }
    for (const kind of whole) rememberWhole(stores, kind, tenantId, result[kind]);
    return result as DocumentsTogether<K>;
  };
}

function rememberWhole<K extends TenantDocumentKind>(stores: Stores, kind: K, tenantId: string, stored: Stored<unknown>[]): void {
  // Each entry was parsed by stores[kind] itself just above.
  stores[kind].rememberListForTurn(tenantId, stored as Stored<TenantDocumentKinds[K]>[]);
}
