import { BENEFIT_CATEGORIES, type Benefit, type BenefitCategory } from "../benefits";
import { benefitRow, type BenefitCardContext } from "./overviewRows";
import { renderCard, type AdaptiveCardAttachment } from "./render";
import { t, type Locale } from "./strings";

export type { BenefitCardContext } from "./overviewRows";

/** One card per category, in the order of the Partner Center Benefits page. */
export function overviewCards(locale: Locale, benefits: readonly Benefit[], context: BenefitCardContext): AdaptiveCardAttachment[] {
  return BENEFIT_CATEGORIES.map((category) => categoryCard(locale, category, benefits.filter((b) => b.category === category), context));
}

function categoryCard(locale: Locale, category: BenefitCategory, benefits: readonly Benefit[], context: BenefitCardContext): AdaptiveCardAttachment {
  return renderCard("overviewCategory", {
    note: "",
    title: t(locale, `overview.category.${category}`),
    empty: t(locale, "overview.empty"),
    rows: benefits.map((b) => benefitRow(locale, b, context)),
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
  });
}
