import type { PackageRecordedNotice } from "../benefits";
import { escapeMarkdown } from "./markdown";
import { renderCard, type AdaptiveCardAttachment } from "./render";
import { t, type Locale } from "./strings";

export const PACKAGE_REMOVE_VERB = "package.remove";

/** The data of cards/templates/packageRecorded.json. */
export interface PackageRecordedCardData {
  readonly title: string;
  readonly summary: string;
  readonly removeNote: string;
  readonly removeLabel: string;
  readonly packageId: string;
  readonly packageVersion: number;
}

/** "‹person› recorded ‹package›", sent to the tenant's global admins, with Remove (refused once anything is in use). */
export function packageRecordedCard(locale: Locale, notice: PackageRecordedNotice): AdaptiveCardAttachment {
  const card = renderCard("packageRecorded", {
    title: t(locale, "import.recorded.title", { person: escapeMarkdown(notice.recordedByName), package: escapeMarkdown(notice.packageName) }),
    summary: t(locale, "import.recorded.summary", { created: notice.counts.created, refused: notice.counts.refused }),
    removeNote: t(locale, "import.recorded.removeNote"),
    removeLabel: t(locale, "import.recorded.remove"),
    packageId: notice.packageId,
    packageVersion: notice.packageVersion,
  });
  return card;
}
