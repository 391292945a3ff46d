import type { IncomingMessage, ServerResponse } from "node:http";
import https from "node:https";
import { createHttpsServer } from "@vercel/cosmosdb-server";
import { z } from "zod";
import { generateLoopbackCertificate } from "../../storage/loopbackCertificate";

/** One request the Cosmos-protocol server answered. */
export interface CosmosRequest {
  readonly method: string;
  readonly path: string;
  /** The SQL text of a query (POST …/docs with a query body), else undefined. */
  readonly query: string | undefined;
  /** The SDK asks for a query plan (a request of its own) before running a query it cannot route by itself. */
  readonly queryPlan: boolean;
  /** The operations of a transactional batch (one request), in order, e.g. "Read Read Replace"; else undefined. */
  readonly batch?: string;
  readonly status: number;
  /** Documents in the answer: the length of `Documents` for a query or feed, 1 for a point read that found one. */
  readonly documentsRead: number;
}

export interface CountingCosmos {
  readonly endpoint: string;
  readonly key: string;
  readonly certificatePem: string;
  /** A fresh agent trusting only this server (one per client: a socket left idle by one phase is not reused by the next). */
  newAgent(): https.Agent;
  /** Every request answered so far, in order of completion. */
  readonly requests: readonly CosmosRequest[];
  /**
   * Resolves once nothing is in flight and every query answered since `from` has its query plan answered too: the SDK
   * sends the plan beside the query and does not wait for it, so it may arrive after the caller has its answer.
   */
  settled(from: number): Promise<void>;
  close(): Promise<void>;
}

const KEY = Buffer.from("bench-cosmos-accepts-any-key").toString("base64");
const queryBody = z.object({ query: z.string() }).loose();
const feedBody = z.object({ Documents: z.array(z.unknown()) }).loose();
const address = z.object({ port: z.number().int().positive() });

/**
 * The same @vercel/cosmosdb-server the bot embeds, with a recorder in front of its handler. The recorder only watches:
 * it wraps `emit` and `end` to see the bytes pass, so the server's own body parsing is untouched.
 */
export async function startCountingCosmos(): Promise<CountingCosmos> {
  const certificate = await generateLoopbackCertificate();
  const server = createHttpsServer({ cert: certificate.cert, key: certificate.key, keepAlive: true });
  const requests: CosmosRequest[] = [];
  let inFlight = 0;
  server.prependListener("request", (req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    res.once("close", () => inFlight--);
    record(req, res, requests);
  });
  const quiet = (from: number) => {
    const since = requests.slice(from);
    return inFlight === 0 && since.filter((r) => r.queryPlan).length >= since.filter((r) => r.query !== undefined && !r.queryPlan).length;
  };
  // Node's default 5 s keep-alive timeout races a client reusing an idle socket (seen as ECONNRESET on a create after
  // a pause of the bench's own client); the bench's phases pause longer than that.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = address.parse(server.address());
  const agents: https.Agent[] = [];
  return {
    endpoint: `https://127.0.0.1:${port}`,
    key: KEY,
    certificatePem: certificate.cert,
    newAgent() {
      const agent = new https.Agent({ ca: certificate.cert, keepAlive: true });
      agents.push(agent);
      return agent;
    },
    requests,
    async settled(from) {
      for (let waited = 0; !quiet(from) && waited < 5000; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
    },
    async close() {
      for (const agent of agents) agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function record(req: IncomingMessage, res: ServerResponse, into: CosmosRequest[]): void {
  const requestChunks: Buffer[] = [];
  const emit = req.emit.bind(req);
  req.emit = ((event: string, ...args: unknown[]) => {
    if (event === "data" && Buffer.isBuffer(args[0])) requestChunks.push(args[0]);
    return emit(event, ...args);
  }) as typeof req.emit;
  const end = res.end.bind(res);
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    const answer = typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString("utf8") : "";
    into.push({
      method: req.method ?? "?",
      path: (req.url ?? "").split("?")[0] ?? "",
      query: queryText(req, Buffer.concat(requestChunks).toString("utf8")),
      queryPlan: req.headers["x-ms-cosmos-is-query-plan-request"] !== undefined,
      batch: batchOperations(req, Buffer.concat(requestChunks).toString("utf8")),
      status: res.statusCode,
      documentsRead: documentsIn(req, res.statusCode, answer, Buffer.concat(requestChunks).toString("utf8")),
    });
    return (end as (...a: unknown[]) => ServerResponse)(chunk, ...rest);
  }) as typeof res.end;
}

function queryText(req: IncomingMessage, body: string): string | undefined {
  const isQuery = req.headers["x-ms-documentdb-isquery"] !== undefined || req.headers["x-ms-cosmos-is-query-plan-request"] !== undefined;
  if (req.method !== "POST" || !isQuery) return undefined;
  const parsed = queryBody.safeParse(safeJson(body));
  return parsed.success ? parsed.data.query : undefined;
}

const batchBody = z.array(z.object({ operationType: z.string() }));
const batchAnswer = z.array(z.object({ statusCode: z.number() }));

function batchOperations(req: IncomingMessage, body: string): string | undefined {
  if (req.method !== "POST" || req.headers["x-ms-cosmos-is-batch-request"] === undefined) return undefined;
  const parsed = batchBody.safeParse(safeJson(body));
  return parsed.success ? parsed.data.map((operation) => operation.operationType).join(" ") : "?";
}

function documentsIn(req: IncomingMessage, status: number, answer: string, body: string): number {
  if (status >= 300) return 0;
  const feed = feedBody.safeParse(safeJson(answer));
  if (feed.success) return feed.data.Documents.length;
  // A batch answers each operation in turn: a found document is one read, whichever operation returned it.
  const batch = batchAnswer.safeParse(safeJson(answer));
  const operations = batchOperations(req, body)?.split(" ") ?? [];
  if (batch.success && operations.length > 0) return batch.data.filter((r, i) => operations[i] === "Read" && r.statusCode === 200).length;
  return req.method === "GET" && /\/docs\/[^/]+$/.test(req.url?.split("?")[0] ?? "") ? 1 : 0;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
