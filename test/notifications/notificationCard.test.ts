import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { NOTIFICATION_EVENTS, type Notification } from "../../benefits";
import { notificationCard } from "../../cards/notifications";
import { LOCALES } from "../../cards/strings";

const keysOf = (locale: string) => Object.keys(JSON.parse(readFileSync(join(__dirname, "../../cards/strings", locale, "notifications.json"), "utf8"))).sort();

function aNotification(event: Notification["event"], category: string): Notification {
  return {
    type: "notification", id: `b:${event}:u`, tenantId: "tenant-a", version: 0, benefitId: "b", event, recipientId: "u",
    dueAt: "2026-11-24T12:00:00.000Z", state: "planned", attempts: 0,
    facts: { benefitName: "Contoso [kit]", category, activatedAt: "2026-11-24T12:00:00.000Z", expiresAt: "2027-11-24T12:00:00+01:00" },
  };
}

describe("cards/notifications", () => {
  it("has the same strings in English and French", () => {
    expect(keysOf("fr")).to.deep.equal(keysOf("en"));
  });

  const events = NOTIFICATION_EVENTS.filter((e) => e !== "requestDecided");
  for (const locale of LOCALES) {
    for (const category of ["goToMarket", "technical", "visualStudio", "cloud"]) {
      it(`says what happened, the date and the next step for every event of a ${category} benefit in ${locale}`, () => {
        for (const event of events) {
          const text = JSON.stringify(notificationCard(aNotification(event, category), { locale, marketingContactEmail: "mkt@fabrikam.example" }).content);
          expect(text, `${event}`).to.not.match(/notifications\.|\{\w+\}/);
          expect(text, `${event}`).to.contain("Contoso \\\\[kit]").and.to.match(/2027|2026/).and.to.contain("Action.OpenUrl");
        }
      });
    }
  }

  it("shows the dates in the recipient's time zone, the expiry with its time when it is not midnight there", () => {
    const card = notificationCard(aNotification("expiresIn7", "technical"), { locale: { language: "en", timeZone: "Asia/Tokyo" } });
    const text = JSON.stringify(card.content);
    // 2027-11-24T12:00+01:00 is 20:00 in Tokyo.
    expect(text).to.contain("Nov 24, 2027, 8:00 PM").and.not.contain("UTC");
  });

  it("words French titles so that they agree with any benefit name, plural or feminine", () => {
    for (const event of events) {
      const n = { ...aNotification(event, "technical"), facts: { ...aNotification(event, "technical").facts, benefitName: "Microsoft product support incidents" } };
      const title = JSON.stringify(notificationCard(n, { locale: "fr" }).content.body);
      expect(title, event).not.to.match(/"text":"Microsoft product support incidents (est|expire|a expiré)\b/);
    }
  });
});
