// npm run bench:sweep: item 4's rows alone, on a counting Cosmos server of their own.
import { performance } from "node:perf_hooks";
import { printTable } from "./report";
import { startCountingCosmos } from "./support/countingCosmos";
import { round } from "./support/stats";
import { measureSweep, measureTenantScale, sweepRows, type SweepResult, type TenantScaleResult } from "./sweep";

const sizes = (name: string, fallback: string) => (process.env[name] ?? fallback).split(",").map(Number).filter((n) => n > 0);

async function main(): Promise<void> {
  const began = performance.now();
  const cosmos = await startCountingCosmos();
  try {
    const sweeps: SweepResult[] = [];
    for (const size of sizes("BENCH_SWEEP_SIZES", "1000,10000")) sweeps.push(await measureSweep(cosmos, size));
    const scale: TenantScaleResult[] = [];
    for (const tenants of sizes("BENCH_SWEEP_TENANTS", "100,1000")) scale.push(await measureTenantScale(cosmos, tenants));
    console.log(printTable(sweepRows(sweeps, scale)));
    console.log(`\n${round((performance.now() - began) / 1000, 1)} s`);
  } finally {
    await cosmos.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
