import { expect } from "chai";
import { formatDate, formatDateTime, formatDeadline, knownTimeZone } from "../../cards/dates";

describe("cards/dates", () => {
  describe("formatDate and formatDateTime", () => {
    const cases = [
      { when: "the reader is in Los Angeles, where it is still the day before", locale: { language: "en", timeZone: "America/Los_Angeles" }, iso: "2027-11-26T03:00:00Z", date: "Nov 25, 2027", dateTime: "Nov 25, 2027, 7:00 PM" },
      { when: "the reader is in Paris", locale: { language: "fr", timeZone: "Europe/Paris" }, iso: "2027-11-26T23:30:00Z", date: "27 nov. 2027", dateTime: "27 nov. 2027, 00:30" },
      { when: "the reader's zone is unknown: UTC, labelled", locale: "en", iso: "2027-11-26T03:00:00Z", date: "Nov 26, 2027 (UTC)", dateTime: "Nov 26, 2027, 3:00 AM (UTC)" },
      { when: "a French reader's zone is unknown", locale: { language: "fr" }, iso: "2027-11-26T03:00:00Z", date: "26 nov. 2027 (UTC)", dateTime: "26 nov. 2027, 03:00 (UTC)" },
    ] as const;
    for (const { when, locale, iso, date, dateTime } of cases) {
      it(`shows the reader's day and time when ${when}`, () => {
        expect(formatDate(locale, iso)).to.equal(date);
        expect(formatDateTime(locale, iso)).to.equal(dateTime);
      });
    }
  });

  describe("formatDeadline", () => {
    const cases = [
      { when: "it falls at midnight in the reader's zone", locale: { language: "en", timeZone: "Europe/Paris" }, iso: "2027-11-25T23:00:00Z", shown: "Nov 26, 2027" },
      { when: "the same instant is not midnight in another zone", locale: { language: "en", timeZone: "America/New_York" }, iso: "2027-11-25T23:00:00Z", shown: "Nov 25, 2027, 6:00 PM" },
      { when: "a refund window ends mid-morning", locale: { language: "en", timeZone: "UTC" }, iso: "2026-12-26T08:43:12.345Z", shown: "Dec 26, 2026, 8:43 AM" },
      { when: "one millisecond past midnight", locale: { language: "en", timeZone: "UTC" }, iso: "2026-12-26T00:00:00.001Z", shown: "Dec 26, 2026, 12:00 AM" },
      { when: "the zone is unknown and it is midnight UTC", locale: "en", iso: "2026-12-26T00:00:00Z", shown: "Dec 26, 2026 (UTC)" },
    ] as const;
    for (const { when, locale, iso, shown } of cases) {
      it(`shows "${shown}" when ${when}`, () => {
        expect(formatDeadline(locale, iso)).to.equal(shown);
      });
    }
  });

  describe("knownTimeZone", () => {
    const cases: { value: unknown; expected: string | undefined }[] = [
      { value: "Europe/Paris", expected: "Europe/Paris" },
      { value: "America/Los_Angeles", expected: "America/Los_Angeles" },
      { value: "Mars/Olympus_Mons", expected: undefined },
      { value: "", expected: undefined },
      { value: 42, expected: undefined },
      { value: `Europe/${"x".repeat(100)}`, expected: undefined },
    ];
    for (const { value, expected } of cases) {
      it(`gives ${String(expected)} for ${JSON.stringify(value)}`, () => {
        expect(knownTimeZone(value)).to.equal(expected);
      });
    }
  });
});
