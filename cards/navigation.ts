import { t, type Locale } from "./strings";

/** The Back and Cancel buttons of a multi-step task's cards; the templates send these verbs. */
export const NAVIGATION_VERBS = { back: "nav.back", cancel: "nav.cancel" } as const;

/** What every step card of a task carries: the item it is about (id, version) and the Back and Cancel titles. */
export interface FormCardData {
  readonly id: string;
  readonly version: number;
  readonly backButton: string;
  readonly cancelButton: string;
}

/** The buttons' titles, for a card builder's template data. */
export function navigationButtons(locale: Locale): { backButton: string; cancelButton: string } {
  return { backButton: t(locale, "common.backButton"), cancelButton: t(locale, "common.cancelButton") };
}

/** What a required input says when it is left empty: the field's need in words, never just its label in red. */
export function missingTexts(locale: Locale): Record<"person" | "item" | "date" | "email" | "phone" | "language", string> {
  return {
    person: t(locale, "common.missing.person"),
    item: t(locale, "common.missing.item"),
    date: t(locale, "common.missing.date"),
    email: t(locale, "common.missing.email"),
    phone: t(locale, "common.missing.phone"),
    language: t(locale, "common.missing.language"),
  };
}
