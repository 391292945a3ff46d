import type { Container, SqlParameter } from "@azure/cosmos";
import type { z } from "zod";
import { isBenefitsError } from "../benefits/errors";
import { notificationSchema, type Notification } from "../benefits/notificationTypes";
import type { Stored, SweepQueries } from "../benefits/ports";
import { benefitSchema, idSchema, tenantIdSchema, type Benefit } from "../benefits/types";
import { withCosmosErrors } from "./cosmosErrors";
import { splitCosmosResource } from "./cosmosResource";

/**
 * The scheduler's single-partition queries. Each names the tenant (the filter is the isolation; the partitionKey
 * option routes it on Azure) and returns only documents a tick acts on, so an idle tick reads next to nothing
 * whatever the tenant holds. Timestamps compare as ISO strings: every one queried here is written by toISOString().
 */
export class CosmosSweepQueries implements SweepQueries {
  constructor(private readonly container: Container) {}

  dueBenefits(tenantId: string, now: Date): Promise<Stored<Benefit>[]> {
    return this.select(tenantId, "benefit", "c.nextNotificationAt <= @now", [{ name: "@now", value: now.toISOString() }], benefitSchema);
  }

  notificationsAbout(tenantId: string, benefitIds: readonly string[]): Promise<Stored<Notification>[]> {
    const ids = benefitIds.filter((id) => idSchema.safeParse(id).success);
    if (ids.length === 0) return Promise.resolve([]);
    return this.select(tenantId, "notification", "ARRAY_CONTAINS(@ids, c.benefitId)", [{ name: "@ids", value: [...new Set(ids)] }], notificationSchema);
  }

  sendableNotifications(tenantId: string, now: Date): Promise<Stored<Notification>[]> {
    // A claim (`sending`) keeps the notBefore it was claimed past, so one condition serves both states. `??` rather
    // than NOT IS_DEFINED: the test server compiles the latter slowly enough to show in a tick.
    const sendable = `c.state IN ("planned", "sending") AND (c.notBefore ?? "") <= @now`;
    return this.select(tenantId, "notification", sendable, [{ name: "@now", value: now.toISOString() }], notificationSchema);
  }

  async purgeSettledNotifications(tenantId: string, before: Date): Promise<number> {
    if (!tenantIdSchema.safeParse(tenantId).success) return 0;
    const query = {
      query: `SELECT c.id FROM c WHERE c.tenantId = @tenantId AND c.type = "notification" AND (c.state = "sent" OR c.state = "unreachable") AND c.settledAt <= @before`,
      parameters: [
        { name: "@tenantId", value: tenantId },
        { name: "@before", value: before.toISOString() },
      ],
    };
    const { resources } = await withCosmosErrors(() => this.container.items.query<{ id: string }>(query, { partitionKey: tenantId }).fetchAll());
    let deleted = 0;
    for (const { id } of resources) {
      try {
        await withCosmosErrors(() => this.container.item(id, tenantId).delete());
        deleted++;
      } catch (error) {
        // Expired by Cosmos DB's TTL, or purged by another instance, meanwhile.
        if (!isBenefitsError(error, "NOT_FOUND")) throw error;
      }
    }
    return deleted;
  }

  private async select<T extends { readonly tenantId: string; readonly type: string }>(
    tenantId: string,
    type: T["type"],
    condition: string,
    parameters: SqlParameter[],
    schema: z.ZodType<T>,
  ): Promise<Stored<T>[]> {
    if (!tenantIdSchema.safeParse(tenantId).success) return [];
    const query = {
      query: `SELECT * FROM c WHERE c.tenantId = @tenantId AND c.type = @type AND ${condition}`,
      parameters: [{ name: "@tenantId", value: tenantId }, { name: "@type", value: type }, ...parameters],
    };
    const { resources } = await withCosmosErrors(() => this.container.items.query(query, { partitionKey: tenantId }).fetchAll());
    return resources.map((resource) => {
      const { etag, body } = splitCosmosResource(resource);
      const value = schema.parse(body);
      if (value.tenantId !== tenantId || value.type !== type) throw new Error(`A ${type} query of tenant ${tenantId} returned another document`);
      return { value, etag };
    });
  }
}
