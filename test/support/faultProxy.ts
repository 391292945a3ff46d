// A flaky network between the @azure/cosmos client and the embedded Cosmos server: an HTTPS proxy on loopback that
// forwards requests, and for a seeded share of them answers 429 (with x-ms-retry-after-ms) or 503 itself, resets the
// connection before forwarding (nothing happened), or forwards and then resets (it happened, the client never hears).
import https from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { generateLoopbackCertificate } from "../../storage/loopbackCertificate";

export const PROXY_FAULTS = ["throttled", "unavailable", "resetBeforeForwarding", "resetAfterForwarding"] as const;
export type ProxyFault = (typeof PROXY_FAULTS)[number];

export interface FaultProxyOptions {
  /** The real server: where requests go, and the agent that trusts it. */
  readonly upstream: { readonly endpoint: string; readonly httpsAgent: https.Agent };
  readonly seed: number;
  /** Share of the eligible requests that get a fault, 0..1. */
  readonly rate: number;
  /** Which requests may get a fault; the rest are always forwarded. */
  readonly eligible: (method: string, path: string) => boolean;
  /** Keep a journal of every request (costs memory: for following a failure only). */
  readonly journal?: boolean;
}

export type FaultCounts = Record<ProxyFault | "forwarded", number>;

/** One request as the proxy saw it: enough to follow a lane's writes when a test finds a false statement. */
export interface JournalEntry {
  readonly method: string;
  readonly path: string;
  /** The partition key header as sent (the tenant for business data), "" when none. */
  readonly partitionKey: string;
  readonly fault: ProxyFault | undefined;
  /** The upstream status, undefined when nothing was forwarded. */
  status?: number;
  /** For a write: the document's id, version and state, when its body names them. */
  readonly wrote?: string;
}

/** mulberry32: small, seedable, good enough to spread faults; the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const portSchema = z.object({ port: z.number().int().positive() });

export interface FaultProxy {
  /** https://127.0.0.1:PORT: give it to the Cosmos client as its endpoint. */
  readonly endpoint: string;
  /** Trusts the proxy's own certificate only. */
  readonly httpsAgent: https.Agent;
  readonly counts: FaultCounts;
  /** Every request while journaling is on (FAULTS_DETAIL), in arrival order. */
  readonly journal: JournalEntry[];
  /** Faults are injected only while enabled (setting up the database goes through untouched). */
  enabled: boolean;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

interface Upstream {
  readonly status: number;
  readonly headers: IncomingMessage["headers"];
  readonly body: Buffer;
}

function forward(options: FaultProxyOptions, request: IncomingMessage, body: Buffer): Promise<Upstream> {
  const target = new URL(request.url ?? "/", options.upstream.endpoint);
  return new Promise((resolve, reject) => {
    const outgoing = https.request(target, { method: request.method, headers: { ...request.headers, host: target.host }, agent: options.upstream.httpsAgent }, (response) => {
      void readBody(response).then((answer) => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: answer }), reject);
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

function describeWrite(method: string, body: Buffer): string | undefined {
  if (method !== "POST" && method !== "PUT") return undefined;
  try {
    const doc: unknown = JSON.parse(body.toString("utf8"));
    if (typeof doc !== "object" || doc === null || !("id" in doc)) return undefined;
    const { id, version, state } = doc as Record<string, unknown>;
    return [id, version, state].filter((part) => part !== undefined).map(String).join(" ");
  } catch {
    return undefined;
  }
}

function answerError(response: ServerResponse, status: number, code: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ code, message: `injected by the fault proxy: ${code}` });
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers });
  response.end(body);
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const { cert, key } = await generateLoopbackCertificate();
  const random = seededRandom(options.seed);
  const counts: FaultCounts = { forwarded: 0, throttled: 0, unavailable: 0, resetBeforeForwarding: 0, resetAfterForwarding: 0 };
  const upstreamHost = new URL(options.upstream.endpoint).host;
  let ownHost = "";
  const state = { enabled: false };
  const journal: JournalEntry[] = [];

  const pickFault = (method: string, path: string): ProxyFault | undefined => {
    if (!state.enabled || !options.eligible(method, path)) return undefined;
    // Two draws per eligible request whatever the outcome, so one request's fate does not shift the next one's.
    const strikes = random() < options.rate;
    const kind = PROXY_FAULTS[Math.floor(random() * PROXY_FAULTS.length)];
    return strikes ? kind : undefined;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const method = request.method ?? "GET";
    const path = request.url ?? "/";
    const body = await readBody(request);
    const fault = pickFault(method, path);
    if (fault !== undefined) counts[fault] += 1;
    const entry: JournalEntry | undefined = options.journal === true ? { method, path, partitionKey: String(request.headers["x-ms-documentdb-partitionkey"] ?? ""), fault, wrote: describeWrite(method, body) } : undefined;
    if (entry !== undefined) journal.push(entry);
    if (fault === "resetBeforeForwarding") return void request.socket.destroy();
    if (fault === "throttled") return answerError(response, 429, "TooManyRequests", { "x-ms-retry-after-ms": String(1 + Math.floor(random() * 5)) });
    if (fault === "unavailable") return answerError(response, 503, "ServiceUnavailable");
    const upstream = await forward(options, request, body);
    counts.forwarded += 1;
    if (entry !== undefined) entry.status = upstream.status;
    if (fault === "resetAfterForwarding") return void request.socket.destroy();
    // The account document names the server's own address as its endpoint: the client must keep talking to the proxy.
    const answer = method === "GET" && path === "/" ? Buffer.from(upstream.body.toString("utf8").split(upstreamHost).join(ownHost)) : upstream.body;
    const headers = { ...upstream.headers, "content-length": String(answer.length) };
    delete headers["transfer-encoding"];
    response.writeHead(upstream.status, headers);
    response.end(answer);
  };

  const server = https.createServer({ cert, key, keepAlive: true }, (request, response) => {
    handle(request, response).catch(() => request.socket.destroy());
  });
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = portSchema.parse(server.address());
  ownHost = `127.0.0.1:${port}`;
  const httpsAgent = new https.Agent({ ca: cert, keepAlive: true });
  return {
    endpoint: `https://${ownHost}`,
    httpsAgent,
    counts,
    journal,
    get enabled() {
      return state.enabled;
    },
    set enabled(value: boolean) {
      state.enabled = value;
    },
    async close() {
      httpsAgent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
