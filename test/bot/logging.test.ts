import { randomUUID } from "node:crypto";
import { ErrorResponse } from "@azure/cosmos";
import { expect } from "chai";
import type { Server } from "restify";
import { z } from "zod";
import { createAdapter } from "../../bot/adapter";
import { composeBot } from "../../bot/composeBot";
import { loadConfig } from "../../bot/config";
import { createLogger, logTo } from "../../bot/logger";
import { createServer, listen } from "../../bot/server";
import { CosmosBotStorage } from "../../storage/cosmosBotStorage";
import { seedDemoTenant } from "../../storage/demoSeed";
import { DEMO_TENANT, PongBot, post, startBot, teamsMessage, type RunningBot } from "../support/botHttp";
import { startTestCosmos, type TestCosmos } from "../support/cosmos";

const logLine = z
  .object({ level: z.number(), time: z.string(), msg: z.string(), correlationId: z.string().optional(), tenantId: z.string().optional() })
  .loose();
type LogLine = z.infer<typeof logLine>;

/** An in-memory destination: what the process would have written to stdout, one JSON object per line. */
class LogStream {
  readonly raw: string[] = [];
  write(chunk: string): void {
    this.raw.push(chunk);
  }
  lines(): LogLine[] {
    return this.raw.join("").split("\n").filter((line) => line !== "").map((line) => logLine.parse(JSON.parse(line)));
  }
  of(correlationId: string): LogLine[] {
    return this.lines().filter((line) => line.correlationId === correlationId);
  }
}

function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}

describe("bot logging (JSON lines, one logger per turn)", () => {
  describe("a real turn through the composed bot, real adapter and real Cosmos", () => {
    let cosmos: TestCosmos;
    let server: Server;
    let url: string;
    const stream = new LogStream();

    before(async () => {
      cosmos = await startTestCosmos();
      const domain = { repos: cosmos.repositories, now: () => new Date(), newId: () => randomUUID() };
      await seedDemoTenant(cosmos.repositories, domain.now());
      const logger = createLogger("info", stream);
      const log = logTo(logger);
      const bot = composeBot({ storage: new CosmosBotStorage(cosmos.botState), domain, log });
      const adapter = createAdapter(loadConfig({ LOCAL_MODE: "true" }), { log, logger, errorText: () => "Sorry." });
      server = createServer({ adapter, bot, localMode: true, ready: async () => undefined, log });
      url = await listen(server, "127.0.0.1", 0);
    });

    after(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await cosmos.stop();
    });

    it("writes one turn line with the activity id and the tenant, and neither the message text nor the reply card", async () => {
      const marker = `private-words-${randomUUID()}`;
      const message = teamsMessage({ text: `help ${marker}` });

      const answer = await post(`${url}/api/messages`, message);

      expect(answer.status).to.equal(200);
      const shown = z.object({ activities: z.array(z.object({ text: z.string().optional(), attachments: z.array(z.object({ content: z.unknown() })).optional() })) }).parse(answer.body);
      const replyStrings = stringsIn(shown.activities.map((activity) => [activity.text, activity.attachments?.map((a) => a.content)])).filter((text) => text.length > 12);
      expect(replyStrings, "the reply shows something").not.to.be.empty;
      const turnLines = stream.of(String(message.id));
      expect(turnLines.map((line) => line.msg)).to.deep.equal(["turn"]);
      expect(turnLines[0]).to.include({ tenantId: DEMO_TENANT, level: 30, activityType: "message", conversationType: "personal", outcome: "done" });
      const written = stream.raw.join("");
      expect(written).not.to.contain(marker);
      for (const text of replyStrings) expect(written).not.to.contain(JSON.stringify(text).slice(1, -1));
    });

    it("gives a line logged deep inside the turn the turn's correlation id and tenant", async () => {
      const message = teamsMessage({ from: { id: "29:someone", name: "Someone" } });

      await post(`${url}/api/messages`, message);

      const turnLines = stream.of(String(message.id));
      expect(turnLines.map((line) => line.msg)).to.deep.equal(["Ignored an activity without from.aadObjectId: there is no one to act as", "turn"]);
      for (const line of turnLines) expect(line.tenantId).to.equal(DEMO_TENANT);
    });

    it("keeps the lines of two turns running at once apart", async () => {
      const messages = [teamsMessage(), teamsMessage({ from: { id: "29:x", name: "X" } })];

      await Promise.all(messages.map((message) => post(`${url}/api/messages`, message)));

      expect(stream.of(String(messages[0].id)).map((line) => line.msg)).to.deep.equal(["turn"]);
      expect(stream.of(String(messages[1].id))).to.have.length(2);
    });
  });

  describe("a failing turn", () => {
    let running: RunningBot | undefined;

    afterEach(async () => {
      await running?.close();
      running = undefined;
    });

    it("logs the error with its stack under the turn's correlation id, then the turn as failed", async () => {
      const stream = new LogStream();
      const logger = createLogger("info", stream);
      const failing = new PongBot(async () => {
        throw new Error("the store broke");
      });
      running = await startBot({ bot: failing, adapterDeps: { logger, log: logTo(logger) } });
      const message = teamsMessage();

      await post(`${running.url}/api/messages`, message);

      const lines = stream.of(String(message.id));
      expect(lines.map((line) => [line.msg, line.level])).to.deep.equal([
        ["turn", 30],
        ['Turn failed for a "message" activity', 50],
      ]);
      expect(lines[0]).to.include({ outcome: "failed" });
      expect(JSON.stringify(lines[1])).to.contain("the store broke").and.to.contain("logging.test.ts");
      for (const line of lines) expect(line.tenantId).to.equal(DEMO_TENANT);
    });
  });

  describe("createLogger", () => {
    it("writes credentials found in a logged error as [redacted]", () => {
      const stream = new LogStream();
      const log = logTo(createLogger("info", stream));
      const error = Object.assign(new Error("HTTP 401"), { request: { headers: { authorization: "Bearer eyJ-secret-token" } }, config: { headers: { Authorization: "Bearer other" } } });

      log("A send failed", error);

      const written = stream.raw.join("");
      expect(written).to.contain("[redacted]").and.not.to.contain("eyJ-secret-token").and.not.to.contain("Bearer other");
    });

    it("writes nothing below the configured level", () => {
      const stream = new LogStream();
      const logger = createLogger("warn", stream);

      logTo(logger)("an info event");
      logger.warn("a warning");

      expect(stream.lines().map((line) => line.msg)).to.deep.equal(["a warning"]);
    });

    it("types a logged error by its name, which minifying the bundle keeps, not by its class name, which it changes", () => {
      class S extends Error {
        constructor() {
          super("no seat left");
          this.name = "BenefitsError";
        }
      }
      // What the minifier makes of Cosmos DB's ErrorResponse, which keeps the name "Error".
      class R extends ErrorResponse {}
      const stream = new LogStream();
      logTo(createLogger("info", stream))("An assignment failed", new S());
      logTo(createLogger("info", stream))("A Cosmos DB request failed", Object.assign(new R(), { message: "Conflict" }));
      logTo(createLogger("info", stream))("A plain failure", new Error("plain"));

      const types = stream.raw.map((line) => z.object({ err: z.object({ type: z.string() }).loose() }).loose().parse(JSON.parse(line)).err.type);
      expect(types).to.deep.equal(["BenefitsError", "ErrorResponse", "Error"]);
    });

  });
});
