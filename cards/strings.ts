import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

import { languageOf, type Language, type Locale } from "./locale";

export { LOCALES, languageOf, timeZoneOf, type Language, type Locale, type Reader } from "./locale";

const catalogFileSchema = z.record(z.string(), z.string());
type Catalog = Readonly<Record<string, string>>;

/** One JSON file per card family and language, merged: each family owns its own file. */
function loadCatalog(locale: Language): Catalog {
  const dir = join(__dirname, "strings", locale);
  const merged: Record<string, string> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const entries = catalogFileSchema.parse(JSON.parse(readFileSync(join(dir, file), "utf8")));
    for (const [key, text] of Object.entries(entries)) {
      if (key in merged) throw new Error(`string ${key} is defined twice (${locale}/${file})`);
      merged[key] = text;
    }
  }
  return Object.freeze(merged);
}

let catalogs: Record<Language, Catalog> | undefined;

export function catalogFor(locale: Locale): Catalog {
  catalogs ??= { en: loadCatalog("en"), fr: loadCatalog("fr") };
  return catalogs[languageOf(locale)];
}

export type Vars = Readonly<Record<string, string | number>>;

/** A missing key is a programming error caught by the catalog test, so it shows as the key rather than crashing a turn. */
export function t(locale: Locale, key: string, vars: Vars = {}): string {
  const text = catalogFor(locale)[key] ?? catalogFor("en")[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export { formatDate, formatDateTime, formatDeadline } from "./dates";
