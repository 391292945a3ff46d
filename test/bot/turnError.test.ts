import { randomUUID } from "node:crypto";
import { expect } from "chai";
import sinon from "sinon";
import type { Server } from "restify";
import { createAdapter } from "../../bot/adapter";
import { composeBot } from "../../bot/composeBot";
import { loadConfig } from "../../bot/config";
import { createServer, listen } from "../../bot/server";
import { BenefitsError } from "../../benefits";
import { t } from "../../cards/strings";
import { CosmosBotStorage } from "../../storage/cosmosBotStorage";
import { seedDemoTenant } from "../../storage/demoSeed";
import { startTestCosmos, type TestCosmos } from "../support/cosmos";
import { post, teamsMessage } from "../support/botHttp";

/** The production wiring (adapter, error handler, bot, Cosmos bot state) behind real HTTP, as index.ts builds it. */
describe("a turn that fails", () => {
  let cosmos: TestCosmos;
  let server: Server;
  let url: string;
  let storage: CosmosBotStorage;
  const logs: string[] = [];

  before(async () => {
    cosmos = await startTestCosmos();
    const domain = { repos: cosmos.repositories, now: () => new Date(), newId: () => randomUUID() };
    await seedDemoTenant(cosmos.repositories, domain.now());
    storage = new CosmosBotStorage(cosmos.botState);
    const bot = composeBot({ storage, domain, log: (m) => void logs.push(m) });
    const adapter = createAdapter(loadConfig({ LOCAL_MODE: "true", PORT: "0" }), {
      log: (m) => void logs.push(m),
      errorText: (locale, afterAnswer) => t(locale, afterAnswer ? "common.error.afterAnswer" : "common.error.generic"),
      onTurnErrorCleanup: (context) => bot.clearDialog(context),
    });
    server = createServer({ adapter, bot, localMode: true, ready: async () => undefined });
    url = `${await listen(server, "127.0.0.1", 0)}/api/messages`;
  });
  afterEach(() => sinon.restore());
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await cosmos.stop();
  });

  const say = async (conversationId: string, text: string) => {
    const answer = await post(url, teamsMessage({ text, conversation: { id: conversationId, conversationType: "personal", tenantId: "5f1d6c9e-7a43-4a8e-9b1c-0d2e3f4a5b6c" } }));
    return JSON.stringify(answer.body);
  };

  it("tells the person in plain words and clears the broken dialog, so the next message starts fresh", async () => {
    const conversation = `a:${randomUUID()}`;
    expect(await say(conversation, "go-to-market")).to.contain("Silver Core");
    sinon.stub(cosmos.repositories.audit, "recent").rejects(new Error("disk on fire"));

    expect(await say(conversation, "history")).to.contain("something went wrong on my side");
    sinon.restore();

    const next = await say(conversation, "hmm");
    expect(next, "the waiting go-to-market card was cleared").not.to.contain("waiting for your answer");
    expect(next).to.contain("I didn't get that");
    expect(logs.join("\n")).to.contain("Turn failed");
  });

  it("does not contradict an answer already given when only saving the dialog state fails afterwards", async () => {
    const conversation = `a:${randomUUID()}`;
    sinon.stub(storage, "write").callThrough().onFirstCall().rejects(new BenefitsError("UNAVAILABLE", "the state store is away", { status: 503 }));

    const answer = await say(conversation, "go-to-market");

    expect(answer, "the answer itself").to.contain("Silver Core");
    expect(answer).to.contain(t("en", "common.error.afterAnswer")).and.not.to.contain(t("en", "common.error.generic"));
  });
});
