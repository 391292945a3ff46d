import { languageOf, timeZoneOf, type Locale } from "./locale";

type Style = "date" | "dateTime" | "parts";

const STYLES: Record<Style, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: "medium" },
  dateTime: { dateStyle: "medium", timeStyle: "short" },
  parts: { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" },
};

// Building an Intl.DateTimeFormat costs far more than using one: one per language, zone and style for the process.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(locale: Locale, style: Style): Intl.DateTimeFormat {
  const zone = timeZoneOf(locale) ?? "UTC";
  const key = `${languageOf(locale)}|${zone}|${style}`;
  let found = formats.get(key);
  if (found === undefined) {
    found = new Intl.DateTimeFormat(languageOf(locale) === "fr" ? "fr-FR" : "en-US", { ...STYLES[style], timeZone: zone });
    formats.set(key, found);
  }
  return found;
}

// Every turn asks about the zone its activity names (several times: each turnOf); the answer never changes. Names come
// from the client, so the memory is bounded: past the limit a new name is checked without being kept.
const KNOWN_ZONES_MAX = 1000;
const knownZones = new Map<string, string | undefined>();

/** A time zone name Intl knows (IANA, e.g. "Europe/Paris"); anything else is undefined so it is never used. */
export function knownTimeZone(name: unknown): string | undefined {
  if (typeof name !== "string" || name.length === 0 || name.length > 64) return undefined;
  if (knownZones.has(name)) return knownZones.get(name);
  const resolved = resolveTimeZone(name);
  if (knownZones.size < KNOWN_ZONES_MAX) knownZones.set(name, resolved);
  return resolved;
}

function resolveTimeZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

function toDate(iso: string | Date): Date {
  return typeof iso === "string" ? new Date(iso) : iso;
}

/** Without the reader's zone the text says UTC, so nobody takes it for their own time. */
function labelled(locale: Locale, text: string): string {
  return timeZoneOf(locale) === undefined ? `${text} (UTC)` : text;
}

/** The day, in the reader's time zone. */
export function formatDate(locale: Locale, iso: string | Date): string {
  return labelled(locale, formatFor(locale, "date").format(toDate(iso)));
}

/** Day and time, in the reader's time zone. */
export function formatDateTime(locale: Locale, iso: string | Date): string {
  return labelled(locale, formatFor(locale, "dateTime").format(toDate(iso)));
}

function isMidnight(locale: Locale, date: Date): boolean {
  const parts = formatFor(locale, "parts").formatToParts(date);
  const value = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
  return value("hour") === "00" && value("minute") === "00" && value("second") === "00" && date.getUTCMilliseconds() === 0;
}

/** A moment whose day matters (an expiry, the refund window's end): the day alone at midnight, else day and time. */
export function formatDeadline(locale: Locale, iso: string | Date): string {
  const date = toDate(iso);
  return isMidnight(locale, date) ? formatDate(locale, date) : formatDateTime(locale, date);
}
