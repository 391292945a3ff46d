import type { ExportKind } from "../benefits";
import { formatDateTime } from "./dates";
import { renderCard, type AdaptiveCardAttachment } from "./render";
import { t, type Locale } from "./strings";

export const EXPORT_VERBS = { assignments: "export.assignments", history: "export.history" } as const;

/** The data of cards/templates/exportLink.json. */
export interface ExportLinkCardData {
  readonly title: string;
  readonly validity: string;
  readonly url: string;
  readonly download: string;
}

/** The one-time download link (the URL is the credential: this card goes to the admin who asked, in private). */
export function exportLinkCard(locale: Locale, kind: ExportKind, url: string, expiresAt: string): AdaptiveCardAttachment {
  return renderCard("exportLink", {
    title: t(locale, `export.title.${kind}`),
    validity: t(locale, "export.validity", { until: formatDateTime(locale, expiresAt) }),
    url,
    download: t(locale, "export.download"),
  });
}
