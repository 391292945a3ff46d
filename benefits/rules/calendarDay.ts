const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at `instant`, in milliseconds. */
function zoneOffset(timeZone: string, instant: number): number {
  let format = offsetFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    offsetFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
  const wall = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant the wall clock of `timeZone` shows 00:00 on the day starting at `utcMidnight` (as a UTC date). */
function startOfDayIn(utcMidnight: number, timeZone: string): number {
  const guess = utcMidnight - zoneOffset(timeZone, utcMidnight);
  // A daylight-saving change between the guess and the real midnight shifts the offset once.
  return utcMidnight - zoneOffset(timeZone, guess);
}

/**
 * A calendar day typed by a person ("2027-11-26") as the last millisecond of that day on their own clock: an offer that
 * "expires on" a day is still valid that whole day where they are. Without a zone, UTC. Undefined when not a real day.
 */
export function endOfDayIn(isoDay: string, timeZone: string | undefined): Date | undefined {
  const match = ISO_DAY.exec(isoDay);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utcMidnight = Date.UTC(year, month - 1, day);
  const check = new Date(utcMidnight);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  const nextStart = timeZone === undefined ? utcMidnight + DAY_MS : startOfDayIn(utcMidnight + DAY_MS, timeZone);
  return new Date(nextStart - 1);
}
