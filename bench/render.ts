// Item 3: rendering in-process, on the demo tenant's documents as the bot stored them.
import { performance } from "node:perf_hooks";
import type { Repositories } from "../benefits";
import { helpCard } from "../cards/help";
import { categoryCard, overviewCard } from "../cards/overview";
import { median, percentile, round } from "./support/stats";

export interface RenderResult {
  readonly overviewP50Ms: number;
  readonly overviewP95Ms: number;
  /** The Visual Studio category card, the one with the most rows, as its Open button shows it. */
  readonly categoryP50Ms: number;
  readonly helpP50Ms: number;
  readonly renders: number;
}

function timeEach(n: number, run: () => unknown): number[] {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return samples;
}

export async function measureRendering(repos: Repositories, tenantId: string, viewerId: string, renders: number): Promise<RenderResult> {
  const [benefits, packages, users] = await Promise.all([repos.benefits.list(tenantId), repos.packages.list(tenantId), repos.users.list(tenantId)]);
  const viewer = users.find((u) => u.value.id === viewerId)?.value;
  const context = { now: new Date(), packages: packages.map((p) => p.value), users: users.map((u) => u.value), viewer };
  const values = benefits.map((b) => b.value);
  const overview = timeEach(renders, () => overviewCard("en", values, context));
  const category = timeEach(renders, () => categoryCard("en", "visualStudio", values, context));
  const help = timeEach(renders, () => helpCard("fr", "Alex", ["globalAdmin"], [{ flowId: "x", verb: "x.start" }]));
  return { overviewP50Ms: round(median(overview), 3), overviewP95Ms: round(percentile(overview, 95), 3), categoryP50Ms: round(median(category), 3), helpP50Ms: round(median(help), 3), renders };
}
