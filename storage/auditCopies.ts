import type { Container, JSONObject, OperationInput, OperationResponse } from "@azure/cosmos";
import { isDeepStrictEqual } from "node:util";
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
 * An entry already in the log (409) is the same change copied before: it is left out and the batch sent again. An id
 * that holds another change is an earlier life of a document removed and created again under the same id (versions
 * start at 0 again): the entry is copied under an id of its own instead (see copyIdOf), and nothing is lost.
 */
export async function writeWithAuditCopies(container: Container, tenantId: string, entries: readonly AuditEntry[], write: OperationInput): Promise<OperationResponse> {
  let toCopy = [...entries];
  for (;;) {
    const operations: OperationInput[] = [...toCopy.map((entry) => ({ operationType: "Create" as const, partitionKey: tenantId, resourceBody: jsonBody(auditLogDocument(entry)) })), { ...write, partitionKey: tenantId }];
    const results = await runBatch(container, tenantId, operations);
    const { copied, renamed } = await takenIds(container, tenantId, toCopy, results);
    if (copied.size > 0 || renamed.size > 0) {
      toCopy = toCopy.filter((entry) => !copied.has(entry.id)).map((entry) => renamed.get(entry.id) ?? entry);
      continue;
    }
    const failed = results.findIndex((result) => result.statusCode >= 400 && result.statusCode !== 424);
    if (failed >= 0) throw codedFailure(results[failed]?.statusCode ?? 500, failed < toCopy.length ? toCopy[failed]?.id : undefined);
    const written = results[toCopy.length];
    if (written === undefined) throw new BenefitsError("UNAVAILABLE", "The data store answered a batch without its write.", { tenantId });
    return written;
  }
}

/**
 * The id of an entry whose own id an earlier life of its document took: deterministic (from when the change was
 * made), so copying it again finds it there.
 */
export function copyIdOf(entry: AuditEntry): string {
  return `${entry.id}${lifeSuffix(entry)}`;
}

function lifeSuffix(entry: AuditEntry): string {
  return `:${Date.parse(entry.at).toString(36)}`;
}

const loggedEntrySchema = auditEntrySchema.loose();

/** The same change as the one logged under its id (copied before), not another life's change with the same id. */
function isSameChange(entry: AuditEntry, logged: AuditEntry): boolean {
  const change = ({ at, actorId, action, targetId, before, after }: AuditEntry) => ({ at: Date.parse(at), actorId, action, targetId, before, after });
  return isDeepStrictEqual(change(entry), change(logged));
}

/**
 * Of the entries whose create answered 409: those already in the log (the same change), and those whose id holds
 * another change (to be copied under copyIdOf). An id taken by another kind is an error, as in AuditStore.append.
 */
async function takenIds(container: Container, tenantId: string, entries: readonly AuditEntry[], results: readonly OperationResponse[]): Promise<{ copied: Set<string>; renamed: Map<string, AuditEntry> }> {
  const copied = new Set<string>();
  const renamed = new Map<string, AuditEntry>();
  for (const [index, entry] of entries.entries()) {
    if (results[index]?.statusCode !== ALREADY_THERE) continue;
    const { resource } = await withCosmosErrors(() => container.item(entry.id, tenantId).read());
    const existing = existingTypeSchema.safeParse(resource);
    if (!existing.success || existing.data.type !== "audit") throw codedFailure(ALREADY_THERE, entry.id);
    const logged = loggedEntrySchema.safeParse(resource);
    if (logged.success && !isSameChange(entry, logged.data)) {
      // Already renamed once: two lives changed at the same millisecond. Left to fail loudly rather than guess.
      if (entry.id.endsWith(lifeSuffix(entry))) throw codedFailure(ALREADY_THERE, entry.id);
      renamed.set(entry.id, { ...entry, id: copyIdOf(entry) });
    } else copied.add(entry.id);
  }
  return { copied, renamed };
}

function codedFailure(status: number, id: string | undefined): Error {
  const coded = cosmosErrorToBenefitsError({ code: status });
  if (coded === undefined) return new Error(`A batch write failed with status ${status}${id === undefined ? "" : ` at ${id}`}`);
  return new BenefitsError(coded.code, coded.message, { ...coded.details, ...(id === undefined ? {} : { id }) }, coded.retryAfterMs);
}
