import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

export const LOCALES = ["en", "fr"] as const;
export type Locale = (typeof LOCALES)[number];

const catalogFileSchema = z.record(z.string(), z.string());
type Catalog = Readonly<Record<string, string>>;

/** One JSON file per card family and language, merged: each family owns its own file. */
function loadCatalog(locale: Locale): Catalog {
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

let catalogs: Record<Locale, Catalog> | undefined;

export function catalogFor(locale: Locale): Catalog {
  catalogs ??= { en: loadCatalog("en"), fr: loadCatalog("fr") };
  return catalogs[locale];
}

export type Vars = Readonly<Record<string, string | number>>;

/** A missing key is a programming error caught by the catalog test, so it shows as the key rather than crashing a turn. */
export function t(locale: Locale, key: string, vars: Vars = {}): string {
  const text = catalogFor(locale)[key] ?? catalogFor("en")[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Dates as people read them in their language, in UTC so every reader sees the same day. */
export function formatDate(locale: Locale, iso: string | Date): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-US", { dateStyle: "medium", timeZone: "UTC" }).format(date);
}
