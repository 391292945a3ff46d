import { gzipSync } from "node:zlib";
import { expect } from "chai";
import sinon from "sinon";
import { z } from "zod";
import { createAdapter } from "../../bot/adapter";
import { loadConfig } from "../../bot/config";
import { createServer, MAX_BODY_BYTES } from "../../bot/server";
import { get, post, replyTexts, startBot, teamsMessage, type RunningBot } from "../support/botHttp";

describe("bot/server", () => {
  let running: RunningBot | undefined;

  afterEach(async () => {
    sinon.restore();
    await running?.close();
    running = undefined;
  });

  describe("POST /api/messages", () => {
    it("answers 401 and never runs the bot when an app id is configured and the request is unsigned", async () => {
      running = await startBot({
        env: { LOCAL_MODE: "false", MicrosoftAppId: "11111111-2222-4333-8444-555555555555", MicrosoftAppPassword: "not-a-real-secret" },
      });
      // CloudAdapter reports the rejected request on console.error: expected here, so kept out of the test output.
      const consoleError = sinon.stub(console, "error");

      const answer = await post(`${running.url}/api/messages`, teamsMessage({ serviceUrl: "https://smba.example.test/" }));

      expect(answer.status).to.equal(401);
      expect(running.bot.runs).to.equal(0);
      expect(consoleError.called).to.equal(true);
    });

    it("returns the reply in the HTTP response when an anonymous Teams message asks for expectReplies in local mode", async () => {
      running = await startBot();

      const answer = await post(`${running.url}/api/messages`, teamsMessage());

      expect(answer.status).to.equal(200);
      expect(replyTexts(answer.body)).to.deep.equal(["pong"]);
      expect(running.bot.runs).to.equal(1);
    });

    const malformedBodies = [
      { name: "malformed JSON", body: '{"type": "message",' },
      { name: "an array", body: "[]" },
      { name: "a JSON string", body: '"message"' },
      { name: "null", body: "null" },
      { name: "an empty body", body: "" },
    ];
    for (const { name, body } of malformedBodies) {
      it(`answers 400 with a JSON error and never runs the bot when the body is ${name}`, async () => {
        running = await startBot();

        const answer = await post(`${running.url}/api/messages`, body);

        expect(answer.status).to.equal(400);
        expect(answer.body).to.have.property("error").that.is.a("string");
        expect(running.bot.runs).to.equal(0);
      });
    }

    const refusedActivities = [
      { name: "has no from", activity: { ...teamsMessage(), from: undefined }, reason: /^from:/ },
      { name: "has a text that is not a string", activity: teamsMessage({ text: ["help"] }), reason: /^text:/ },
      { name: "is a card click with a null value", activity: teamsMessage({ type: "invoke", name: "adaptiveCard/action", value: null }), reason: /^value:/ },
      { name: "names a serviceUrl off loopback in local mode", activity: teamsMessage({ serviceUrl: "https://attacker.example/" }), reason: /^serviceUrl:/ },
    ];
    for (const { name, activity, reason } of refusedActivities) {
      it(`answers 400 with the reason and never runs the bot when the activity ${name}`, async () => {
        running = await startBot();

        const answer = await post(`${running.url}/api/messages`, activity);

        expect(answer.status).to.equal(400);
        expect(answer.body).to.have.property("error").that.matches(reason);
        expect(running.bot.runs).to.equal(0);
      });
    }

    it("answers 400 before authenticating when credentials are configured and serviceUrl is not https", async () => {
      running = await startBot({
        env: { LOCAL_MODE: "false", MicrosoftAppId: "11111111-2222-4333-8444-555555555555", MicrosoftAppPassword: "not-a-real-secret" },
      });

      const answer = await post(`${running.url}/api/messages`, teamsMessage({ serviceUrl: "http://127.0.0.1:9/" }));

      expect(answer.status).to.equal(400);
      expect(answer.body).to.have.property("error").that.matches(/serviceUrl: must be https/);
      expect(running.bot.runs).to.equal(0);
    });

    it("answers 413 and never runs the bot when the body is larger than the limit", async () => {
      running = await startBot();

      const answer = await post(`${running.url}/api/messages`, teamsMessage({ text: "x".repeat(MAX_BODY_BYTES) }));

      expect(answer.status).to.equal(413);
      expect(running.bot.runs).to.equal(0);
    });

    it("answers 415 and never runs the bot when the body is gzip-encoded", async () => {
      running = await startBot();

      const response = await fetch(`${running.url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", "content-encoding": "gzip" },
        body: gzipSync(JSON.stringify(teamsMessage())),
      });

      expect(response.status).to.equal(415);
      expect(running.bot.runs).to.equal(0);
    });
  });

  describe("routes", () => {
    // The README leans on this: the find-my-way ReDoS advisory (restify's router) only bites routes with several
    // parameters in one path segment; the one parametric route here has a single parameter as its whole last segment.
    it("serves fixed paths and one single-parameter export route, no wildcards and no segment with two parameters", () => {
      const adapter = createAdapter(loadConfig({ LOCAL_MODE: "true" }), { log: () => undefined, errorText: () => "" });
      const server = createServer({ adapter, bot: { run: async () => undefined }, localMode: true, ready: async () => undefined, events: async () => ({ status: 200, body: {} }), exports: async () => undefined });

      const { routes } = z.object({ routes: z.array(z.looseObject({ path: z.string() })) }).parse(server.getDebugInfo());
      const paths = routes.map((route) => route.path).sort();

      expect(paths).to.deep.equal(["/api/events", "/api/exports/:token", "/api/messages", "/healthz", "/readyz"]);
      for (const segment of paths.flatMap((p) => p.split("/"))) {
        expect(segment.split(":").length - 1, segment).to.be.at.most(1);
        expect(segment, segment).to.not.include("*");
      }
    });
  });

  describe("health", () => {
    it("answers 200 on /healthz", async () => {
      running = await startBot();

      const answer = await get(`${running.url}/healthz`);

      expect(answer).to.deep.equal({ status: 200, body: { status: "ok" } });
    });

    it("answers 200 on /readyz when ready() resolves", async () => {
      running = await startBot({ ready: async () => undefined });

      const answer = await get(`${running.url}/readyz`);

      expect(answer.status).to.equal(200);
    });

    it("answers 503 on /readyz when ready() rejects", async () => {
      running = await startBot({ ready: async () => Promise.reject(new Error("storage unreachable")) });

      const answer = await get(`${running.url}/readyz`);

      expect(answer.status).to.equal(503);
    });
  });

  describe("POST /api/events", () => {
    it("answers 404 when no events handler is wired", async () => {
      running = await startBot();

      const answer = await post(`${running.url}/api/events`, { type: "tick" });

      expect(answer.status).to.equal(404);
    });

    it("hands the parsed body and the headers to the events handler and returns its answer", async () => {
      const events = sinon.fake.resolves({ status: 202, body: { accepted: true } });
      running = await startBot({ events });

      const answer = await post(`${running.url}/api/events`, { type: "tick" }, { authorization: "Bearer test" });

      expect(answer).to.deep.equal({ status: 202, body: { accepted: true } });
      expect(events.firstCall.args[0]).to.deep.equal({ type: "tick" });
      expect(events.firstCall.args[1]).to.have.property("authorization", "Bearer test");
    });

    it("hands undefined to the events handler when the body is not JSON", async () => {
      const events = sinon.fake.resolves({ status: 400, body: { error: "bad event" } });
      running = await startBot({ events });

      const answer = await post(`${running.url}/api/events`, "{not json");

      expect(answer.status).to.equal(400);
      expect(events.firstCall.args[0]).to.equal(undefined);
    });

    it("answers 500 without details when the events handler throws", async () => {
      running = await startBot({ events: async () => Promise.reject(new Error("secret internals")) });

      const answer = await post(`${running.url}/api/events`, { type: "tick" });

      expect(answer.status).to.equal(500);
      expect(JSON.stringify(answer.body)).not.to.contain("secret internals");
    });
  });
});
