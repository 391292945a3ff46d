import { categorySummaries, type Benefit, type BenefitCategory, type BenefitState, type CategorySummary, type UnreachableSummary } from "../benefits";
import { benefitRow, type BenefitCardContext, type BenefitRow } from "./overviewRows";
import { pageOf, pagingData, type PagingCardData } from "./paging";
import { renderCard, type AdaptiveCardAttachment } from "./render";
import { catalogFor, formatDeadline, languageOf, t, type Locale } from "./strings";

export type { BenefitCardContext } from "./overviewRows";

export const OVERVIEW_VERBS = { show: "overview.show", category: "overview.category" } as const;

// The states worth a word on the overview, in the order they are read.
const SUMMARY_STATES: readonly BenefitState[] = ["active", "pending", "available", "cancelRequested", "expired"];

/** French uses the singular for 0 and 1, English for 1 only. */
function countWord(locale: Locale, key: string, count: number): string {
  const singular = languageOf(locale) === "fr" ? count <= 1 : count === 1;
  return t(locale, `${key}.${singular ? "one" : "other"}`, { count });
}

function summaryLine(locale: Locale, summary: CategorySummary): string {
  const parts = [countWord(locale, `overview.summary.count.${summary.category}`, summary.count)];
  if (summary.usage !== undefined) parts.push(t(locale, "overview.summary.seats", { used: summary.usage.used, total: summary.usage.total }));
  else {
    for (const state of SUMMARY_STATES) {
      const n = summary.states[state];
      // French agrees with the noun: offers are feminine, subscriptions and benefits masculine.
      const specific = `overview.summary.state.${summary.category}.${state}`;
      const key = `${specific}.one` in catalogFor(locale) ? specific : `overview.summary.state.${state}`;
      if (n !== undefined) parts.push(countWord(locale, key, n));
    }
  }
  if (summary.nextExpiry !== undefined) parts.push(t(locale, "overview.summary.expires", { date: formatDeadline(locale, summary.nextExpiry) }));
  return parts.join(" · ");
}

/** The data of cards/templates/overview.json. */
export interface OverviewCardData {
  readonly title: string;
  readonly showUnreachable: boolean;
  readonly unreachable: string;
  readonly rows: { title: string; summary: string; open: boolean; button: string; verb: typeof OVERVIEW_VERBS.category; id: "visualStudio" | "technical" | "software" | "cloud" | "goToMarket" }[];
}

/** The organization's benefits on one card: a row per category, in Partner Center's order, each opening its list. */
/** "N people can't be reached yet" and why, for admins; empty when everyone can be reached. */
function unreachableLine(locale: Locale, unreachable: UnreachableSummary | undefined): string {
  if (unreachable === undefined || unreachable.people === 0) return "";
  // One reason: it is everyone's, so no count; several: each with how many people it holds back.
  const single = unreachable.reasons.length === 1;
  const reasons = unreachable.reasons.map((r) => (single ? "" : `${r.people}: `) + t(locale, `overview.unreachable.reason.${r.reason}`)).join("; ");
  return t(locale, unreachable.people === 1 ? "overview.unreachable.one" : "overview.unreachable.many", { people: unreachable.people, reasons });
}

export function overviewCard(locale: Locale, benefits: readonly Benefit[], context: BenefitCardContext, unreachable?: UnreachableSummary): AdaptiveCardAttachment {
  const line = unreachableLine(locale, unreachable);
  return renderCard("overview", {
    title: t(locale, "overview.title"),
    showUnreachable: line !== "",
    unreachable: line,
    rows: categorySummaries(benefits, context.now).map((summary) => ({
      title: t(locale, `overview.category.${summary.category}`),
      summary: summary.count === 0 ? t(locale, "overview.summary.none") : summaryLine(locale, summary),
      open: summary.count > 0,
      button: t(locale, "overview.open"),
      verb: OVERVIEW_VERBS.category,
      id: summary.category,
    })),
  });
}

/** The data of cards/templates/overviewCategory.json. */
export interface OverviewCategoryCardData extends Partial<PagingCardData> {
  /**
   * The category the page buttons open again (`OVERVIEW_VERBS.category` with this id and their page). A card of this
   * template that is not a category's list (the left-holders card) leaves the paging out: no page line, no buttons.
   */
  readonly categoryId?: BenefitCategory;
  readonly note: string;
  readonly title: string;
  readonly empty: string;
  readonly rows: BenefitRow[];
  readonly back: { title: string; verb: typeof OVERVIEW_VERBS.show };
}

/** One page of a category's benefits (`page` cut to the pages that exist), details folded, with the way back to the overview. */
export function categoryCard(locale: Locale, category: BenefitCategory, benefits: readonly Benefit[], context: BenefitCardContext, page = 0): AdaptiveCardAttachment {
  const shown = pageOf(benefits.filter((b) => b.category === category), page);
  return renderCard("overviewCategory", {
    categoryId: category,
    ...pagingData(locale, shown),
    note: "",
    title: t(locale, `overview.category.${category}`),
    empty: t(locale, "overview.empty"),
    rows: shown.items.map((b) => benefitRow(locale, b, context)),
    back: { title: t(locale, "overview.back"), verb: OVERVIEW_VERBS.show },
  });
}

/**
 * One benefit as it is now, details open: shown in place of a card that was out of date (with `note` saying so),
 * or after a change. Other flows call it too.
 */
export function benefitStateCard(locale: Locale, benefit: Benefit, context: BenefitCardContext, note = ""): AdaptiveCardAttachment {
  return renderCard("overviewCategory", {
    note,
    title: t(locale, `overview.category.${benefit.category}`),
    empty: "",
    rows: [benefitRow(locale, benefit, context, true)],
    back: { title: t(locale, "overview.back"), verb: OVERVIEW_VERBS.show },
  });
}
