import type { Container } from "@azure/cosmos";
import type { Stored, TombstoneRepository } from "../benefits/ports";
import { tombstoneSchema, type Tombstone } from "../benefits/types";
import { TenantDocumentStore } from "./tenantDocumentStore";

/** What a tombstone write must make forget its turn reads: the store of the kind being removed. */
export interface BuriedKinds {
  forgetTurnReads(tenantId: string): void;
}

/**
 * Tombstones share their id with the document they replace, so `bury` is a replace of that document with If-Match on
 * the etag the caller checked. The removed kind's store forgets what this turn read of the tenant: a later read in the
 * same turn must not be answered with the document that is gone.
 */
export class TombstoneStore implements TombstoneRepository {
  private readonly store: TenantDocumentStore<Tombstone>;

  constructor(
    container: Container,
    private readonly buriedKinds: readonly BuriedKinds[],
  ) {
    this.store = new TenantDocumentStore(container, "tombstone", tombstoneSchema);
  }

  async bury(tombstone: Tombstone, etag: string): Promise<Stored<Tombstone>> {
    this.forget(tombstone.tenantId);
    try {
      return await this.store.replace(tombstone, etag);
    } finally {
      this.forget(tombstone.tenantId);
    }
  }

  get(tenantId: string, id: string): Promise<Stored<Tombstone> | undefined> {
    return this.store.get(tenantId, id);
  }

  delete(tenantId: string, id: string, etag: string): Promise<void> {
    return this.store.delete(tenantId, id, etag);
  }

  private forget(tenantId: string): void {
    for (const kind of this.buriedKinds) kind.forgetTurnReads(tenantId);
  }
}
