import { createHash } from "node:crypto";
import { isBenefitsError } from "../errors";
import { SYSTEM_PARTITION, type Lease } from "../notificationTypes";
import type { DocumentRepository, Stored } from "../ports";
import { fairShare, SHARD_COUNT, shardSearchOrder } from "./shards";

const SHARD_LEASE_PREFIX = "scheduler-shard-";
const INSTANCE_LEASE_PREFIX = "scheduler-instance-";

export function shardLeaseId(shard: number): string {
  return `${SHARD_LEASE_PREFIX}${String(shard).padStart(2, "0")}`;
}

/** An instance's presence: it counts in the fair share while this is unexpired, even holding no shard yet. */
export function instanceLeaseId(holder: string): string {
  return `${INSTANCE_LEASE_PREFIX}${createHash("sha256").update(holder).digest("hex").slice(0, 32)}`;
}

export interface HeldShard {
  readonly shard: number;
  readonly until: Date;
  readonly etag: string;
}

export interface ShardClaim {
  readonly holder: string;
  /** The shards this instance may serve this tick, each until its lease runs out. */
  readonly held: ReadonlyMap<number, HeldShard>;
  /** Its fair share: what it holds beyond that it gives up once this tick has served it. */
  readonly share: number;
}

const isLive = (lease: Lease, now: Date) => Date.parse(lease.expiresAt) > now.getTime();

/**
 * Takes or renews (create, or replace with If-Match) the lease `id` for `holder`; undefined when another instance
 * wrote it first. Of instances racing for one lease exactly one wins.
 */
async function writeLease(repo: DocumentRepository<Lease>, id: string, current: Stored<Lease> | undefined, holder: string, until: Date): Promise<Stored<Lease> | undefined> {
  const lease: Lease = { type: "lease", id, tenantId: SYSTEM_PARTITION, version: (current?.value.version ?? -1) + 1, holder, expiresAt: until.toISOString() };
  try {
    return current === undefined ? await repo.create(lease) : await repo.replace(lease, current.etag);
  } catch (error) {
    if (isBenefitsError(error, "ALREADY_EXISTS") || isBenefitsError(error, "CONFLICT") || isBenefitsError(error, "NOT_FOUND")) return undefined;
    throw error;
  }
}

/**
 * One tick's share of the sweep for `holder`: renews the shards it holds, and takes free or expired ones up to its
 * fair share (shards ÷ live instances). It never takes a shard whose lease another instance holds unexpired, so no
 * shard is served by two at once; an instance that stopped renewing loses its shards when their leases expire, and
 * the others take them at their next tick. One query reads every lease.
 */
export async function claimShards(repo: DocumentRepository<Lease>, holder: string, now: Date, durationMs: number): Promise<ShardClaim> {
  const until = new Date(now.getTime() + durationMs);
  const leases = new Map((await repo.list(SYSTEM_PARTITION)).map((l) => [l.value.id, l]));
  const me = instanceLeaseId(holder);
  await writeLease(repo, me, leases.get(me), holder, until);
  const others = [...leases.values()].filter((l) => l.value.id.startsWith(INSTANCE_LEASE_PREFIX) && l.value.id !== me && isLive(l.value, now));
  const share = fairShare(others.length + 1);

  const held = new Map<number, HeldShard>();
  const free: number[] = [];
  for (let shard = 0; shard < SHARD_COUNT; shard++) {
    const current = leases.get(shardLeaseId(shard));
    if (current !== undefined && isLive(current.value, now) && current.value.holder === holder) {
      const renewed = await writeLease(repo, shardLeaseId(shard), current, holder, until);
      if (renewed !== undefined) held.set(shard, { shard, until, etag: renewed.etag });
    } else if (current === undefined || !isLive(current.value, now)) free.push(shard);
  }
  for (const shard of shardSearchOrder(holder, free)) {
    if (held.size >= share) break;
    const taken = await writeLease(repo, shardLeaseId(shard), leases.get(shardLeaseId(shard)), holder, until);
    if (taken !== undefined) held.set(shard, { shard, until, etag: taken.etag });
  }
  return { holder, held, share };
}

/** After serving them: gives back the shards beyond the fair share, so instances that started later get theirs. */
export async function releaseExcessShards(repo: DocumentRepository<Lease>, claim: ShardClaim): Promise<number[]> {
  const excess = [...claim.held.keys()].sort((a, b) => a - b).slice(claim.share);
  for (const shard of excess) await deleteIfStill(repo, shardLeaseId(shard), claim.held.get(shard)?.etag);
  return excess;
}

/** On shutdown: every lease of `holder` goes, so others take its shards at their next tick instead of after expiry. */
export async function releaseLeases(repo: DocumentRepository<Lease>, holder: string): Promise<void> {
  for (const lease of await repo.list(SYSTEM_PARTITION)) {
    if (lease.value.holder === holder) await deleteIfStill(repo, lease.value.id, lease.etag);
  }
}

async function deleteIfStill(repo: DocumentRepository<Lease>, id: string, etag: string | undefined): Promise<void> {
  if (etag === undefined) return;
  try {
    await repo.delete(SYSTEM_PARTITION, id, etag);
  } catch (error) {
    // Taken over meanwhile (it expired): theirs now, nothing to release.
    if (!isBenefitsError(error, "CONFLICT")) throw error;
  }
}
