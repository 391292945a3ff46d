import type { Container } from "@azure/cosmos";
import { z } from "zod";
import { isBenefitsError } from "../benefits/errors";
import { SYSTEM_PARTITION } from "../benefits/notificationTypes";
import type { RegisteredTenants, TenantRegistry } from "../benefits/ports";
import { tenantIdSchema } from "../benefits/types";
import { TenantDocumentStore } from "./tenantDocumentStore";

export const TENANT_REGISTRY_ID = "tenants";
/** Registrations racing on the one document: each retry re-reads it, so the loser adds itself to the winner's list. */
const WRITE_ATTEMPTS = 5;

const registrySchema = z.object({
  type: z.literal("tenantRegistry"),
  id: z.literal(TENANT_REGISTRY_ID),
  tenantId: z.literal(SYSTEM_PARTITION),
  version: z.number().int().nonnegative(),
  // A tenant id is ≤ 64 characters: 20,000 of them stay far below Cosmos DB's 2 MB per document.
  tenantIds: z.array(tenantIdSchema).max(20_000),
  unstamped: z.array(tenantIdSchema).max(20_000),
});
type Registry = z.infer<typeof registrySchema>;

/**
 * One document in the system partition listing every tenant, so a tick reads the tenant list with one point read
 * instead of a query across all partitions. When the document does not exist yet (data from before it), it is built
 * once from `legacyTenantIds`, and those tenants are marked unstamped.
 */
export class CosmosTenantRegistry implements TenantRegistry {
  private readonly store: TenantDocumentStore<Registry>;
  /** Tenants this process has seen in the document: a registry only grows, so this never goes stale. */
  private readonly known = new Set<string>();

  constructor(container: Container, private readonly legacyTenantIds: () => Promise<string[]>) {
    this.store = new TenantDocumentStore(container, "tenantRegistry", registrySchema);
  }

  async register(tenantId: string): Promise<void> {
    if (this.known.has(tenantId)) return;
    await this.update((registry) => (registry.tenantIds.includes(tenantId) ? registry : { ...registry, tenantIds: [...registry.tenantIds, tenantId].sort() }));
    this.known.add(tenantId);
  }

  async list(): Promise<RegisteredTenants> {
    const current = await this.store.get(SYSTEM_PARTITION, TENANT_REGISTRY_ID);
    const registry = current?.value ?? (await this.update((r) => r));
    for (const id of registry.tenantIds) this.known.add(id);
    return { tenantIds: registry.tenantIds, unstamped: registry.unstamped };
  }

  async markStamped(tenantId: string): Promise<void> {
    await this.update((registry) => (registry.unstamped.includes(tenantId) ? { ...registry, unstamped: registry.unstamped.filter((id) => id !== tenantId) } : registry));
  }

  /** Applies `change` with If-Match (or creates the document); writes nothing when it changes nothing. */
  private async update(change: (registry: Registry) => Registry): Promise<Registry> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.store.get(SYSTEM_PARTITION, TENANT_REGISTRY_ID);
      try {
        if (current === undefined) {
          const legacy = await this.legacyTenantIds();
          const first: Registry = { type: "tenantRegistry", id: TENANT_REGISTRY_ID, tenantId: SYSTEM_PARTITION, version: 0, tenantIds: legacy, unstamped: legacy };
          const created = change(first);
          return (await this.store.create({ ...created, tenantIds: [...new Set(created.tenantIds)].sort() })).value;
        }
        const changed = change(current.value);
        if (changed === current.value) return current.value;
        return (await this.store.replace({ ...changed, version: current.value.version + 1 }, current.etag)).value;
      } catch (error) {
        const lostRace = isBenefitsError(error, "CONFLICT") || isBenefitsError(error, "ALREADY_EXISTS") || isBenefitsError(error, "NOT_FOUND");
        if (!lostRace || attempt >= WRITE_ATTEMPTS) throw error;
      }
    }
  }
}
