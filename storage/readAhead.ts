import type { Container, OperationInput, OperationResponse } from "@azure/cosmos";
import { isBenefitsError } from "../benefits/errors";
import type { ReadAheadKind, ReadAheadIds, TenantDocumentKinds } from "../benefits/ports";
import { runBatch } from "./cosmosBatch";
import type { TenantDocumentStore } from "./tenantDocumentStore";

type Stores = { readonly [K in ReadAheadKind]: TenantDocumentStore<TenantDocumentKinds[K]> };

/** A transactional batch holds at most 100 operations. */
const MAX_BATCH_OPERATIONS = 100;
const NOT_FOUND = 404;

interface Wanted {
  readonly store: Stores[ReadAheadKind];
  readonly id: string;
}

/**
 * Documents of one tenant that a turn is about to read by id, fetched in one request (a transactional batch of point
 * reads in the tenant's partition) instead of one request each. Each document goes through its repository's checks
 * (tenant, type, schema) and becomes that repository's read for the rest of the turn, exactly as a get() would.
 *
 * Outside a turn nothing is fetched: there would be no turn to answer the later reads from.
 * A batch stops at an absent document (the ones after it come back 424, unanswered): those are left for their own
 * reads, so an absent id costs requests, never a wrong answer.
 */
export function readAhead(container: Container, stores: Stores) {
  return async function readByIds(tenantId: string, ids: ReadAheadIds): Promise<void> {
    const wanted = unread(stores, tenantId, ids);
    if (wanted.length < 2) return;
    const operations: OperationInput[] = wanted.map(({ id }) => ({ operationType: "Read", id, partitionKey: tenantId }));
    let results: OperationResponse[];
    try {
      results = await runBatch(container, tenantId, operations);
    } catch (error) {
      // Only a shortcut: when the store fails it, the reads are made one by one, each answering for itself.
      if (isBenefitsError(error)) return;
      throw error;
    }
    results.forEach((result, index) => {
      const one = wanted[index];
      if (one === undefined) return;
      if (result.statusCode === NOT_FOUND) one.store.rememberReadForTurn(tenantId, one.id, undefined);
      else if (result.statusCode < 300 && isResource(result.resourceBody)) one.store.rememberReadForTurn(tenantId, one.id, result.resourceBody);
    });
  };
}

function unread(stores: Stores, tenantId: string, ids: ReadAheadIds): Wanted[] {
  const seen = new Set<string>();
  const wanted: Wanted[] = [];
  for (const kind of Object.keys(ids) as ReadAheadKind[]) {
    const store = stores[kind];
    for (const id of ids[kind] ?? []) {
      // Ids are unique per partition, whatever the kind: one read answers one id once.
      if (seen.has(id) || !store.unreadThisTurn(tenantId, id)) continue;
      seen.add(id);
      wanted.push({ store, id });
    }
  }
  return wanted.slice(0, MAX_BATCH_OPERATIONS);
}

function isResource(body: unknown): body is Record<string, unknown> {
  return typeof body === "object" && body !== null && !Array.isArray(body);
}
