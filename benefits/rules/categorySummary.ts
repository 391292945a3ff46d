import { BENEFIT_CATEGORIES, type Benefit, type BenefitCategory } from "../types";
import { benefitExpiry, benefitState, benefitUsage, type BenefitState } from "./benefitState";

/** One line of the overview: what matters about a category at a glance. */
export interface CategorySummary {
  readonly category: BenefitCategory;
  readonly count: number;
  /** Visual Studio seats used out of all seats; undefined for other categories (technical units of different kinds do not add up). */
  readonly usage: { readonly used: number; readonly total: number } | undefined;
  /** How many benefits are in each state; states nobody is in are absent. */
  readonly states: Partial<Record<BenefitState, number>>;
  /** The soonest expiry still ahead, among benefits not yet expired or canceled. */
  readonly nextExpiry: string | undefined;
}

const ENDED: readonly BenefitState[] = ["expired", "canceled", "cancelRequested"];

export function categorySummaries(benefits: readonly Benefit[], now: Date): CategorySummary[] {
  return BENEFIT_CATEGORIES.map((category) => summarize(category, benefits.filter((b) => b.category === category), now));
}

function summarize(category: BenefitCategory, benefits: readonly Benefit[], now: Date): CategorySummary {
  const states: Partial<Record<BenefitState, number>> = {};
  let usage: { used: number; total: number } | undefined;
  let nextExpiry: string | undefined;
  for (const benefit of benefits) {
    const state = benefitState(benefit, now);
    states[state] = (states[state] ?? 0) + 1;
    const counted = category === "visualStudio" ? benefitUsage(benefit) : undefined;
    if (counted !== undefined) usage = { used: (usage?.used ?? 0) + counted.used, total: (usage?.total ?? 0) + counted.total };
    const expiry = benefitExpiry(benefit);
    if (expiry !== undefined && !ENDED.includes(state) && (nextExpiry === undefined || Date.parse(expiry) < Date.parse(nextExpiry))) nextExpiry = expiry;
  }
  return { category, count: benefits.length, usage, states, nextExpiry };
}
