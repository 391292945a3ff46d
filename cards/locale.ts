export const LOCALES = ["en", "fr"] as const;
export type Language = (typeof LOCALES)[number];

/** The person a card is for: their language and, when their client said so, their IANA time zone. */
export interface Reader {
  readonly language: Language;
  /** Undefined when unknown: times are then shown in UTC, labelled as such. */
  readonly timeZone?: string;
}

/** What every card builder takes: a bare language (times in UTC, labelled) or a reader with a time zone. */
export type Locale = Language | Reader;

export function languageOf(locale: Locale): Language {
  return typeof locale === "string" ? locale : locale.language;
}

export function timeZoneOf(locale: Locale): string | undefined {
  return typeof locale === "string" ? undefined : locale.timeZone;
}
