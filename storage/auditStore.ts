import type { Container } from "@azure/cosmos";
import { isBenefitsError } from "../benefits/errors";
import type { AuditLog } from "../benefits/ports";
import { auditEntrySchema, type AuditEntry } from "../benefits/types";
import { auditLogDocument, pendingEntriesOf } from "./auditCopies";
import { withCosmosErrors } from "./cosmosErrors";
import { splitCosmosResource } from "./cosmosResource";
import { TenantDocumentStore } from "./tenantDocumentStore";

/**
 * Audit entries in tenantData (type "audit"), newest first through `TOP @limit ... ORDER BY`, which both real Cosmos
 * and the embedded server run (the embedded one has no OFFSET/LIMIT).
 * Each document also carries `atEpochMs`: `at` may hold any UTC offset, so its text does not sort by time.
 */
export class AuditStore implements AuditLog {
  private readonly entries: TenantDocumentStore<AuditEntry>;

  constructor(private readonly container: Container) {
    this.entries = new TenantDocumentStore(container, "audit", auditEntrySchema);
  }

  async append(entry: AuditEntry): Promise<void> {
    const parsed = auditEntrySchema.parse(entry);
    try {
      await withCosmosErrors(() => this.container.items.create(auditLogDocument(parsed)));
    } catch (error) {
      if (!isBenefitsError(error, "ALREADY_EXISTS")) throw error;
      // Same id again is the same change again, unless the id belongs to a document of another kind.
      const existing = await this.entries.get(parsed.tenantId, parsed.id);
      if (existing === undefined) throw error;
    }
  }

  async recent(tenantId: string, limit: number): Promise<AuditEntry[]> {
    const top = Math.floor(limit);
    if (!Number.isFinite(top) || top < 1) return [];
    const query = {
      query: "SELECT TOP @top * FROM c WHERE c.tenantId = @tenantId AND c.type = @type ORDER BY c.atEpochMs DESC",
      parameters: [
        { name: "@top", value: top },
        { name: "@tenantId", value: tenantId },
        { name: "@type", value: "audit" },
      ],
    };
    const [logged, pending] = await Promise.all([
      withCosmosErrors(() => this.container.items.query(query, { partitionKey: tenantId }).fetchAll()),
      this.pending(tenantId),
    ]);
    const entries = logged.resources.map((resource) => auditEntrySchema.parse(splitCosmosResource(resource).body));
    // A change's entry waits in its document's outbox until the next write of it or the scheduler copies it: it is
    // part of the history all the same. An entry copied but not yet removed is in both: it counts once.
    const inLog = new Set(entries.map((entry) => entry.id));
    const waiting = pending.filter((entry) => !inLog.has(entry.id) && entry.tenantId === tenantId);
    if (waiting.length === 0) return entries;
    return [...waiting, ...entries].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, top);
  }

  /** The entries still in the outboxes of the tenant's documents (one query; see PendingAuditStore). */
  private async pending(tenantId: string): Promise<AuditEntry[]> {
    const query = {
      query: "SELECT c.outbox FROM c WHERE c.tenantId = @tenantId AND IS_DEFINED(c.outbox) AND ARRAY_LENGTH(c.outbox) > 0",
      parameters: [{ name: "@tenantId", value: tenantId }],
    };
    const { resources } = await withCosmosErrors(() => this.container.items.query<Record<string, unknown>>(query, { partitionKey: tenantId }).fetchAll());
    return resources.flatMap((resource) => pendingEntriesOf(resource));
  }
}
