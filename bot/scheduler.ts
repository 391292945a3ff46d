import { randomUUID } from "node:crypto";
import type { UseCaseDeps } from "../benefits";
import { runDemoActivations } from "../benefits/notifications/demoActivation";
import { acquireLease, releaseLease } from "../benefits/notifications/lease";
import { planTenantNotifications } from "../benefits/notifications/planTenant";
import { sweepAuditOutbox } from "../benefits/useCases/auditOutbox";
import { addSendReports, emptySendReport, sendDueNotifications, type NotifierDeps, type SendReport } from "./notifier";

/** A lease outlives a few missed ticks, so a slow tick keeps it, yet a crashed holder is replaced within minutes. */
const MIN_LEASE_MS = 60_000;
const LEASE_TICKS = 3;

export interface SchedulerDeps extends NotifierDeps {
  readonly intervalMs: number;
  /** 0: off. Local mode only (config refuses it elsewhere). */
  readonly demoAutoActivateMs: number;
  /** Who holds the lease; unique per process unless a test says otherwise. */
  readonly holder?: string;
  /** ALLOWED_TENANTS: a tenant the bot no longer serves gets nothing planned, activated or sent. Empty = all. */
  readonly allowedTenants?: readonly string[];
}

export interface TickReport {
  readonly leaseHeld: boolean;
  readonly tenants: number;
  readonly planned: number;
  readonly demoActivated: number;
  /** Documents whose pending audit entries were copied to the audit log this tick. */
  readonly auditRelayed: number;
  readonly sent: SendReport;
}

export class Scheduler {
  private readonly holder: string;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = true;
  /** Set by stop() only, so a tick run directly (tests, tools) is never cut short. */
  private stopping = false;

  constructor(private readonly deps: SchedulerDeps) {
    this.holder = deps.holder ?? `scheduler-${randomUUID()}`;
  }

  private get domain(): UseCaseDeps {
    return this.deps.domain;
  }

  /** Ticks every interval, one at a time: the next tick is scheduled when the previous one has finished. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stopping = false;
    this.schedule();
  }

  /** Lets the notification being sent finish (no further one starts), then releases the lease for another instance. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    clearTimeout(this.timer);
    await this.running;
    await releaseLease(this.domain.repos.leases, this.holder);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((error: unknown) => this.deps.log("Scheduler tick failed", error))
        .finally(() => this.schedule());
    }, this.deps.intervalMs);
  }

  /** One round: take the lease, then for each tenant copy pending audit entries, activate demo items, plan, and send. A tenant's failure does not stop the others. */
  async tick(): Promise<TickReport> {
    const sent = emptySendReport();
    const leaseMs = Math.max(MIN_LEASE_MS, this.deps.intervalMs * LEASE_TICKS);
    const leaseHeld = await acquireLease(this.domain.repos.leases, this.holder, this.domain.now(), leaseMs);
    if (!leaseHeld) return { leaseHeld, tenants: 0, planned: 0, demoActivated: 0, auditRelayed: 0, sent };
    const allowed = this.deps.allowedTenants ?? [];
    const tenantIds = (await this.domain.repos.listTenantIds()).filter((id) => allowed.length === 0 || allowed.includes(id));
    let planned = 0;
    let demoActivated = 0;
    let auditRelayed = 0;
    const notifier: NotifierDeps = { ...this.deps, stopRequested: () => this.stopping };
    for (const tenantId of tenantIds) {
      if (this.stopping) break;
      try {
        auditRelayed += await sweepAuditOutbox(this.domain, tenantId);
        if (this.deps.demoAutoActivateMs > 0) demoActivated += await runDemoActivations(this.domain, tenantId, this.deps.demoAutoActivateMs);
        planned += (await planTenantNotifications(this.domain, tenantId)).planned;
        addSendReports(sent, await sendDueNotifications(notifier, tenantId));
      } catch (error) {
        this.deps.log(`Scheduler: tenant ${tenantId} failed this tick`, error);
      }
    }
    return { leaseHeld, tenants: tenantIds.length, planned, demoActivated, auditRelayed, sent };
  }
}
