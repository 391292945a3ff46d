import { expect } from "chai";
import type { Server } from "restify";
import { createAdapter } from "../../bot/adapter";
import { loadConfig } from "../../bot/config";
import { DrainGate } from "../../bot/drain";
import { createServer, listen } from "../../bot/server";
import { get, post, PongBot, replyTexts, teamsMessage } from "../support/botHttp";

describe("bot/drain (the HTTP side of a graceful stop, real restify server and adapter)", () => {
  let server: Server;
  let url: string;
  let gate: DrainGate;
  let letTurnFinish: () => void;
  let turnStarted: Promise<void>;

  beforeEach(async () => {
    let started!: () => void;
    turnStarted = new Promise((resolve) => (started = resolve));
    const mayFinish = new Promise<void>((resolve) => (letTurnFinish = resolve));
    const bot = new PongBot(async (context) => {
      started();
      await mayFinish;
      await context.sendActivity("pong");
    });
    const adapter = createAdapter(loadConfig({ LOCAL_MODE: "true" }), { log: () => undefined, errorText: () => "Sorry." });
    gate = new DrainGate();
    server = createServer({ adapter, bot, localMode: true, ready: async () => undefined });
    server.pre(gate.handler);
    url = await listen(server, "127.0.0.1", 0);
  });

  afterEach(async () => {
    letTurnFinish();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("finishes the turn admitted before the drain and refuses new turns and readiness with 503 while /healthz stays 200", async () => {
    const inFlight = post(`${url}/api/messages`, teamsMessage());
    await turnStarted;

    gate.beginDrain();
    const refused = await post(`${url}/api/messages`, teamsMessage());
    const readyz = await get(`${url}/readyz`);
    const healthz = await get(`${url}/healthz`);
    const idle = gate.idle();
    expect(gate.requestsInFlight).to.equal(1);
    letTurnFinish();
    const finished = await inFlight;
    await idle;

    expect(refused.status).to.equal(503);
    expect(readyz.status).to.equal(503);
    expect(healthz.status).to.equal(200);
    expect(finished.status).to.equal(200);
    expect(replyTexts(finished.body)).to.deep.equal(["pong"]);
    expect(gate.requestsInFlight).to.equal(0);
  });

  it("is idle at once and admits every request when no drain has begun", async () => {
    await gate.idle();

    expect((await get(`${url}/readyz`)).status).to.equal(200);
    expect(gate.draining).to.equal(false);
  });
});
