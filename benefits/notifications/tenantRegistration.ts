import type { DocumentRepository, Stored, TenantScoped, TenantRegistry } from "../ports";

/**
 * A repository whose creates register the tenant first, so the scheduler learns of a tenant when its first package or
 * benefit is stored (an import, the demo seed) without ever listing partitions. Registered before the write: a
 * tenant registered whose write then failed costs an empty look per tick, a tenant stored but not registered would
 * never be served.
 */
export function registeringTenants<T extends TenantScoped>(inner: DocumentRepository<T>, registry: TenantRegistry): DocumentRepository<T> {
  return {
    get: (tenantId, id) => inner.get(tenantId, id),
    list: (tenantId) => inner.list(tenantId),
    async create(doc): Promise<Stored<T>> {
      await registry.register(doc.tenantId);
      return inner.create(doc);
    },
    replace: (doc, etag, relayed) => inner.replace(doc, etag, relayed),
    delete: (tenantId, id, etag) => inner.delete(tenantId, id, etag),
  };
}
