import { randomUUID } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Container } from "@azure/cosmos";
import { expect } from "chai";
import fc from "fast-check";
import type { Server } from "restify";
import type { TurnContext } from "botbuilder";
import { createAdapter } from "../../bot/adapter";
import { composeBot } from "../../bot/composeBot";
import { loadConfig } from "../../bot/config";
import { recordConversations } from "../../bot/conversationRecorder";
import { enrollOnFirstContact } from "../../bot/enrollment";
import { createPrivateMessenger } from "../../bot/privateMessenger";
import { createServer, listen } from "../../bot/server";
import { t } from "../../cards/strings";
import { CosmosBotStorage } from "../../storage/cosmosBotStorage";
import { seedDemoTenant } from "../../storage/demoSeed";
import { get } from "../support/botHttp";
import { startTestCosmos, type TestCosmos } from "../support/cosmos";
import { CountingConnector } from "../support/countingConnector";
import {
  actionsIn,
  activityFor,
  breakActivity,
  breaker,
  DEMO_TENANT,
  mutate,
  OTHER_TENANT,
  randomMutation,
  templateVerbs,
  validCase,
  type FuzzBody,
  type SeenAction,
} from "../support/fuzzActivities";

// Fixed so that a failure reproduces: fast-check prints the seed and the failing case; set it here to replay.
const SEED = 20_261_201;
// Refused cases go in concurrent batches (they never reach a conversation); mixed ones one at a time, as a chat does.
const REFUSED_BATCHES = 930;
const REFUSED_BATCH_SIZE = 10;
const MIXED_RUNS = 700;
const SLOW_MS = 2_000;
const MAX_SEEN_ACTIONS = 300;

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * The real HTTP surface as index.ts wires it (adapter, tenant guard, error handler, bot, dialogs, Cosmos stores on the
 * embedded server, enrollment and conversation records, private messages through a loopback connector), hit with
 * generated and mutated activities.
 */
describe("the door under fuzz (seeded)", function () {
  this.timeout(180_000);

  let cosmos: TestCosmos;
  let connector: CountingConnector;
  let server: Server;
  let url: string;
  const logs: string[] = [];
  const seen: SeenAction[] = [];
  const stats = { cases: 0, slow: [] as { ms: number; body: string }[], statuses: new Map<number, number>(), slowest: 0 };

  before(async () => {
    cosmos = await startTestCosmos();
    connector = await CountingConnector.start();
    const log = (message: string) => void logs.push(message);
    const domain = { repos: cosmos.repositories, now: () => new Date(), newId: () => randomUUID() };
    await seedDemoTenant(cosmos.repositories, domain.now());
    const config = loadConfig({ LOCAL_MODE: "true", PORT: "0", ALLOWED_TENANTS: DEMO_TENANT });
    const onActivity = async (context: TurnContext) => {
      await enrollOnFirstContact(domain, [], log)(context);
      await recordConversations(cosmos.repositories, domain.now)(context);
    };
    const bot = composeBot({
      storage: new CosmosBotStorage(cosmos.botState),
      domain,
      log,
      onActivity,
      privateMessenger: createPrivateMessenger(cosmos.repositories, () => adapter, "", log),
    });
    const adapter = createAdapter(config, { log, errorText: (locale) => t(locale, "common.error.generic"), onTurnErrorCleanup: (context) => bot.clearDialog(context) });
    server = createServer({ adapter, bot, localMode: true, ready: async () => undefined });
    url = await listen(server, "127.0.0.1", 0);
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await connector.close();
    await cosmos.stop();
    // The figures the issue asks for, in the test output.
    const statuses = [...stats.statuses.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(" ");
    console.log(`      door fuzz: ${stats.cases} cases (seed ${SEED}), statuses ${statuses}, slowest ${stats.slowest.toFixed(0)} ms, over ${SLOW_MS} ms: ${stats.slow.length}`);
  });

  const send = async (body: FuzzBody): Promise<Answer> => {
    const text = "raw" in body ? body.raw : JSON.stringify(body.json);
    const started = performance.now();
    const response = await postText(`${url}/api/messages`, text);
    const answerText = response.text;
    const ms = performance.now() - started;
    stats.cases += 1;
    stats.statuses.set(response.status, (stats.statuses.get(response.status) ?? 0) + 1);
    stats.slowest = Math.max(stats.slowest, ms);
    if (ms > SLOW_MS) stats.slow.push({ ms, body: text.slice(0, 300) });
    let parsed: unknown = answerText;
    try {
      parsed = answerText === "" ? undefined : JSON.parse(answerText);
    } catch {
      // a plain-text answer stays text
    }
    if (response.status >= 500) throw new Error(`HTTP ${response.status} (${answerText.slice(0, 200)}) for ${text.slice(0, 600)}`);
    return { status: response.status, body: parsed };
  };

  const remember = (answer: Answer) => {
    for (const action of actionsIn(answer.body)) {
      if (seen.length >= MAX_SEEN_ACTIONS) seen.splice(Math.floor(seen.length / 2), 1);
      seen.push(action);
    }
  };

  const turnErrors = () => logs.filter((line) => line.startsWith("Turn failed") || line.startsWith("Could not tell the user"));
  const verbs = templateVerbs(path.resolve(__dirname, "../../cards/templates"));

  it(`refuses ${REFUSED_BATCHES * REFUSED_BATCH_SIZE} broken activities at the door: 400 or 413 with a reason, nothing stored, no outbound call`, async () => {
    const storedBefore = await fingerprint([cosmos.tenantData, cosmos.botState]);
    const callsBefore = connector.requests;

    const brokenCase = fc.record({ base: validCase(verbs), breakers: fc.array(breaker, { minLength: 1, maxLength: 2 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(brokenCase, { minLength: REFUSED_BATCH_SIZE, maxLength: REFUSED_BATCH_SIZE }), async (batch) => {
        const bodies = batch.map(({ base, breakers }) =>
          breakers.reduce<FuzzBody>((current, change) => ("json" in current ? breakActivity(current.json, change) : current), { json: activityFor(base, connector.url, seen) }),
        );
        const answers = await Promise.all(bodies.map(send));
        const refusedWithReason = (answer: Answer) =>
          answer.status === 413 || (answer.status === 400 && isRecord(answer.body) && typeof answer.body.error === "string" && answer.body.error !== "");
        const accepted = answers.findIndex((answer) => !refusedWithReason(answer));
        if (accepted >= 0) {
          const sent = bodies[accepted];
          const text = "raw" in sent ? sent.raw : JSON.stringify(sent.json);
          throw new Error(`not refused: HTTP ${answers[accepted].status} ${JSON.stringify(answers[accepted].body).slice(0, 300)} for ${JSON.stringify(batch[accepted].breakers).slice(0, 300)} on ${text.slice(0, 800)}`);
        }
      }),
      { seed: SEED, numRuns: REFUSED_BATCHES, endOnFailure: true },
    );

    expect(await fingerprint([cosmos.tenantData, cosmos.botState]), "documents after the refused cases").to.equal(storedBefore);
    expect(connector.requests, "outbound calls for refused input").to.equal(callsBefore);
    expect(turnErrors()).to.deep.equal([]);
  });

  it(`answers ${MIXED_RUNS} mixed turns (valid, other tenants', mutated) without a 5xx, a turn error or a hang`, async () => {
    const tenants = fc.oneof({ arbitrary: fc.constant(DEMO_TENANT), weight: 4 }, { arbitrary: fc.constant(OTHER_TENANT), weight: 1 });

    await fc.assert(
      fc.asyncProperty(validCase(verbs, tenants), fc.array(randomMutation, { maxLength: 2 }), async (base, mutations) => {
        const answer = await send({ json: mutate(activityFor(base, connector.url, seen), mutations) });
        if (answer.status === 200) remember(answer);
        return answer.status < 500;
      }),
      { seed: SEED + 1, numRuns: MIXED_RUNS, endOnFailure: true },
    );

    expect(turnErrors(), "turn errors logged").to.deep.equal([]);
    expect(stats.slow, `answers slower than ${SLOW_MS} ms`).to.deep.equal([]);
    expect(seen.length, "card actions were found and replayed").to.be.greaterThan(10);
  });

  it("still answers /healthz and a normal turn after the fuzz", async () => {
    const health = await get(`${url}/healthz`);
    const answer = await send({
      json: {
        type: "message",
        id: "after-fuzz",
        channelId: "msteams",
        serviceUrl: connector.url,
        from: { id: "29:alex", name: "Alex Wilber", aadObjectId: "a1a1a1a1-0000-4000-8000-000000000001" },
        recipient: { id: "28:benefits-bot", name: "Benefits Bot" },
        conversation: { id: `a:after-fuzz-${randomUUID()}`, conversationType: "personal", tenantId: DEMO_TENANT },
        channelData: { tenant: { id: DEMO_TENANT } },
        locale: "en-US",
        text: "what's assigned to me",
        deliveryMode: "expectReplies",
      },
    });

    expect(health.status).to.equal(200);
    expect(answer.status).to.equal(200);
    expect(isRecord(answer.body) && Array.isArray(answer.body.activities) ? answer.body.activities.length : 0, "replies").to.be.greaterThan(0);
    expect(JSON.stringify(answer.body)).not.to.contain(t("en", "common.error.generic"));
    expect(turnErrors()).to.deep.equal([]);
  });
});

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 16 });

/** A POST over a kept-alive loopback connection (fetch costs more per request, which adds up over 10,000). */
function postText(target: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(target, { method: "POST", agent: keepAlive, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body);
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every document's id and etag: equal fingerprints mean nothing was created, changed or deleted. */
async function fingerprint(containers: readonly Container[]): Promise<string> {
  const parts: string[] = [];
  for (const container of containers) {
    const { resources } = await container.items.query<{ id: string; _etag: string }>("SELECT c.id, c._etag FROM c").fetchAll();
    parts.push(`${container.id}:${resources.length}`, ...resources.map((r) => `${r.id}@${r._etag}`).sort());
  }
  return parts.join("\n");
}
