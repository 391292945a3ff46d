import { expect } from "chai";
import { actorOf, localeOf, readerOf, tenantIdOf, timeZoneOf } from "../../bot/activityContext";

const TENANT = "5f1d6c9e-7a43-4a8e-9b1c-0d2e3f4a5b6c";
const OTHER_TENANT = "0a0b0c0d-1111-4222-8333-444455556666";
const USER = "a1a1a1a1-0000-4000-8000-000000000001";

describe("bot/activityContext", () => {
  describe("tenantIdOf", () => {
    const cases: { when: string; activity: unknown; expected: string | undefined }[] = [
      { when: "conversation.tenantId is set", activity: { conversation: { tenantId: TENANT } }, expected: TENANT },
      { when: "only channelData.tenant.id is set", activity: { conversation: { id: "a:1" }, channelData: { tenant: { id: TENANT } } }, expected: TENANT },
      { when: "both are set", activity: { conversation: { tenantId: TENANT }, channelData: { tenant: { id: OTHER_TENANT } } }, expected: TENANT },
      { when: "neither is set", activity: { conversation: { id: "a:1" }, channelData: {} }, expected: undefined },
      { when: "conversation.tenantId is malformed", activity: { conversation: { tenantId: "a/b" }, channelData: { tenant: { id: TENANT } } }, expected: undefined },
      { when: "the tenant id is not a string", activity: { conversation: { tenantId: 42 } }, expected: undefined },
      { when: "channelData is not an object", activity: { channelData: "tenant" }, expected: undefined },
      { when: "the activity is not an object", activity: null, expected: undefined },
    ];
    for (const { when, activity, expected } of cases) {
      it(`returns ${String(expected)} when ${when}`, () => {
        expect(tenantIdOf(activity)).to.equal(expected);
      });
    }
  });

  describe("actorOf", () => {
    it("returns the tenant and the sender's aadObjectId when both are present", () => {
      const activity = { conversation: { tenantId: TENANT }, from: { id: "29:x", aadObjectId: USER } };

      expect(actorOf(activity)).to.deep.equal({ tenantId: TENANT, userId: USER });
    });

    const incomplete: { when: string; activity: unknown }[] = [
      { when: "the sender has no aadObjectId", activity: { conversation: { tenantId: TENANT }, from: { id: "29:x" } } },
      { when: "the aadObjectId is malformed", activity: { conversation: { tenantId: TENANT }, from: { aadObjectId: "x y" } } },
      { when: "there is no tenant", activity: { from: { aadObjectId: USER } } },
    ];
    for (const { when, activity } of incomplete) {
      it(`returns undefined when ${when}`, () => {
        expect(actorOf(activity)).to.equal(undefined);
      });
    }
  });

  describe("localeOf", () => {
    const cases: [unknown, "en" | "fr"][] = [
      ["fr-FR", "fr"],
      ["fr-CA", "fr"],
      ["FR", "fr"],
      ["fr", "fr"],
      ["en-US", "en"],
      ["de-DE", "en"],
      ["fra", "en"],
      [undefined, "en"],
      [7, "en"],
    ];
    for (const [locale, expected] of cases) {
      it(`returns ${expected} when the locale is ${String(locale)}`, () => {
        expect(localeOf({ locale })).to.equal(expected);
      });
    }
  });

  describe("timeZoneOf and readerOf", () => {
    const clientInfo = (timezone: unknown) => ({ type: "clientInfo", locale: "fr-FR", timezone });
    const cases: { when: string; activity: unknown; expected: string | undefined }[] = [
      { when: "the activity has localTimezone", activity: { localTimezone: "Europe/Paris" }, expected: "Europe/Paris" },
      { when: "only the clientInfo entity has a timezone", activity: { entities: [{ type: "mention" }, clientInfo("America/Los_Angeles")] }, expected: "America/Los_Angeles" },
      { when: "both are set: localTimezone wins", activity: { localTimezone: "Asia/Tokyo", entities: [clientInfo("Europe/Paris")] }, expected: "Asia/Tokyo" },
      { when: "localTimezone is not a real zone", activity: { localTimezone: "Nowhere/Else", entities: [clientInfo("Europe/Paris")] }, expected: "Europe/Paris" },
      { when: "nothing is set", activity: { locale: "en-US" }, expected: undefined },
      { when: "the entities are not a list", activity: { entities: "clientInfo" }, expected: undefined },
    ];
    for (const { when, activity, expected } of cases) {
      it(`gives ${String(expected)} when ${when}`, () => {
        expect(timeZoneOf(activity)).to.equal(expected);
      });
    }

    it("gives the reader's language and zone, or the language alone when the zone is unknown", () => {
      expect(readerOf({ locale: "fr-CA", localTimezone: "America/Toronto" })).to.deep.equal({ language: "fr", timeZone: "America/Toronto" });
      expect(readerOf({ locale: "en-GB" })).to.deep.equal({ language: "en" });
    });
  });
});
