import type { DocumentRepository, Stored } from "../ports";
import type { Benefit } from "../types";
import { nextNotificationAt } from "./nextNotification";

/**
 * The benefits repository every use case writes through: each create and replace stores the benefit's next
 * notification moment, computed from what is written, so no write (a use case, an import, a test's fixture) can leave
 * it stale and the scheduler can query only the benefits whose moment has come.
 */
export function withNotificationMoments(inner: DocumentRepository<Benefit>): DocumentRepository<Benefit> {
  const stamped = (benefit: Benefit): Benefit => ({ ...benefit, nextNotificationAt: nextNotificationAt(benefit) });
  return {
    get: (tenantId, id) => inner.get(tenantId, id),
    list: (tenantId) => inner.list(tenantId),
    create: (doc): Promise<Stored<Benefit>> => inner.create(stamped(doc)),
    replace: (doc, etag, relayed): Promise<Stored<Benefit>> => inner.replace(stamped(doc), etag, relayed),
    delete: (tenantId, id, etag) => inner.delete(tenantId, id, etag),
  };
}
