import type { IncomingHttpHeaders } from "node:http";
import type { CloudAdapter, TurnContext } from "botbuilder";
import restify, { type Next, type Request, type Response, type Server } from "restify";
import { parseActivity } from "./activitySchema";
import { exportDownloadHandler, type ExportRedeemer } from "./exportRoute";

/** Teams activities, cards included, stay far below this; it bounds what an unauthenticated caller can make us buffer. */
export const MAX_BODY_BYTES = 256 * 1024;
const READY_TIMEOUT_MS = 5_000;

export interface EventsResult {
  readonly status: number;
  readonly body: unknown;
}

export interface ServerDeps {
  readonly adapter: CloudAdapter;
  readonly bot: { run(context: TurnContext): Promise<void> };
  /** Decides which serviceUrls an activity may name (loopback only in local mode, https otherwise). */
  readonly localMode: boolean;
  /** Resolves when the bot can serve (storage reachable); rejects otherwise. */
  readonly ready: () => Promise<void>;
  /** Authenticates and validates POST /api/events itself; body is the parsed JSON, or undefined when empty or not JSON. */
  readonly events?: (body: unknown, headers: IncomingHttpHeaders) => Promise<EventsResult>;
  readonly log?: (message: string, error?: unknown) => void;
  /** Serves GET /api/exports/:token (one-time CSV links); absent means the route does not exist. */
  readonly exports?: ExportRedeemer;
}

export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: "benefits-bot" });
  const readBody = [refuseEncodedBodies, restify.plugins.bodyReader({ maxBodySize: MAX_BODY_BYTES })];

  server.post("/api/messages", ...readBody, async (req: Request, res: Response) => {
    // Parsed here so that nothing malformed reaches the adapter or a handler; the parsed value is what goes on.
    const verdict = parseActivity(parseJson(req.body), { localMode: deps.localMode });
    if (!verdict.ok) {
      res.send(400, { error: verdict.reason });
      return;
    }
    const request = { method: req.method, headers: req.headers, body: verdict.activity };
    await deps.adapter.process(request, res, (context) => deps.bot.run(context));
  });

  server.get("/healthz", async (_req: Request, res: Response) => {
    res.send(200, { status: "ok" });
  });

  server.get("/readyz", async (_req: Request, res: Response) => {
    const ready = await withTimeout(deps.ready, READY_TIMEOUT_MS).then(
      () => true,
      () => false,
    );
    res.send(ready ? 200 : 503, { status: ready ? "ready" : "not ready" });
  });

  const events = deps.events;
  if (events !== undefined) {
    server.post("/api/events", ...readBody, async (req: Request, res: Response) => {
      try {
        const result = await events(parseJson(req.body), req.headers);
        res.send(result.status, result.body);
      } catch (error) {
        deps.log?.("POST /api/events failed", error);
        res.send(500, { error: "The event could not be processed." });
      }
    });
  }
  if (deps.exports !== undefined) server.get("/api/exports/:token", exportDownloadHandler(deps.exports, deps.log));
  return server;
}

/** Starts listening and returns the bound URL (with the real port when `port` is 0). */
export function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(port, host, () => {
      server.server.off("error", reject);
      const hostInUrl = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
      resolve(`http://${hostInUrl}:${server.address().port}`);
    });
  });
}

// bodyReader counts compressed bytes against the limit, so a small gzip body could inflate without bound.
function refuseEncodedBodies(req: Request, res: Response, next: Next): void {
  const encoding = req.headers["content-encoding"];
  if (encoding === undefined || encoding === "identity") {
    next();
    return;
  }
  res.send(415, { error: "Encoded (compressed) request bodies are not accepted." });
  next(false);
}

function parseJson(body: unknown): unknown {
  const text = typeof body === "string" ? body : Buffer.isBuffer(body) ? body.toString("utf8") : undefined;
  if (text === undefined || text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function withTimeout(task: () => Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([Promise.resolve().then(task), timeout]).finally(() => clearTimeout(timer));
}
