import type { Container, JSONObject, OperationInput, OperationResponse } from "@azure/cosmos";
import { z } from "zod";
import { BenefitsError } from "../benefits/errors";
import { auditEntrySchema, outboxSchema, type AuditEntry } from "../benefits/types";
import { runBatch } from "./cosmosBatch";
import { cosmosErrorToBenefitsError, withCosmosErrors } from "./cosmosErrors";

const ALREADY_THERE = 409;
const existingTypeSchema = z.looseObject({ type: z.string() });

/** How an audit entry is stored in the log: `atEpochMs` orders it, since `at` may carry any UTC offset (see AuditStore). */
export function auditLogDocument(entry: AuditEntry): Record<string, unknown> {
  const parsed = auditEntrySchema.parse(entry);
  return { ...parsed, atEpochMs: Date.parse(parsed.at) };
}

/** A document as a batch operation carries it: its JSON, exactly what a single write would send. */
export function jsonBody(document: object): JSONObject {
  const json: unknown = JSON.parse(JSON.stringify(document));
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new Error("a document is a JSON object");
  return Object.fromEntries(Object.entries(json));
}

/** The audit entries a stored document still carries in its outbox (none when it has no valid outbox). */
export function pendingEntriesOf(document: object): AuditEntry[] {
  const outbox = outboxSchema.safeParse("outbox" in document ? document.outbox : undefined);
  return outbox.success ? (outbox.data ?? []) : [];
}

/**
 * One write of a tenant's document together with the creation of audit entries in the log, in one request: a
 * transactional batch in the tenant's partition, the entries first. On Cosmos DB the batch is atomic; where it is
 * not (the embedded test server runs the operations in order and stops at the first failure), the write still happens
 * only after every entry was created, so an entry removed from an outbox by this write is always in the log.
 * An entry already in the log (409) is the same change copied before: it is left out and the batch sent again.
 */
export async function writeWithAuditCopies(container: Container, tenantId: string, entries: readonly AuditEntry[], write: OperationInput): Promise<OperationResponse> {
  let toCopy = [...entries];
  for (;;) {
    const operations: OperationInput[] = [...toCopy.map((entry) => ({ operationType: "Create" as const, partitionKey: tenantId, resourceBody: jsonBody(auditLogDocument(entry)) })), { ...write, partitionKey: tenantId }];
    const results = await runBatch(container, tenantId, operations);
    const copied = await alreadyCopied(container, tenantId, toCopy, results);
    if (copied.size > 0) {
      toCopy = toCopy.filter((entry) => !copied.has(entry.id));
      continue;
    }
    const failed = results.findIndex((result) => result.statusCode >= 400 && result.statusCode !== 424);
    if (failed >= 0) throw codedFailure(results[failed]?.statusCode ?? 500, failed < toCopy.length ? toCopy[failed]?.id : undefined);
    const written = results[toCopy.length];
    if (written === undefined) throw new BenefitsError("UNAVAILABLE", "The data store answered a batch without its write.", { tenantId });
    return written;
  }
}

/** Entries whose create answered 409 and whose id holds an audit entry; an id taken by another kind is an error, as in AuditStore.append. */
async function alreadyCopied(container: Container, tenantId: string, entries: readonly AuditEntry[], results: readonly OperationResponse[]): Promise<Set<string>> {
  const copied = new Set<string>();
  for (const [index, entry] of entries.entries()) {
    if (results[index]?.statusCode !== ALREADY_THERE) continue;
    const { resource } = await withCosmosErrors(() => container.item(entry.id, tenantId).read());
    const existing = existingTypeSchema.safeParse(resource);
    if (!existing.success || existing.data.type !== "audit") throw codedFailure(ALREADY_THERE, entry.id);
    copied.add(entry.id);
  }
  return copied;
}

function codedFailure(status: number, id: string | undefined): Error {
  const coded = cosmosErrorToBenefitsError({ code: status });
  if (coded === undefined) return new Error(`A batch write failed with status ${status}${id === undefined ? "" : ` at ${id}`}`);
  return new BenefitsError(coded.code, coded.message, { ...coded.details, ...(id === undefined ? {} : { id }) }, coded.retryAfterMs);
}
