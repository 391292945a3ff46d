/**
 * What the domain needs from storage. storage/ implements these over Cosmos DB; the domain never sees Cosmos.
 * Every call names the tenant: one tenant's documents are never read or written through another's call.
 */
export interface Stored<T> {
  readonly value: T;
  /** Opaque concurrency token (Cosmos _etag). A replace with a stale token fails with CONFLICT. */
  readonly etag: string;
}

export interface TenantScoped {
  readonly id: string;
  readonly tenantId: string;
}

export interface DocumentRepository<T extends TenantScoped> {
  get(tenantId: string, id: string): Promise<Stored<T> | undefined>;
  /** Every document of this kind in the tenant. */
  list(tenantId: string): Promise<Stored<T>[]>;
  /** Fails with ALREADY_EXISTS when the id is taken: creation is never an overwrite. */
  create(doc: T): Promise<Stored<T>>;
  /**
   * Fails with CONFLICT when the document changed since `etag` was read, NOT_FOUND when it is gone.
   * `relayed`: entries of `doc.outbox` copied to the audit log in this same request (create, 409 = already there) and
   * left out of the outbox written; whenever the write is stored, the log holds them.
   */
  replace(doc: T, etag: string, relayed?: readonly AuditEntry[]): Promise<Stored<T>>;
  /** Fails with CONFLICT on a stale etag; deleting a missing document is not an error, nor loses the audit entries it still carries. */
  delete(tenantId: string, id: string, etag?: string): Promise<void>;
}

import type { ConversationRecord, Lease, Notification } from "./notificationTypes";
import type { ExportLink } from "./export/exportTypes";
import type { BenefitRequest } from "./requestTypes";
import type { RosterSet } from "./rosterTypes";
import type { AdminSet, AuditEntry, Benefit, BenefitPackage, DirectoryUser, MarketingContact, ServiceRequest, Tombstone } from "./types";

export interface AuditLog {
  /** Ids are deterministic per change, so appending the same change twice stores it once. */
  append(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  recent(tenantId: string, limit: number): Promise<AuditEntry[]>;
}

/** A document whose outbox holds audit entries not yet copied to the audit log. */
export interface PendingAuditRef {
  readonly type: string;
  readonly id: string;
}

/**
 * Removals that keep their audit entry: a document is first replaced by a tombstone carrying the entry (one If-Match
 * write over the checked version), then the entry is copied and the tombstone deleted.
 */
export interface TombstoneRepository {
  /** Fails with CONFLICT when the document changed since `etag` was read (or is gone). */
  bury(tombstone: Tombstone, etag: string): Promise<Stored<Tombstone>>;
  get(tenantId: string, id: string): Promise<Stored<Tombstone> | undefined>;
  /** Fails with CONFLICT on a stale etag; deleting a missing tombstone is not an error. */
  delete(tenantId: string, id: string, etag: string): Promise<void>;
}

export interface PendingAuditFinder {
  /**
   * The tenant's documents with a non-empty outbox, and its admin set while it lists changes not yet on their entries
   * (a query filtered on the tenant, never a partition listing).
   */
  find(tenantId: string): Promise<PendingAuditRef[]>;
}

export interface RegisteredTenants {
  readonly tenantIds: readonly string[];
  /** Tenants found in data stored before benefits carried their next notification moment: stamped once by the tick. */
  readonly unstamped: readonly string[];
}

/** The tenants the scheduler serves: one document, added to when a tenant first stores a package or a benefit. */
export interface TenantRegistry {
  /** Idempotent; cheap once this process has seen the tenant registered. */
  register(tenantId: string): Promise<void>;
  list(): Promise<RegisteredTenants>;
  /** Every benefit of the tenant now carries its moment. */
  markStamped(tenantId: string): Promise<void>;
}

/** The scheduler's queries: each filters one tenant's partition and returns only what a tick has to act on. */
export interface SweepQueries {
  /** Benefits whose next notification moment has come (or that have none stored yet: data from before it existed). */
  dueBenefits(tenantId: string, now: Date): Promise<Stored<Benefit>[]>;
  /** The notifications of these benefits, whatever their state. */
  notificationsAbout(tenantId: string, benefitIds: readonly string[]): Promise<Stored<Notification>[]>;
  /** Planned notifications not held back by a `notBefore`, and claims being sent: the hot set. */
  sendableNotifications(tenantId: string, now: Date): Promise<Stored<Notification>[]>;
  /** Deletes sent and given-up notifications settled at or before `before`; how many were deleted. */
  purgeSettledNotifications(tenantId: string, before: Date): Promise<number>;
}

/** What several use cases of one turn need from a tenant, readable in one query (see Repositories.readTogether). */
export interface TenantDocumentKinds {
  readonly users: DirectoryUser;
  readonly packages: BenefitPackage;
  readonly benefits: Benefit;
  readonly marketingContacts: MarketingContact;
  /** Only the planned notifications still waiting for a way to reach their recipient (the rest is history). */
  readonly waitingNotifications: Notification;
}

export type TenantDocumentKind = keyof TenantDocumentKinds;

/** The kinds a turn can read ahead by id (see Repositories.readAhead). */
export type ReadAheadKind = "users" | "packages" | "benefits" | "marketingContacts";

export type ReadAheadIds = { readonly [K in ReadAheadKind]?: readonly string[] };

export type DocumentsTogether<K extends TenantDocumentKind> = { readonly [P in K]: Stored<TenantDocumentKinds[P]>[] };

/** Everything the use cases read and write, one repository per aggregate. */
export interface Repositories {
  readonly users: DocumentRepository<DirectoryUser>;
  readonly packages: DocumentRepository<BenefitPackage>;
  readonly benefits: DocumentRepository<Benefit>;
  readonly marketingContacts: DocumentRepository<MarketingContact>;
  readonly serviceRequests: DocumentRepository<ServiceRequest>;
  readonly audit: AuditLog;
  readonly conversations: DocumentRepository<ConversationRecord>;
  readonly notifications: DocumentRepository<Notification>;
  readonly leases: DocumentRepository<Lease>;
  readonly benefitRequests: DocumentRepository<BenefitRequest>;
  readonly exportLinks: DocumentRepository<ExportLink>;
  /** One per tenant: who the global admins are, so removing one is a single conditional write (see directory.ts). */
  readonly adminSets: DocumentRepository<AdminSet>;
  /** One per tenant: the Teams rosters (teams, group chats) the bot is in, so "in no roster" can be decided. */
  readonly rosterSets: DocumentRepository<RosterSet>;
  readonly pendingAudit: PendingAuditFinder;
  /** Removed documents whose removal's audit entry is not copied yet (see TombstoneRepository). */
  readonly tombstones: TombstoneRepository;
  /**
   * Every document of these kinds in the tenant, in one request instead of one per kind; each checked as its own
   * repository's reads are (tenant, type, schema). Within a turn, later reads of a whole kind are served from it.
   */
  readTogether<K extends TenantDocumentKind>(tenantId: string, kinds: readonly K[]): Promise<DocumentsTogether<K>>;
  /**
   * The documents a turn is about to read by id, fetched in one request instead of one each; the turn's later get()s
   * of them are answered from it, each checked as its repository checks a read. Outside a turn it does nothing.
   */
  readAhead(tenantId: string, ids: ReadAheadIds): Promise<void>;
  /** Every tenant that has bought a package, by a query across all partitions: what the tenant registry starts from. */
  listTenantIds(): Promise<string[]>;
  readonly tenants: TenantRegistry;
  readonly sweep: SweepQueries;
}
