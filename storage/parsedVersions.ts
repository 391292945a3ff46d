/** Documents remembered per repository; the oldest go first. */
const MAX_VERSIONS = 5000;

/**
 * Documents already checked against their schema, by exact version: tenant, id and Cosmos `_etag`. A version's
 * content never changes (any write gives a new etag), so neither does what its parse gives; a turn that reads the
 * same unchanged documents as the last one does not parse them again. Per process, bounded, and only ever filled
 * after the tenant, type and schema checks passed. The values are frozen: shared between turns, nobody may edit one.
 */
export class ParsedVersions<T> {
  private readonly versions = new Map<string, T>();

  constructor(private readonly max = MAX_VERSIONS) {}

  get(tenantId: string, id: unknown, etag: unknown): T | undefined {
    if (typeof id !== "string" || typeof etag !== "string") return undefined;
    return this.versions.get(keyOf(tenantId, id, etag));
  }

  remember(tenantId: string, id: string, etag: string, value: T): T {
    const frozen = deepFreeze(value);
    if (this.versions.size >= this.max) {
      const oldest = this.versions.keys().next();
      if (oldest.done !== true) this.versions.delete(oldest.value);
    }
    this.versions.set(keyOf(tenantId, id, etag), frozen);
    return frozen;
  }

  get size(): number {
    return this.versions.size;
  }
}

function keyOf(tenantId: string, id: string, etag: string): string {
  return `${tenantId}\n${id}\n${etag}`;
}

function deepFreeze<V>(value: V): V {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
