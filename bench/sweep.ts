// Item 4: what one scheduler tick costs with nothing due and with 100 due, at 1k and 10k benefits in one tenant, and
// its wall time over 100 and 1,000 tenants. Run alone: `npm run bench:sweep` (npm run bench runs it among the rest).
import { randomUUID } from "node:crypto";
import type https from "node:https";
import { performance } from "node:perf_hooks";
import type { Benefit, ConversationRecord, Repositories, UseCaseDeps } from "../benefits";
import { SYSTEM_PARTITION } from "../benefits/notificationTypes";
import { SendPacer } from "../benefits/notifications/pacer";
import { Scheduler, type TickReport } from "../bot/scheduler";
import { connectCosmos, type CosmosConnection } from "../storage/cosmos";
import { createRepositories } from "../storage/repositories";
import { TENANT_REGISTRY_ID } from "../storage/tenantRegistry";
import { row, type Row } from "./report";
import type { CosmosRequest } from "./support/countingCosmos";
import { round } from "./support/stats";

const DAY_MS = 86_400_000;
const DUE = 100;
/** Documents an idle tick may read per tenant (issue 12, item 4). */
const IDLE_DOCUMENTS_TARGET = 50;

export interface TickCost {
  readonly requests: number;
  readonly documentsRead: number;
  readonly tickMs: number;
}

export interface SweepResult {
  readonly benefits: number;
  readonly idle: TickCost;
  /** The tick at which DUE benefits reach their 30-day reminder: planned and sent in that tick. */
  readonly due: TickCost & { readonly planned: number; readonly sent: number };
}

export interface TenantScaleResult extends TickCost {
  readonly tenants: number;
}

interface Server {
  readonly endpoint: string;
  readonly key: string;
  newAgent(): https.Agent;
  readonly requests: readonly CosmosRequest[];
}

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

/** A database of its own per measurement, so nothing another phase stored is in the tick. */
async function withDatabase<T>(server: Server, label: string, run: (repos: Repositories, cosmos: CosmosConnection) => Promise<T>): Promise<T> {
  const cosmos = await connectCosmos({ endpoint: server.endpoint, key: server.key, httpsAgent: server.newAgent(), databaseId: `bench-${label}-${randomUUID()}` });
  try {
    return await run(createRepositories(cosmos.tenantData), cosmos);
  } finally {
    cosmos.dispose();
  }
}

/** The scheduler as production builds it, on a clock the bench moves; sends are answered at once (pacing is item 5). */
function schedulerOn(repos: Repositories, clock: { at: number }): Scheduler {
  const domain: UseCaseDeps = { repos, now: () => new Date(clock.at), newId: () => randomUUID() };
  return new Scheduler({
    domain,
    log: () => undefined,
    pacer: new SendPacer({ now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) }),
    send: async () => ({ kind: "sent" }),
    intervalMs: 60_000,
    demoAutoActivateMs: 0,
  });
}

async function measured(server: Server, tick: () => Promise<TickReport>): Promise<{ cost: TickCost; report: TickReport }> {
  const before = server.requests.length;
  const start = performance.now();
  const report = await tick();
  const tickMs = performance.now() - start;
  const during = server.requests.slice(before);
  if (process.env.BENCH_SWEEP_DEBUG === "1") {
    const groups = new Map<string, { n: number; docs: number }>();
    for (const r of during) {
      const key = `${r.method} ${r.queryPlan ? "plan " : ""}${(r.query ?? r.path.replace(/.*\/colls\/[^/]+/, "")).slice(0, 90)}`;
      const g = groups.get(key) ?? { n: 0, docs: 0 };
      g.n++;
      g.docs += r.documentsRead;
      groups.set(key, g);
    }
    console.error([...groups].map(([k, g]) => `${g.n}\t${g.docs}\t${k}`).join("\n"));
  }
  // The test server runs a query-plan request as the query itself; Azure answers it with a plan, not documents.
  const documentsRead = during.filter((r) => !r.queryPlan).reduce((s, r) => s + r.documentsRead, 0);
  return { cost: { requests: during.length, documentsRead, tickMs: round(tickMs, 1) }, report };
}

function conversation(tenantId: string, userId: string, at: string): ConversationRecord {
  const conversationId = `a:personal-${userId}`;
  const serviceUrl = "https://smba.bench.invalid/";
  return {
    type: "conversation",
    id: `${userId}:bench`,
    tenantId,
    version: 0,
    userId,
    conversationId,
    conversationType: "personal",
    serviceUrl,
    reference: { channelId: "msteams", serviceUrl, conversation: { id: conversationId, conversationType: "personal", tenantId } },
    updatedAt: at,
  };
}

/**
 * One tenant: a package, DUE people with a personal chat, `benefits` Visual Studio subscriptions of which DUE have a
 * seat (one person each) and expire in 40 days, the rest unassigned and expiring in a year. Measured: the steady
 * idle tick, then the tick 10 days later, when the DUE reach their 30-day reminder.
 */
export async function measureSweep(server: Server, benefits: number): Promise<SweepResult> {
  return withDatabase(server, "sweep", async (repos) => {
    const tenantId = `bench-sweep-${randomUUID().slice(0, 8)}`;
    const clock = { at: Date.now() };
    const now = new Date(clock.at).toISOString();
    const people = Array.from({ length: DUE }, (_, i) => `u-${i}`);
    await repos.packages.create({ type: "package", id: "pkg", tenantId, version: 0, name: "Action Pack", purchasedAt: now });
    await inBatches(people, 50, async (id) => {
      await repos.users.create({ type: "user", id, tenantId, version: 0, displayName: id, email: `${id}@bench.example`, roles: ["employee"], remindersMuted: false });
      await repos.conversations.create(conversation(tenantId, id, now));
    });
    const inAYear = new Date(clock.at + 365 * DAY_MS).toISOString();
    const in40Days = new Date(clock.at + 40 * DAY_MS).toISOString();
    const subscription = (i: number): Benefit => {
      const holder = i < DUE ? people[i] : undefined;
      return { type: "benefit", id: `vs-${i}`, tenantId, version: 0, packageId: "pkg", name: "VS", category: "visualStudio", seats: 1, assignments: holder === undefined ? [] : [{ userId: holder, assignedAt: now, assignedBy: "bench" }], expiresAt: holder === undefined ? inAYear : in40Days };
    };
    await inBatches(Array.from({ length: benefits }, (_, i) => i), 100, (i) => repos.benefits.create(subscription(i)));
    const scheduler = schedulerOn(repos, clock);
    // The first ticks take the shards and plan what every new benefit is due (nothing yet: its moment is stored).
    await scheduler.tick();
    clock.at += 60_000;
    await scheduler.tick();
    clock.at += 60_000;
    const idle = await measured(server, () => scheduler.tick());
    clock.at += 10 * DAY_MS;
    const due = await measured(server, () => scheduler.tick());
    return { benefits, idle: idle.cost, due: { ...due.cost, planned: due.report.planned, sent: due.report.sent.sent } };
  });
}

/**
 * `tenants` registered tenants, nothing due: the idle tick's wall time, i.e. the per-tenant round trips at bounded
 * concurrency. The tenants store nothing else: the test server scans its whole container for every query (Azure
 * reads an index within the partition), so stored documents would measure the test server, not the tick; the
 * single-tenant rows above show that cost.
 */
export async function measureTenantScale(server: Server, tenants: number): Promise<TenantScaleResult> {
  return withDatabase(server, "tenants", async (repos, cosmos) => {
    const clock = { at: Date.now() };
    const ids = Array.from({ length: tenants }, (_, i) => `bench-tenant-${i}`);
    // As the tenants' first writes leave the registry: one document listing them all.
    await cosmos.tenantData.items.create({ type: "tenantRegistry", id: TENANT_REGISTRY_ID, tenantId: SYSTEM_PARTITION, version: 0, tenantIds: [...ids].sort(), unstamped: [] });
    const scheduler = schedulerOn(repos, clock);
    await scheduler.tick();
    clock.at += 60_000;
    const { cost } = await measured(server, () => scheduler.tick());
    return { tenants, ...cost };
  });
}

export function sweepRows(sweeps: readonly SweepResult[], scale: readonly TenantScaleResult[]): Row[] {
  const rows: Row[] = [];
  for (const s of sweeps) {
    rows.push(row("4", `tick, nothing due, ${s.benefits} benefits: requests / documents read`, `${s.idle.requests} / ${s.idle.documentsRead}`, `≤ ${IDLE_DOCUMENTS_TARGET} documents`, s.idle.documentsRead <= IDLE_DOCUMENTS_TARGET));
  }
  for (const s of sweeps) {
    rows.push(row("4", `tick, ${DUE} due, ${s.benefits} benefits: requests / documents read (planned, sent)`, `${s.due.requests} / ${s.due.documentsRead} (${s.due.planned}, ${s.due.sent})`, `${DUE} planned and sent`, s.due.planned === DUE && s.due.sent === DUE));
  }
  if (sweeps.length >= 2) {
    const same = (pick: (s: SweepResult) => number) => new Set(sweeps.map(pick)).size === 1;
    rows.push(row("4", "tick requests, nothing due, at every size", sweeps.map((s) => s.idle.requests).join(" / "), "equal", same((s) => s.idle.requests)));
    rows.push(row("4", `tick requests, ${DUE} due, at every size`, sweeps.map((s) => s.due.requests).join(" / "), "equal", same((s) => s.due.requests)));
  }
  for (const s of sweeps) rows.push(row("4", `tick wall time, ${s.benefits} benefits: nothing due / ${DUE} due (ms)`, `${s.idle.tickMs} / ${s.due.tickMs}`, "", undefined));
  for (const t of scale) {
    rows.push(row("4", `tick wall time, ${t.tenants} tenants, nothing due (ms; requests / documents read)`, `${t.tickMs} (${t.requests} / ${t.documentsRead})`, `≤ ${IDLE_DOCUMENTS_TARGET} documents per tenant`, t.documentsRead <= IDLE_DOCUMENTS_TARGET * t.tenants));
  }
  return rows;
}
