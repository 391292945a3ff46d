import { expect } from "chai";
import { parseActivity } from "../../bot/activitySchema";
import { teamsMessage } from "../support/botHttp";

const LOCAL = { localMode: true };
const SIGNED = { localMode: false };
const HTTPS_SERVICE = "https://smba.trafficmanager.net/emea/";

function cardClick(value: unknown): Record<string, unknown> {
  return teamsMessage({ type: "invoke", name: "adaptiveCard/action", text: undefined, value });
}

function without(activity: Record<string, unknown>, field: string): Record<string, unknown> {
  const { [field]: _removed, ...rest } = activity;
  return rest;
}

describe("bot/activitySchema", () => {
  describe("parseActivity", () => {
    it("accepts a Teams message and passes on only the fields the bot reads", () => {
      const verdict = parseActivity({ ...teamsMessage(), surprise: { deep: true } }, LOCAL);

      expect(verdict.ok).to.equal(true);
      if (!verdict.ok) return;
      expect(verdict.activity.text).to.equal("ping");
      expect(verdict.activity.from.aadObjectId).to.equal("a1a1a1a1-0000-4000-8000-000000000001");
      expect(verdict.activity).not.to.have.property("surprise");
    });

    it("keeps the rest of channelData, which botbuilder's Teams handler reads", () => {
      const verdict = parseActivity(teamsMessage({ channelData: { tenant: { id: "5f1d6c9e-7a43-4a8e-9b1c-0d2e3f4a5b6c" }, eventType: "teamRenamed", team: { id: "19:t" } } }), LOCAL);

      expect(verdict.ok && verdict.activity.channelData).to.deep.include({ eventType: "teamRenamed", team: { id: "19:t" } });
    });

    it("treats a JSON null in an optional field as absent", () => {
      const verdict = parseActivity(teamsMessage({ replyToId: null, locale: null }), LOCAL);

      expect(verdict.ok).to.equal(true);
      expect(verdict.ok && verdict.activity.locale).to.equal(undefined);
    });

    it("accepts an Action.Execute click with any data", () => {
      expect(parseActivity(cardClick({ action: { type: "Action.Execute", verb: "vs.assign", data: { id: "b1", version: 3 } } }), LOCAL).ok).to.equal(true);
    });

    it("accepts a card's automatic refresh, as Teams sends it when someone looks at the card", () => {
      const verdict = parseActivity(cardClick({ action: { type: "Action.Execute", verb: "request.view", data: { id: "req-1" } }, trigger: "automatic" }), LOCAL);

      expect(verdict.ok && verdict.activity.value).to.deep.equal({ action: { type: "Action.Execute", verb: "request.view", data: { id: "req-1" } }, trigger: "automatic" });
    });

    it("accepts a surrogate pair (an emoji) in the text", () => {
      expect(parseActivity(teamsMessage({ text: "ok \u{1F600}" }), LOCAL).ok).to.equal(true);
    });

    const refused: { when: string; activity: unknown; reason: RegExp }[] = [
      { when: "the body is an array", activity: [teamsMessage()], reason: /JSON object/ },
      { when: "from is missing", activity: without(teamsMessage(), "from"), reason: /^from:/ },
      { when: "from.id is a number", activity: teamsMessage({ from: { id: 7 } }), reason: /^from\.id:/ },
      { when: "from.aadObjectId has spaces", activity: teamsMessage({ from: { id: "29:x", aadObjectId: "a b" } }), reason: /^from\.aadObjectId:/ },
      { when: "recipient is missing", activity: without(teamsMessage(), "recipient"), reason: /^recipient:/ },
      { when: "conversation.id is empty", activity: teamsMessage({ conversation: { id: "" } }), reason: /^conversation\.id:/ },
      { when: "conversation.id holds a control character", activity: teamsMessage({ conversation: { id: "a:\u0000" } }), reason: /control characters/ },
      { when: "the tenant id is malformed", activity: teamsMessage({ conversation: { id: "a:bad", tenantId: "../../x" } }), reason: /^conversation\.tenantId:/ },
      { when: "the two tenant ids differ", activity: teamsMessage({ channelData: { tenant: { id: "0a0b0c0d-1111-4222-8333-444455556666" } } }), reason: /differs/ },
      { when: "the type is unknown", activity: teamsMessage({ type: "hack" }), reason: /^type:/ },
      { when: "the channel is not Teams", activity: teamsMessage({ channelId: "directlinease" }), reason: /Microsoft Teams only/ },
      { when: "text is not a string", activity: teamsMessage({ text: { normalize: 1 } }), reason: /^text:/ },
      { when: "text is longer than a Teams message", activity: teamsMessage({ text: "x".repeat(40_000) }), reason: /^text:/ },
      { when: "text holds a lone surrogate", activity: teamsMessage({ text: "a\ud800b" }), reason: /lone surrogate/ },
      { when: "an id holds a lone surrogate", activity: teamsMessage({ id: "\udc00" }), reason: /lone surrogate/ },
      { when: "a key holds a lone surrogate", activity: teamsMessage({ value: { "\ud83d": 1, verb: "x" } }), reason: /lone surrogate/ },
      { when: "a __proto__ key hides anywhere", activity: JSON.parse('{"type":"message","channelData":{"__proto__":{"admin":true}}}'), reason: /__proto__/ },
      { when: "the body is nested too deep", activity: teamsMessage({ value: JSON.parse(`${"[".repeat(100)}${"]".repeat(100)}`) }), reason: /nested deeper/ },
      { when: "a message value is a string", activity: teamsMessage({ value: "submit" }), reason: /^value:/ },
      { when: "a card value is larger than a submit can be", activity: teamsMessage({ value: { verb: "x", blob: "y".repeat(20_000) } }), reason: /^value:/ },
      { when: "an invoke value is null", activity: cardClick(null), reason: /^value:/ },
      { when: "an invoke value has no action", activity: cardClick({ trigger: "manual" }), reason: /^value:/ },
      { when: "an invoke verb is not a verb", activity: cardClick({ action: { type: "Action.Execute", verb: "'; drop" } }), reason: /^value:/ },
      { when: "an invoke action is not Action.Execute", activity: cardClick({ action: { type: "Action.Submit", verb: "vs.assign" } }), reason: /^value:/ },
      { when: "the invoke is one the bot does not answer", activity: teamsMessage({ type: "invoke", name: "composeExtension/query", value: {} }), reason: /^name:/ },
      { when: "an invoke has no name", activity: teamsMessage({ type: "invoke", value: {} }), reason: /^name:/ },
      { when: "a mention has no mentioned account", activity: teamsMessage({ entities: [{ type: "mention", text: "<at>Bot</at>" }] }), reason: /^entities\.0:/ },
      { when: "a mention comes without text", activity: teamsMessage({ text: undefined, entities: [{ type: "mention", text: "<at>B</at>", mentioned: { id: "28:b" } }] }), reason: /^text:/ },
      { when: "an entity has no type", activity: teamsMessage({ entities: [{ mentioned: { id: "28:b" } }] }), reason: /^entities\.0\.type:/ },
      { when: "the client time zone is not a zone name", activity: teamsMessage({ entities: [{ type: "clientInfo", timezone: "<script>" }] }), reason: /^entities\.0:/ },
      { when: "localTimezone is not a zone name", activity: teamsMessage({ localTimezone: "Europe/Paris; rm" }), reason: /^localTimezone:/ },
      { when: "the locale is not a language tag", activity: teamsMessage({ locale: "fr\nFR" }), reason: /^locale:/ },
      { when: "the timestamp is not a date", activity: teamsMessage({ timestamp: "yesterday" }), reason: /^timestamp:/ },
      { when: "an attachment has no content type", activity: teamsMessage({ attachments: [{ name: "x" }] }), reason: /^attachments\.0\.contentType:/ },
      { when: "a messageUpdate has no channelData", activity: without(teamsMessage({ type: "messageUpdate" }), "channelData"), reason: /^channelData:/ },
      { when: "serviceUrl is missing", activity: without(teamsMessage(), "serviceUrl"), reason: /^serviceUrl:/ },
      { when: "serviceUrl is not a URL", activity: teamsMessage({ serviceUrl: "smba" }), reason: /^serviceUrl: must be an absolute URL/ },
      { when: "serviceUrl carries credentials", activity: teamsMessage({ serviceUrl: "http://u:p@127.0.0.1:9/" }), reason: /credentials/ },
      { when: "serviceUrl leaves loopback in local mode", activity: teamsMessage({ serviceUrl: HTTPS_SERVICE }), reason: /loopback/ },
      { when: "serviceUrl is a file URL in local mode", activity: teamsMessage({ serviceUrl: "file:///etc/passwd" }), reason: /http/ },
    ];
    for (const { when, activity, reason } of refused) {
      it(`refuses with a reason when ${when}`, () => {
        const verdict = parseActivity(activity, LOCAL);

        expect(verdict.ok).to.equal(false);
        if (!verdict.ok) expect(verdict.reason).to.match(reason);
      });
    }

    const serviceUrls: { serviceUrl: string; localMode: boolean; ok: boolean }[] = [
      { serviceUrl: "http://127.0.0.1:56150/", localMode: true, ok: true },
      { serviceUrl: "http://localhost:56150/", localMode: true, ok: true },
      { serviceUrl: "http://[::1]:56150/", localMode: true, ok: true },
      { serviceUrl: "http://10.0.0.5/", localMode: true, ok: false },
      { serviceUrl: HTTPS_SERVICE, localMode: false, ok: true },
      { serviceUrl: "http://smba.trafficmanager.net/emea/", localMode: false, ok: false },
      { serviceUrl: "http://127.0.0.1:56150/", localMode: false, ok: false },
    ];
    for (const { serviceUrl, localMode, ok } of serviceUrls) {
      it(`${ok ? "accepts" : "refuses"} serviceUrl ${serviceUrl} ${localMode ? "in local mode" : "with credentials"}`, () => {
        expect(parseActivity(teamsMessage({ serviceUrl }), localMode ? LOCAL : SIGNED).ok).to.equal(ok);
      });
    }
  });
});
