// Preloaded (node --require) into a bot the bench measures, never part of the bot itself: on SIGUSR2 it writes one
// JSON line with the process's memory figures, and, when BENCH_HEAP_SNAPSHOT_DIR is set, a heap snapshot there first
// (a snapshot needs about the heap's size again, so the figures are taken before it).
import { writeSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";

const snapshotDir = process.env.BENCH_HEAP_SNAPSHOT_DIR;
let reports = 0;

process.on("SIGUSR2", () => {
  reports++;
  const usage = process.memoryUsage();
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, { size: s.space_size, used: s.space_used_size }]));
  // With --expose-gc (the bench's diagnostic runs): what stays reachable, as opposed to what V8 has not collected yet.
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  const heapUsedAfterGc = collect === undefined ? undefined : process.memoryUsage().heapUsed;
  const snapshot = snapshotDir === undefined ? undefined : v8.writeHeapSnapshot(path.join(snapshotDir, `bot-${process.pid}-${reports}.heapsnapshot`));
  writeSync(1, `${JSON.stringify({ msg: "bench memory report", report: reports, ...usage, heapUsedAfterGc, spaces, snapshot })}\n`);
});
