import type { Container } from "@azure/cosmos";
import { z } from "zod";
import type { PendingAuditFinder, PendingAuditRef } from "../benefits/ports";
import { idSchema, tenantIdSchema } from "../benefits/types";
import { withCosmosErrors } from "./cosmosErrors";

const refSchema = z.object({ id: idSchema, type: z.string().min(1).max(40) });

/**
 * Finds documents whose outbox still holds audit entries, every tombstone (a removal whose delete a crash or a
 * failure stopped), and the admin set when it still lists role changes not yet on their entries: the same sweep
 * finishes all three, found in the same query. A relayed outbox is removed from the document (not left
 * empty), so "defined" is "pending"; the length check keeps an empty array written by hand from being swept forever.
 */
export class PendingAuditStore implements PendingAuditFinder {
  constructor(private readonly container: Container) {}

  async find(tenantId: string): Promise<PendingAuditRef[]> {
    if (!tenantIdSchema.safeParse(tenantId).success) return [];
    const query = {
      query:
        "SELECT c.id, c.type FROM c WHERE c.tenantId = @tenantId AND ((IS_DEFINED(c.outbox) AND ARRAY_LENGTH(c.outbox) > 0) OR " +
        '(c.type = "adminSet" AND IS_DEFINED(c.pending) AND ARRAY_LENGTH(c.pending) > 0) OR c.type = "tombstone")',
      parameters: [{ name: "@tenantId", value: tenantId }],
    };
    const { resources } = await withCosmosErrors(() => this.container.items.query(query, { partitionKey: tenantId }).fetchAll());
    return resources.flatMap((r) => {
      const parsed = refSchema.safeParse(r);
      return parsed.success ? [parsed.data] : [];
    });
  }
}
