import type { Benefit } from "../benefits";
import { OVERVIEW_VERBS, type BenefitCardContext } from "./overview";
import { benefitRow } from "./overviewRows";
import { renderCard, type AdaptiveCardAttachment } from "./render";
import { t, type Locale } from "./strings";

/**
 * One card for an admin after a sync: every benefit someone who left still holds, details open, with the row's own
 * buttons (Reassign and Remove for seats) as the overview shows them to that admin.
 */
export function leftHoldersCard(locale: Locale, benefits: readonly Benefit[], context: BenefitCardContext): AdaptiveCardAttachment {
  return renderCard("overviewCategory", {
    note: t(locale, "leftHolders.note"),
    title: t(locale, "leftHolders.title"),
    empty: "",
    rows: benefits.map((b) => benefitRow(locale, b, context, true)),
    back: { title: t(locale, "overview.back"), verb: OVERVIEW_VERBS.show },
  });
}
