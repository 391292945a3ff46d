// The earlier bench row: 50 admins assign one 5-seat subscription at once, in-process on the embedded server.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { assignVisualStudioSeat, isBenefitsError, type Repositories, type UseCaseDeps } from "../benefits";
import { round } from "./support/stats";

export interface ParallelAssignResult {
  readonly ms: number;
  readonly outcomes: Record<string, number>;
}

export async function measureParallelAssignments(repos: Repositories): Promise<ParallelAssignResult> {
  const tenantId = `bench-${randomUUID().slice(0, 8)}`;
  const deps: UseCaseDeps = { repos, now: () => new Date(), newId: () => randomUUID() };
  const admin = "bench-admin";
  await repos.users.create({ type: "user", id: admin, tenantId, version: 0, displayName: "Admin", email: "admin@bench.example", roles: ["globalAdmin"], remindersMuted: false });
  const userIds = Array.from({ length: 50 }, (_, i) => `bench-user-${i}`);
  for (const id of userIds) {
    await repos.users.create({ type: "user", id, tenantId, version: 0, displayName: id, email: `${id}@bench.example`, roles: ["employee"], remindersMuted: false });
  }
  await repos.benefits.create({ type: "benefit", id: "vs-bench", tenantId, version: 0, packageId: "pkg", name: "VS", category: "visualStudio", seats: 5, assignments: [] });
  const start = performance.now();
  const outcomes = await Promise.all(
    userIds.map((userId) =>
      assignVisualStudioSeat(deps, { tenantId, userId: admin }, { benefitId: "vs-bench", userId }).then(
        () => "assigned",
        (e: unknown) => (isBenefitsError(e) ? e.code : "error"),
      ),
    ),
  );
  const ms = performance.now() - start;
  return { ms: round(ms, 1), outcomes: outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {}) };
}
