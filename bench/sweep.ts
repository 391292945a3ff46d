// Item 4 (part): what one scheduler tick reads when nothing is due, at 1k and 10k benefits in one tenant.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type https from "node:https";
import type { UseCaseDeps } from "../benefits";
import { SendPacer } from "../benefits/notifications/pacer";
import { Scheduler } from "../bot/scheduler";
import { connectCosmos } from "../storage/cosmos";
import { createRepositories } from "../storage/repositories";
import type { CosmosRequest } from "./support/countingCosmos";
import { round } from "./support/stats";

export interface SweepResult {
  readonly benefits: number;
  readonly requests: number;
  readonly documentsRead: number;
  readonly tickMs: number;
}

interface Server {
  readonly endpoint: string;
  readonly key: string;
  newAgent(): https.Agent;
  readonly requests: readonly CosmosRequest[];
}

/** A database of its own holding one tenant: a package, 10 people, `benefits` unassigned subscriptions expiring in a year. */
export async function measureIdleTick(server: Server, benefits: number): Promise<SweepResult> {
  const cosmos = await connectCosmos({ endpoint: server.endpoint, key: server.key, httpsAgent: server.newAgent(), databaseId: `bench-sweep-${randomUUID()}` });
  try {
    const repos = createRepositories(cosmos.tenantData);
    const tenantId = `bench-sweep-${randomUUID().slice(0, 8)}`;
    const now = new Date();
    await repos.packages.create({ type: "package", id: "pkg", tenantId, version: 0, name: "Action Pack", purchasedAt: now.toISOString() });
    for (let i = 0; i < 10; i++) {
      await repos.users.create({ type: "user", id: `u-${i}`, tenantId, version: 0, displayName: `U ${i}`, email: `u${i}@bench.example`, roles: ["employee"], remindersMuted: false });
    }
    const expiresAt = new Date(now.getTime() + 365 * 86_400_000).toISOString();
    for (let i = 0; i < benefits; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, benefits - i) }, (_, j) =>
          repos.benefits.create({ type: "benefit", id: `vs-${i + j}`, tenantId, version: 0, packageId: "pkg", name: "VS", category: "visualStudio", seats: 5, assignments: [], expiresAt }),
        ),
      );
    }
    const domain: UseCaseDeps = { repos, now: () => new Date(), newId: () => randomUUID() };
    const scheduler = new Scheduler({
      domain,
      log: () => undefined,
      pacer: new SendPacer({ now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) }),
      send: async () => ({ kind: "sent" }),
      intervalMs: 60_000,
      demoAutoActivateMs: 0,
    });
    // The first tick takes the lease; the second is the steady idle tick measured.
    await scheduler.tick();
    const before = server.requests.length;
    const start = performance.now();
    await scheduler.tick();
    const tickMs = performance.now() - start;
    const during = server.requests.slice(before);
    return { benefits, requests: during.length, documentsRead: during.reduce((s, r) => s + r.documentsRead, 0), tickMs: round(tickMs, 1) };
  } finally {
    cosmos.dispose();
  }
}
