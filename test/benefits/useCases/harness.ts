// Use-case tests run against the real (embedded) Cosmos DB through storage/'s repositories: one server per test
// file, a fresh tenant per test.
import { expect } from "chai";
import type { Actor, AuditEntry, Benefit, BenefitCategory, Repositories, Stored, UseCaseDeps } from "../../../benefits";
import { contentOf } from "../../../benefits/useCases/auditOutbox";
import { startTestCosmos, type TestCosmos } from "../../support/cosmos";
import { contosoTenant, depsFor, freshTenantId, NOW, type TenantBuilder, type TenantSeed } from "../fixtures";

export interface CosmosHandle {
  readonly repos: Repositories;
}

/** Registers before/after hooks in the enclosing describe; the handle is usable from the tests and beforeEach hooks. */
export function cosmosPerFile(): CosmosHandle {
  let cosmos: TestCosmos | undefined;
  before(async function () {
    this.timeout(60_000);
    cosmos = await startTestCosmos();
  });
  after(async () => {
    await cosmos?.stop();
  });
  return {
    get repos(): Repositories {
      if (cosmos === undefined) throw new Error("the test Cosmos server is not started: call cosmosPerFile() inside a describe");
      return cosmos.repositories;
    },
  };
}

export interface TenantUnderTest {
  readonly tenantId: string;
  readonly seed: TenantSeed;
  readonly deps: UseCaseDeps;
  actor(userId: string): Actor;
  snapshot(): Promise<TenantSnapshot>;
  audit(): Promise<AuditEntry[]>;
  /** The benefit as stored now without its pending audit entries, insisting on its category. */
  benefit<C extends BenefitCategory>(id: string, category: C): Promise<Extract<Benefit, { category: C }>>;
}

/** Stores a fresh tenant (contoso's by default) and gives the deps, actors and read-backs a test needs. */
export async function givenTenant(
  handle: CosmosHandle,
  label: string,
  build: (tenantId: string) => TenantBuilder = contosoTenant,
  options: { now?: Date } = {},
): Promise<TenantUnderTest> {
  const tenantId = freshTenantId(label);
  const repos = handle.repos;
  const seed = await build(tenantId).store(repos);
  return {
    tenantId,
    seed,
    deps: depsFor(repos, { now: options.now ?? NOW }),
    actor: (userId) => ({ tenantId, userId }),
    snapshot: () => snapshot(repos, tenantId),
    audit: () => auditOf(repos, tenantId),
    benefit: (id, category) => storedBenefit(repos, tenantId, id, category),
  };
}

export interface TenantSnapshot {
  readonly users: Stored<unknown>[];
  readonly packages: Stored<unknown>[];
  readonly benefits: Stored<unknown>[];
  readonly marketingContacts: Stored<unknown>[];
  readonly serviceRequests: Stored<unknown>[];
  readonly audit: AuditEntry[];
}

function byId<T extends { value: { id: string } }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.value.id.localeCompare(b.value.id));
}

/**
 * Everything the tenant holds, etags included: a refused action must leave this exactly as it was (not even a
 * rewrite of the same content, which would change an etag).
 */
export async function snapshot(repos: Repositories, tenantId: string): Promise<TenantSnapshot> {
  return {
    users: byId(await repos.users.list(tenantId)),
    packages: byId(await repos.packages.list(tenantId)),
    benefits: byId(await repos.benefits.list(tenantId)),
    marketingContacts: byId(await repos.marketingContacts.list(tenantId)),
    serviceRequests: byId(await repos.serviceRequests.list(tenantId)),
    audit: await auditOf(repos, tenantId),
  };
}

/** The tenant's audit entries, oldest change first (ids are `audit:{target}:{version}`, the clock is fixed). */
export async function auditOf(repos: Repositories, tenantId: string): Promise<AuditEntry[]> {
  const entries = await repos.audit.recent(tenantId, 1000);
  return [...entries].sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true }));
}

export async function storedBenefit<C extends BenefitCategory>(
  repos: Repositories,
  tenantId: string,
  id: string,
  category: C,
): Promise<Extract<Benefit, { category: C }>> {
  const read = (await repos.benefits.get(tenantId, id))?.value;
  if (read === undefined) return expect.fail(`benefit ${id} is not stored in ${tenantId}`);
  // The content as people see it: a change's audit entry waits in the outbox until the next write (see audit()).
  const stored = contentOf(read);
  if (!isOf(stored, category)) return expect.fail(`benefit ${id} is ${stored.category}, not ${category}`);
  return stored;
}

function isOf<C extends BenefitCategory>(benefit: Benefit, category: C): benefit is Extract<Benefit, { category: C }> {
  return benefit.category === category;
}
