import { createHash } from "node:crypto";

/** The sweep's unit of work and of ownership: every tenant belongs to one shard, each shard to one instance at a time. */
export const SHARD_COUNT = 16;

function hash32(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32BE(0);
}

/** Stable across processes, versions and restarts (a digest, not a runtime hash), so every instance agrees. */
export function shardOf(tenantId: string): number {
  return hash32(tenantId) % SHARD_COUNT;
}

/** Where an instance starts looking for free shards: instances taking at the same moment mostly try different ones. */
export function shardSearchOrder(holder: string, shards: readonly number[]): number[] {
  const start = hash32(holder) % SHARD_COUNT;
  return [...shards].sort((a, b) => ((a - start + SHARD_COUNT) % SHARD_COUNT) - ((b - start + SHARD_COUNT) % SHARD_COUNT));
}

/** How many shards each of `liveInstances` should hold: together they always cover every shard. */
export function fairShare(liveInstances: number): number {
  return Math.ceil(SHARD_COUNT / Math.max(1, liveInstances));
}
