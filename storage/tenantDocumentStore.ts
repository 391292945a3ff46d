import type { Container, ItemResponse, ItemDefinition } from "@azure/cosmos";
import type { z } from "zod";
import { BenefitsError, isBenefitsError } from "../benefits/errors";
import type { DocumentRepository, Stored, TenantScoped } from "../benefits/ports";
import { idSchema, tenantIdSchema } from "../benefits/types";
import type { AuditEntry } from "../benefits/types";
import { jsonBody, pendingEntriesOf, writeWithAuditCopies } from "./auditCopies";
import { withCosmosErrors } from "./cosmosErrors";
import { splitCosmosResource } from "./cosmosResource";
import { ParsedVersions } from "./parsedVersions";
import { ReadsPerTurn, type RepositoryReads } from "./turnReads";

export type TypedDocument = TenantScoped & { readonly type: string };

/** How often a delete without an etag re-reads after losing a race with a concurrent write. */
const DELETE_ATTEMPTS = 3;

/**
 * One kind of business document (`type`) in the tenantData container.
 * Ids are unique per partition, not per type: every read checks the type, so an id from card data can never
 * make one repository read, or delete, a document of another kind.
 */
export class TenantDocumentStore<T extends TypedDocument> implements DocumentRepository<T> {
  private readonly parsed = new ParsedVersions<T>();

  constructor(
    private readonly container: Container,
    private readonly type: T["type"],
    private readonly schema: z.ZodType<T>,
  ) {}

  async get(tenantId: string, id: string): Promise<Stored<T> | undefined> {
    // No document can have an id or tenant outside the schemas; do not send such a key to the store.
    if (!idSchema.safeParse(id).success || !tenantIdSchema.safeParse(tenantId).success) return undefined;
    const reads = this.turnReads();
    const known = reads === undefined ? "unknown" : reads.point(tenantId, id);
    if (known !== "unknown") return known;
    const stored = await this.readFromStore(tenantId, id);
    reads?.rememberPoint(tenantId, id, stored);
    return stored;
  }

  private async readFromStore(tenantId: string, id: string): Promise<Stored<T> | undefined> {
    const response = await this.readItem(tenantId, id);
    return response?.resource === undefined ? undefined : this.readById(tenantId, id, response.resource);
  }

  /** What a read by id returned, checked: another tenant's or another kind's document under this id is "absent". */
  private readById(tenantId: string, id: string, resource: Record<string, unknown>): Stored<T> | undefined {
    const known = this.knownVersion(tenantId, resource);
    if (known !== undefined) return known;
    const { etag, body } = splitCosmosResource(resource);
    if (body.tenantId !== tenantId || body.type !== this.type || body.id !== id) return undefined;
    return { value: this.parsed.remember(tenantId, id, etag, this.parseStored(body)), etag };
  }

  /** Whether a read of this id would ask the store: inside a turn that has not read it yet (see storage/readAhead.ts). */
  unreadThisTurn(tenantId: string, id: string): boolean {
    const reads = this.turnReads();
    return reads !== undefined && idSchema.safeParse(id).success && tenantIdSchema.safeParse(tenantId).success && reads.point(tenantId, id) === "unknown";
  }

  /** A document another request of this turn read by id (undefined: it is not there), checked as get() checks it. */
  rememberReadForTurn(tenantId: string, id: string, resource: Record<string, unknown> | undefined): void {
    const reads = this.turnReads();
    if (reads === undefined) return;
    reads.rememberPoint(tenantId, id, resource === undefined ? undefined : this.readById(tenantId, id, resource));
  }

  /** The document as parsed before, when this exact version of it (same etag) was already read in this tenant. */
  private knownVersion(tenantId: string, resource: Record<string, unknown>): Stored<T> | undefined {
    const value = this.parsed.get(tenantId, resource.id, resource._etag);
    return value === undefined || resource.type !== this.type || resource.tenantId !== tenantId ? undefined : { value, etag: String(resource._etag) };
  }

  async list(tenantId: string): Promise<Stored<T>[]> {
    if (!tenantIdSchema.safeParse(tenantId).success) return [];
    const reads = this.turnReads();
    const known = reads?.list(tenantId);
    if (known !== undefined) return [...known];
    // The explicit tenant filter is the isolation; the partitionKey option only routes (the embedded server ignores it).
    const query = {
      query: "SELECT * FROM c WHERE c.tenantId = @tenantId AND c.type = @type",
      parameters: [
        { name: "@tenantId", value: tenantId },
        { name: "@type", value: this.type },
      ],
    };
    const { resources } = await withCosmosErrors(() => this.container.items.query(query, { partitionKey: tenantId }).fetchAll());
    const stored = resources.map((resource) => this.storedFrom(resource, tenantId));
    reads?.rememberList(tenantId, stored);
    return [...stored];
  }

  /**
   * A document of this type that a query of several types returned (see TenantReader), checked as every read is:
   * this tenant, this type, this schema.
   */
  storedFrom(resource: Record<string, unknown>, tenantId: string): Stored<T> {
    const known = this.knownVersion(tenantId, resource);
    if (known !== undefined) return known;
    const { etag, body } = splitCosmosResource(resource);
    if (body.type !== this.type || body.tenantId !== tenantId) {
      throw new Error(`A ${String(body.type)} of tenant ${String(body.tenantId)} was read as a ${this.type} of ${tenantId}`);
    }
    return { value: this.parsed.remember(tenantId, String(body.id), etag, this.parseStored(body)), etag };
  }

  /** The whole list of this type in the tenant was read by someone else this turn (TenantReader): later reads use it. */
  rememberListForTurn(tenantId: string, stored: readonly Stored<T>[]): void {
    this.turnReads()?.rememberList(tenantId, stored);
  }

  async create(doc: T): Promise<Stored<T>> {
    const body = this.parseForWrite(doc);
    const response = await this.writing(doc.tenantId, () => withCosmosErrors(() => this.container.items.create(body)));
    return this.toStored(response);
  }

  async replace(doc: T, etag: string, relayed: readonly AuditEntry[] = []): Promise<Stored<T>> {
    const copied = new Set(relayed.map((entry) => entry.id));
    const body = this.parseForWrite(copied.size === 0 ? doc : withoutEntries(doc, copied));
    if (copied.size > 0) {
      const written = await this.writing(doc.tenantId, () =>
        writeWithAuditCopies(this.container, doc.tenantId, relayed, { operationType: "Replace", id: doc.id, ifMatch: etag, resourceBody: jsonBody(body) }),
      );
      return this.toStoredResource(written.resourceBody);
    }
    const response = await this.writing(doc.tenantId, () =>
      withCosmosErrors(() => this.container.item(doc.id, doc.tenantId).replace(body, { accessCondition: { type: "IfMatch", condition: etag } })),
    );
    return this.toStored(response);
  }

  async delete(tenantId: string, id: string, etag?: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(tenantId, id);
      if (current === undefined) return;
      if (etag !== undefined && etag !== current.etag) {
        throw new BenefitsError("CONFLICT", "The document changed since it was read.", { id });
      }
      try {
        // Entries still in the document's outbox reach the log first (a write of their own): a delete never drops them.
        const pending = pendingEntriesOf(current.value);
        const deleted = pending.length === 0 ? current : await this.replace(current.value, current.etag, pending);
        await this.writing(tenantId, () =>
          withCosmosErrors(() => this.container.item(id, tenantId).delete({ accessCondition: { type: "IfMatch", condition: deleted.etag } })),
        );
        return;
      } catch (error) {
        if (isBenefitsError(error, "NOT_FOUND")) return;
        // Without an etag the caller asked for no condition: a write that slipped in between is read again, a few times.
        const retry = isBenefitsError(error, "CONFLICT") && etag === undefined && attempt < DELETE_ATTEMPTS;
        if (!retry) throw error;
      }
    }
  }

  /** Another store wrote over one of these documents (a tombstone): this turn's reads of the tenant must not answer. */
  forgetTurnReads(tenantId: string): void {
    this.turnReads()?.forget(tenantId);
  }

  /** A write, before and after which this turn's reads of the tenant's documents of this type are forgotten. */
  private async writing<R>(tenantId: string, write: () => Promise<R>): Promise<R> {
    this.turnReads()?.forget(tenantId);
    try {
      return await write();
    } finally {
      this.turnReads()?.forget(tenantId);
    }
  }

  private readonly readsPerTurn = new ReadsPerTurn<T>();

  private turnReads(): RepositoryReads<T> | undefined {
    return this.readsPerTurn.current();
  }

  private async readItem(tenantId: string, id: string): Promise<ItemResponse<ItemDefinition> | undefined> {
    try {
      const response = await withCosmosErrors(() => this.container.item(id, tenantId).read());
      return response.statusCode === 404 ? undefined : response;
    } catch (error) {
      if (isBenefitsError(error, "NOT_FOUND")) return undefined;
      throw error;
    }
  }

  private parseForWrite(doc: T): T {
    const parsed = this.schema.safeParse(doc);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BenefitsError("INVALID_INPUT", `Refused to store an invalid ${this.type}.`, {
        field: issue?.path.join("."),
        problem: issue?.message,
      });
    }
    if (parsed.data.type !== this.type) {
      throw new BenefitsError("INVALID_INPUT", `A ${parsed.data.type} cannot be stored as a ${this.type}.`);
    }
    return parsed.data;
  }

  private parseStored(body: Record<string, unknown>): T {
    const parsed = this.schema.safeParse(body);
    if (!parsed.success) {
      throw new Error(`Stored ${this.type} ${String(body.id)} does not match its schema: ${parsed.error.message}`);
    }
    return parsed.data;
  }

  private toStored(response: ItemResponse<ItemDefinition>): Stored<T> {
    return this.toStoredResource(response.resource);
  }

  private toStoredResource(resource: unknown): Stored<T> {
    const { etag, body } = splitCosmosResource(resource);
    return { value: this.parseStored(body), etag };
  }
}

/** The document without the outbox entries `copied` names; no outbox at all when none is left (see PendingAuditStore). */
function withoutEntries<T extends TypedDocument>(doc: T, copied: ReadonlySet<string>): T {
  const kept = pendingEntriesOf(doc).filter((entry) => !copied.has(entry.id));
  const { outbox: _copied, ...rest } = doc as T & { outbox?: unknown };
  return (kept.length === 0 ? rest : { ...rest, outbox: kept }) as T;
}
