import { expect } from "chai";
import { endOfDayIn } from "../../../benefits";

describe("rules/calendarDay endOfDayIn", () => {
  const cases = [
    { when: "no zone is known: the end of the day in UTC", day: "2027-11-26", zone: undefined, expected: "2027-11-26T23:59:59.999Z" },
    { when: "the admin is in Los Angeles", day: "2027-11-26", zone: "America/Los_Angeles", expected: "2027-11-27T07:59:59.999Z" },
    { when: "the admin is in Paris in winter", day: "2027-11-26", zone: "Europe/Paris", expected: "2027-11-26T22:59:59.999Z" },
    { when: "the day is the spring daylight-saving change in Paris", day: "2026-03-29", zone: "Europe/Paris", expected: "2026-03-29T21:59:59.999Z" },
    { when: "the day is the autumn daylight-saving change in Paris", day: "2026-10-25", zone: "Europe/Paris", expected: "2026-10-25T22:59:59.999Z" },
    { when: "the zone is half an hour off UTC", day: "2026-06-01", zone: "Asia/Kolkata", expected: "2026-06-01T18:29:59.999Z" },
  ];
  for (const { when, day, zone, expected } of cases) {
    it(`is the last millisecond of the typed day when ${when}`, () => {
      expect(endOfDayIn(day, zone)?.toISOString()).to.equal(expected);
    });
  }

  for (const day of ["2026-02-30", "2026-13-01", "26-01-01", "2026-01-01T00:00", ""]) {
    it(`is undefined for "${day}", which is not a calendar day`, () => {
      expect(endOfDayIn(day, "Europe/Paris")).to.equal(undefined);
    });
  }
});
