import { randomUUID } from "node:crypto";
import { SETTLED_RETENTION_DAYS, type UseCaseDeps } from "../benefits";
import { runDemoActivations } from "../benefits/notifications/demoActivation";
import { eachLimited } from "../benefits/notifications/eachLimited";
import { claimShards, releaseExcessShards, releaseLeases, type ShardClaim } from "../benefits/notifications/lease";
import { planTenantNotifications } from "../benefits/notifications/planTenant";
import { shardOf } from "../benefits/notifications/shards";
import { stampNotificationMoments } from "../benefits/notifications/stampMoments";
import { sweepAuditOutbox } from "../benefits/useCases/auditOutbox";
import { addSendReports, emptySendReport, sendDueNotifications, type NotifierDeps, type SendReport } from "./notifier";

/** A lease outlives a few missed ticks, so a slow tick keeps it, yet a crashed holder is replaced within minutes. */
const MIN_LEASE_MS = 60_000;
const LEASE_TICKS = 3;
/** Tenants served at once: enough to overlap Cosmos round trips, few enough to stay inside the request-unit budget. */
export const TENANT_CONCURRENCY = 4;
const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * How often each tenant's settled notifications are purged by an instance (and at its first tick): Cosmos DB's TTL
 * does it on Azure, the purge is for stores that ignore TTL, and being a day late by an hour changes nothing.
 */
export const PURGE_INTERVAL_MS = 60 * 60 * 1000;

export interface SchedulerDeps extends NotifierDeps {
  readonly intervalMs: number;
  /** 0: off. Local mode only (config refuses it elsewhere). */
  readonly demoAutoActivateMs: number;
  /** Who holds the leases; unique per process unless a test says otherwise. */
  readonly holder?: string;
  /** ALLOWED_TENANTS: a tenant the bot no longer serves gets nothing planned, activated or sent. Empty = all. */
  readonly allowedTenants?: readonly string[];
}

export interface TickReport {
  /** At least one shard was held this tick. */
  readonly leaseHeld: boolean;
  readonly shards: readonly number[];
  /** Tenants served: those of the shards held. */
  readonly tenants: number;
  readonly tenantIds: readonly string[];
  readonly planned: number;
  readonly demoActivated: number;
  /** Documents whose pending audit entries were copied to the audit log this tick. */
  readonly auditRelayed: number;
  /** Settled notifications past their retention, deleted. */
  readonly purged: number;
  readonly sent: SendReport;
}

interface Tally {
  tenants: number;
  planned: number;
  demoActivated: number;
  auditRelayed: number;
  purged: number;
  readonly sent: SendReport;
}

export class Scheduler {
  private readonly holder: string;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = true;
  /** Set by stop() only, so a tick run directly (tests, tools) is never cut short. */
  private stopping = false;
  /** When this instance last purged each tenant. */
  private readonly purgedAt = new Map<string, number>();

  constructor(private readonly deps: SchedulerDeps) {
    this.holder = deps.holder ?? `scheduler-${randomUUID()}`;
  }

  private get domain(): UseCaseDeps {
    return this.deps.domain;
  }

  private get leaseMs(): number {
    return Math.max(MIN_LEASE_MS, this.deps.intervalMs * LEASE_TICKS);
  }

  /** Ticks every interval, one at a time: the next tick is scheduled when the previous one has finished. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stopping = false;
    this.schedule();
  }

  /** Lets the notification being sent finish (no further one starts), then releases its leases for another instance. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    clearTimeout(this.timer);
    await this.running;
    await releaseLeases(this.domain.repos.leases, this.holder);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((error: unknown) => this.deps.log("Scheduler tick failed", error))
        .finally(() => this.schedule());
    }, this.deps.intervalMs);
  }

  /**
   * One round: take this instance's share of the shards, then for each of their tenants (a few at a time) copy
   * pending audit entries, activate demo items, plan what is due, send, and purge what is past retention. A tenant's
   * failure does not stop the others. Shards beyond the fair share are given back once served.
   */
  async tick(): Promise<TickReport> {
    const { repos } = this.domain;
    const claim = await claimShards(repos.leases, this.holder, this.domain.now(), this.leaseMs);
    const tally: Tally = { tenants: 0, planned: 0, demoActivated: 0, auditRelayed: 0, purged: 0, sent: emptySendReport() };
    const shards = [...claim.held.keys()].sort((a, b) => a - b);
    if (claim.held.size === 0) return { leaseHeld: false, shards, tenantIds: [], ...tally };
    const allowed = this.deps.allowedTenants ?? [];
    const registered = await repos.tenants.list();
    const tenantIds = registered.tenantIds.filter((id) => claim.held.has(shardOf(id)) && (allowed.length === 0 || allowed.includes(id)));
    const unstamped = new Set(registered.unstamped);
    tally.tenants = tenantIds.length;
    await eachLimited(tenantIds, TENANT_CONCURRENCY, (tenantId) => this.serveTenant(tenantId, claim, unstamped.has(tenantId), tally));
    await releaseExcessShards(repos.leases, claim);
    return { leaseHeld: true, shards, tenantIds, ...tally };
  }

  private async serveTenant(tenantId: string, claim: ShardClaim, unstamped: boolean, tally: Tally): Promise<void> {
    if (this.stopping) return;
    // A tick that outlived its lease leaves the rest of that shard to whoever holds it now.
    const until = claim.held.get(shardOf(tenantId))?.until;
    if (until === undefined || this.domain.now().getTime() >= until.getTime()) return;
    const notifier: NotifierDeps = { ...this.deps, stopRequested: () => this.stopping };
    try {
      if (unstamped) await stampNotificationMoments(this.domain, tenantId);
      tally.auditRelayed += await sweepAuditOutbox(this.domain, tenantId);
      if (this.deps.demoAutoActivateMs > 0) tally.demoActivated += await runDemoActivations(this.domain, tenantId, this.deps.demoAutoActivateMs);
      tally.planned += (await planTenantNotifications(this.domain, tenantId)).planned;
      addSendReports(tally.sent, await sendDueNotifications(notifier, tenantId));
      tally.purged += await this.purgeIfTime(tenantId);
    } catch (error) {
      this.deps.log(`Scheduler: tenant ${tenantId} failed this tick`, error);
    }
  }

  private async purgeIfTime(tenantId: string): Promise<number> {
    const now = this.domain.now().getTime();
    const last = this.purgedAt.get(tenantId);
    if (last !== undefined && now - last < PURGE_INTERVAL_MS) return 0;
    const purged = await this.domain.repos.sweep.purgeSettledNotifications(tenantId, new Date(now - SETTLED_RETENTION_DAYS * DAY_MS));
    this.purgedAt.set(tenantId, now);
    return purged;
  }
}
