import { expect } from "chai";
import sinon from "sinon";
import { createAdapter } from "../../bot/adapter";
import { loadConfig } from "../../bot/config";
import { DEMO_TENANT, PongBot, post, replyTexts, startBot, teamsMessage, type RunningBot } from "../support/botHttp";

const OTHER_TENANT = "0a0b0c0d-1111-4222-8333-444455556666";

describe("bot/adapter", () => {
  let running: RunningBot | undefined;

  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  describe("tenant guard", () => {
    const withoutTenant = { conversation: { id: "a:no-tenant", conversationType: "personal" }, channelData: {} };
    const dropped = [
      { name: "the activity carries no tenant", allowed: undefined, activity: teamsMessage(withoutTenant) },
      { name: "the tenant is not in ALLOWED_TENANTS", allowed: DEMO_TENANT, activity: teamsMessage(tenantOnly(OTHER_TENANT)) },
    ];
    for (const { name, allowed, activity } of dropped) {
      it(`drops the activity silently and never runs the bot when ${name}`, async () => {
        running = await startBot({ env: allowed === undefined ? {} : { ALLOWED_TENANTS: allowed } });

        const answer = await post(`${running.url}/api/messages`, activity);

        expect(answer.status).to.equal(200);
        expect(replyTexts(answer.body)).to.deep.equal([]);
        expect(running.bot.runs).to.equal(0);
      });
    }

    it("answers 403, not botbuilder's 501, and never runs the bot when a card click comes from a tenant not served", async () => {
      running = await startBot({ env: { ALLOWED_TENANTS: DEMO_TENANT } });
      const click = { ...tenantOnly(OTHER_TENANT), type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb: "nav.back" } } };

      const answer = await post(`${running.url}/api/messages`, teamsMessage({ ...click, deliveryMode: undefined }));

      expect(answer.status).to.equal(403);
      expect(running.bot.runs).to.equal(0);
    });

    it("replies when the tenant is in ALLOWED_TENANTS", async () => {
      running = await startBot({ env: { ALLOWED_TENANTS: `${OTHER_TENANT},${DEMO_TENANT}` } });

      const answer = await post(`${running.url}/api/messages`, teamsMessage());

      expect(replyTexts(answer.body)).to.deep.equal(["pong"]);
      expect(running.bot.runs).to.equal(1);
    });

    it("takes the tenant from channelData.tenant.id when conversation.tenantId is absent", async () => {
      running = await startBot({ env: { ALLOWED_TENANTS: DEMO_TENANT } });
      const activity = teamsMessage({ conversation: { id: "a:channel-data-only", conversationType: "personal" } });

      const answer = await post(`${running.url}/api/messages`, activity);

      expect(replyTexts(answer.body)).to.deep.equal(["pong"]);
    });

    it("logs a dropped tenant once when it keeps sending", async () => {
      running = await startBot({ env: { ALLOWED_TENANTS: DEMO_TENANT } });

      await post(`${running.url}/api/messages`, teamsMessage(tenantOnly(OTHER_TENANT)));
      await post(`${running.url}/api/messages`, teamsMessage(tenantOnly(OTHER_TENANT)));

      expect(running.logs.filter((line) => line.includes(OTHER_TENANT))).to.have.length(1);
    });
  });

  describe("onTurnError", () => {
    const failingBot = () =>
      new PongBot(async () => {
        throw new Error("the handler broke");
      });

    it("tells the user in plain words and calls the cleanup when the handler throws", async () => {
      const cleanup = sinon.fake.resolves(undefined);
      running = await startBot({ bot: failingBot(), adapterDeps: { onTurnErrorCleanup: cleanup } });

      const answer = await post(`${running.url}/api/messages`, teamsMessage());

      expect(answer.status).to.equal(200);
      expect(replyTexts(answer.body)).to.deep.equal(["Sorry, something went wrong."]);
      expect(cleanup.calledOnce).to.equal(true);
      expect(running.logs.some((line) => line.startsWith("Turn failed"))).to.equal(true);
    });

    it("speaks the activity's locale when telling the user", async () => {
      running = await startBot({ bot: failingBot() });

      const answer = await post(`${running.url}/api/messages`, teamsMessage({ locale: "fr-CA" }));

      expect(replyTexts(answer.body)).to.deep.equal(["Désolé, un problème est survenu."]);
    });

    it("still answers the request when the cleanup throws too", async () => {
      const cleanup = sinon.fake.rejects(new Error("state store down"));
      running = await startBot({ bot: failingBot(), adapterDeps: { onTurnErrorCleanup: cleanup } });

      const answer = await post(`${running.url}/api/messages`, teamsMessage());

      expect(answer.status).to.equal(200);
      expect(replyTexts(answer.body)).to.deep.equal(["Sorry, something went wrong."]);
      expect(running.logs.some((line) => line.startsWith("Cleanup after a failed turn failed"))).to.equal(true);
    });
  });

  describe("createAdapter", () => {
    it("refuses an empty app id when the config is not in local mode", () => {
      const config = { ...loadConfig({ LOCAL_MODE: "true" }), localMode: false };

      expect(() => createAdapter(config, { log: () => undefined, errorText: () => "" })).to.throw(/MicrosoftAppId/);
    });
  });
});

function tenantOnly(tenantId: string): Record<string, unknown> {
  return { conversation: { id: `a:${tenantId}`, conversationType: "personal", tenantId }, channelData: { tenant: { id: tenantId } } };
}
