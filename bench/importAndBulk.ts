// Import of 500 benefits and a bulk assignment of 500 rows, on the embedded Cosmos server (issue 8's numbers).
import { performance } from "node:perf_hooks";
import { applyBulkAssign, importPackage, readAssignmentCsv, type Repositories, type UseCaseDeps } from "../benefits";

export async function benchImportAndBulk(repos: Repositories, tenantId: string): Promise<void> {
  const deps: UseCaseDeps = { repos, now: () => new Date(), newId: () => "bench" };
  const admin = { tenantId, userId: "bulk-admin" };
  await repos.users.create({ type: "user", id: admin.userId, tenantId, version: 0, displayName: "Admin", email: "admin@bulk.example", roles: ["globalAdmin"], remindersMuted: false });
  const people = Array.from({ length: 500 }, (_, i) => `bulk-user-${i}`);
  for (const id of people) {
    await repos.users.create({ type: "user", id, tenantId, version: 0, displayName: id, email: `${id}@bulk.example`, roles: ["employee"], remindersMuted: false });
  }
  // 100 subscriptions of 5 seats: 500 benefits in the file, 500 rows filling every seat.
  const benefits = Array.from({ length: 500 }, (_, i) =>
    i < 100
      ? { id: `vs-${i}`, category: "visualStudio", name: `VS ${i}`, edition: "Enterprise", seats: 5 }
      : { id: `gtm-${i}`, category: "goToMarket", name: `Offer ${i}`, level: "Gold Core" },
  );
  const file = JSON.stringify({ formatVersion: 1, id: "bench-package", name: "Bench package", level: "Gold Core", purchasedAt: "2026-11-20", benefits });

  let start = performance.now();
  const imported = await importPackage(deps, { kind: "person", actor: admin }, file);
  const importMs = performance.now() - start;
  if (!imported.ok) throw new Error("bench package refused");
  console.log(`import of 500 benefits: ${importMs.toFixed(0)}ms (${JSON.stringify(imported.report.counts)})`);

  start = performance.now();
  const again = await importPackage(deps, { kind: "person", actor: admin }, file);
  console.log(`re-import of the same 500 benefits (nothing changes): ${(performance.now() - start).toFixed(0)}ms (${again.ok ? JSON.stringify(again.report.counts) : "refused"})`);

  const csv = ["benefit,email,alternate_email", ...people.map((id, i) => `vs-${Math.floor(i / 5)},${id}@bulk.example,`)].join("\n");
  const rows = readAssignmentCsv(csv);
  if (!rows.ok) throw new Error("bench CSV refused");
  start = performance.now();
  const assigned = await applyBulkAssign(deps, admin, rows.rows);
  console.log(`bulk assignment of 500 rows: ${(performance.now() - start).toFixed(0)}ms (${JSON.stringify(assigned.counts)})`);
}
