// npm run bench: how fast the parts people wait on are, on the embedded Cosmos server (numbers in the README).
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { assignVisualStudioSeat, isBenefitsError, type UseCaseDeps } from "../benefits";
import { helpCard } from "../cards/help";
import { startTestBot } from "../test/support/botHarness";
import { benchImportAndBulk } from "./importAndBulk";

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function summary(label: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((s, x) => s + x, 0) / samples.length;
  console.log(`${label}: n=${samples.length} mean=${mean.toFixed(2)}ms p50=${percentile(sorted, 50).toFixed(2)}ms p95=${percentile(sorted, 95).toFixed(2)}ms`);
}

async function timeEach(n: number, run: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return samples;
}

async function main(): Promise<void> {
  const renders = await timeEach(500, async () => helpCard("fr", "Alex", ["globalAdmin"], [{ flowId: "x", verb: "x.start" }]));
  summary("render help card", renders);

  const bot = await startTestBot();
  try {
    const alex = "a1a1a1a1-0000-4000-8000-000000000001";
    summary("help turn through the bot (TestAdapter + Cosmos bot state)", await timeEach(100, () => bot.chat(alex).say("help")));

    // 50 admins assign one 5-seat subscription at once: every request ends (5 win, 45 NO_SEATS), how long it takes.
    const tenantId = `bench-${randomUUID().slice(0, 8)}`;
    const deps: UseCaseDeps = { repos: bot.repos, now: () => new Date(), newId: () => randomUUID() };
    const admin = "bench-admin";
    await bot.repos.users.create({ type: "user", id: admin, tenantId, version: 0, displayName: "Admin", email: "admin@bench.example", roles: ["globalAdmin"], remindersMuted: false });
    const userIds = Array.from({ length: 50 }, (_, i) => `bench-user-${i}`);
    for (const id of userIds) {
      await bot.repos.users.create({ type: "user", id, tenantId, version: 0, displayName: id, email: `${id}@bench.example`, roles: ["employee"], remindersMuted: false });
    }
    await bot.repos.benefits.create({
      type: "benefit", id: "vs-bench", tenantId, version: 0, packageId: "pkg", name: "VS", category: "visualStudio", seats: 5, assignments: [],
    });
    const start = performance.now();
    const outcomes = await Promise.all(
      userIds.map((userId) =>
        assignVisualStudioSeat(deps, { tenantId, userId: admin }, { benefitId: "vs-bench", userId }).then(
          () => "assigned",
          (e: unknown) => (isBenefitsError(e) ? e.code : "error"),
        ),
      ),
    );
    const elapsed = performance.now() - start;
    const counts = outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});
    console.log(`50 parallel assignments on 5 seats: ${elapsed.toFixed(1)}ms total, outcomes ${JSON.stringify(counts)}`);

    await benchImportAndBulk(bot.repos, `bench-import-${randomUUID().slice(0, 8)}`);
  } finally {
    await bot.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
