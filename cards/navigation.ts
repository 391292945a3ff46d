import { t, type Locale } from "./strings";

/** The Back and Cancel buttons of a multi-step task's cards; the templates send these verbs. */
export const NAVIGATION_VERBS = { back: "nav.back", cancel: "nav.cancel" } as const;

/** The buttons' titles, for a card builder's template data. */
export function navigationButtons(locale: Locale): { backButton: string; cancelButton: string } {
  return { backButton: t(locale, "common.backButton"), cancelButton: t(locale, "common.cancelButton") };
}
