import { navigationButtons, type FormCardData } from "./navigation";
import { z } from "zod";
import type { DirectoryUser, SoftwareBenefit } from "../benefits";
import { escapeMarkdown } from "./markdown";
import { renderCard, type AdaptiveCardAttachment } from "./render";
import { formatDate, t, type Locale } from "./strings";
import { pageOf, pagingData, type PagingCardData } from "./paging";
import { refSchema } from "./submit";

export const SOFTWARE_VERBS = { keys: "software.keys", page: "software.page", reveal: "software.reveal", download: "software.download" } as const;

type UserLookup = (userId: string) => DirectoryUser | undefined;

function revealedLine(locale: Locale, b: SoftwareBenefit, userOf: UserLookup): string {
  if (b.keysRevealed === undefined) return t(locale, "software.state.notRevealed");
  const by = escapeMarkdown(userOf(b.keysRevealed.by)?.displayName ?? b.keysRevealed.by);
  return t(locale, "software.state.revealed", { date: formatDate(locale, b.keysRevealed.at), name: by });
}

/** The data of cards/templates/softwareProducts.json. */
export interface SoftwareProductsCardData extends PagingCardData {
  readonly title: string;
  readonly text: string;
  readonly products: { id: string; version: number; name: string; stateLine: string; button: string }[];
}

/** One page of the products (`page` is cut to the pages that exist); Previous / Next send `SOFTWARE_VERBS.page`. */
export function softwareListCard(locale: Locale, products: readonly SoftwareBenefit[], userOf: UserLookup, page = 0): AdaptiveCardAttachment {
  const shown = pageOf(products, page);
  return renderCard("softwareProducts", {
    title: t(locale, "software.list.title"),
    text: products.length === 0 ? t(locale, "software.list.empty") : t(locale, "software.list.text"),
    ...pagingData(locale, shown),
    products: shown.items.map((b) => ({
      id: b.id,
      version: b.version,
      name: escapeMarkdown(b.name),
      stateLine: revealedLine(locale, b, userOf),
      button: t(locale, b.keysRevealed === undefined ? "software.button.open" : "software.button.showKeys"),
    })),
  });
}

/** The data of cards/templates/softwareProduct.json. */
export interface SoftwareProductCardData {
  readonly title: string;
  readonly stateLine: string;
  readonly warning: string;
  readonly text: string;
  readonly canReveal: boolean;
  readonly button: string;
  readonly id: string;
  readonly version: number;
}

/**
 * The product before its keys are shown: the refund consequence is said here, before the click, not after. When the
 * domain says the keys can't be revealed (`revealAllowed` false), the card says why and offers no button.
 */
export function softwareProductCard(locale: Locale, b: SoftwareBenefit, userOf: UserLookup, revealAllowed = true): AdaptiveCardAttachment {
  const revealed = b.keysRevealed !== undefined;
  const blocked = !revealed && !revealAllowed;
  return renderCard("softwareProduct", {
    title: escapeMarkdown(b.name),
    stateLine: revealedLine(locale, b, userOf),
    warning: revealed ? "" : t(locale, blocked ? "software.product.refundRequested" : "software.product.warning"),
    text: blocked ? "" : t(locale, "software.product.text", { languages: b.languages.join(", "), systems: b.operatingSystems.join(", ") }),
    canReveal: !blocked,
    button: t(locale, revealed ? "software.button.showKeys" : "software.button.getKeys"),
    id: b.id,
    version: b.version,
  });
}

export interface DownloadChoice {
  readonly language: string;
  readonly os: string;
}

/** The data of cards/templates/softwareKeys.json. */
export interface SoftwareKeysCardData extends FormCardData {
  readonly title: string;
  readonly error: string;
  readonly keysLabel: string;
  readonly keys: { title: string; value: string }[];
  readonly instructions: string;
  readonly languageLabel: string;
  readonly osLabel: string;
  readonly required: string;
  readonly languages: { title: string; value: string }[];
  readonly systems: { title: string; value: string }[];
  readonly language: string;
  readonly os: string;
  readonly button: string;
}

export function softwareKeysCard(locale: Locale, b: SoftwareBenefit, choice: DownloadChoice, error = ""): AdaptiveCardAttachment {
  return renderCard("softwareKeys", {
    ...navigationButtons(locale),
    title: t(locale, "software.keys.title", { name: escapeMarkdown(b.name) }),
    error,
    keysLabel: t(locale, "software.keys.label"),
    // Keys are copied as shown: no Markdown escaping (they are letters, digits and dashes from Microsoft's data).
    keys: b.productKeys.map((k) => ({ title: escapeMarkdown(k.product), value: k.key })),
    instructions: b.instructions === "" ? "" : t(locale, "software.instructions", { text: escapeMarkdown(b.instructions) }),
    languageLabel: t(locale, "software.keys.language"),
    osLabel: t(locale, "software.keys.os"),
    required: t(locale, "software.required"),
    languages: b.languages.map((l) => ({ title: l, value: l })),
    systems: b.operatingSystems.map((o) => ({ title: o, value: o })),
    language: choice.language,
    os: choice.os,
    button: t(locale, "software.button.downloads"),
    id: b.id,
    version: b.version,
  });
}

/** The data of cards/templates/softwareDownloads.json. */
export interface SoftwareDownloadsCardData {
  readonly nextButton: string;
  readonly title: string;
  readonly facts: { title: string; value: string }[];
  readonly noDownloads: string;
  readonly instructions: string;
  readonly next: string;
  readonly downloads: { title: string; url: string }[];
}

export function softwareDownloadsCard(
  locale: Locale,
  b: SoftwareBenefit,
  choice: DownloadChoice,
  downloads: readonly SoftwareBenefit["downloads"][number][],
): AdaptiveCardAttachment {
  return renderCard("softwareDownloads", {
    nextButton: t(locale, "software.downloads.nextButton"),
    title: t(locale, "software.downloads.title", { name: escapeMarkdown(b.name) }),
    facts: [
      { title: t(locale, "software.keys.language"), value: choice.language },
      { title: t(locale, "software.keys.os"), value: choice.os },
      ...b.productKeys.map((k) => ({ title: escapeMarkdown(k.product), value: k.key })),
    ],
    noDownloads: downloads.length === 0 ? t(locale, "software.downloads.none") : "",
    instructions: b.instructions === "" ? "" : t(locale, "software.instructions", { text: escapeMarkdown(b.instructions) }),
    next: t(locale, "software.downloads.next"),
    downloads: downloads.map((d, i) => ({ title: t(locale, "software.downloads.link", { n: i + 1, language: d.language, os: d.os }), url: d.url })),
  });
}

export const softwareRefSubmit = z.object({ id: refSchema.id, version: refSchema.version }).strict();
export const softwareChoiceSubmit = z
  .object({ id: refSchema.id, version: refSchema.version, language: z.string().min(1).max(40), os: z.string().min(1).max(40) })
  .strict();
