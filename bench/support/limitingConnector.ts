import http from "node:http";
import { z } from "zod";

const address = z.object({ port: z.number().int().positive() });
const activityTenant = z.object({ conversation: z.object({ tenantId: z.string().optional() }).loose().optional() }).loose();
const ACTIVITIES_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/;

/**
 * The Bot Framework connector as Teams throttles it: at most `perConversation` sends into one conversation and
 * `perTenant` per tenant in any `windowMs` (sliding, by arrival time); beyond that it answers 429 with Retry-After.
 */
export class LimitingConnector {
  accepted = 0;
  throttled = 0;
  private readonly arrivals = new Map<string, number[]>();

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    private readonly limits: { perConversation: number; perTenant: number; windowMs: number },
  ) {
    server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => this.handle(req, res));
  }

  static async start(limits = { perConversation: 7, perTenant: 50, windowMs: 1000 }): Promise<LimitingConnector> {
    const server = http.createServer({ keepAlive: true });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return new LimitingConnector(server, `http://127.0.0.1:${address.parse(server.address()).port}`, limits);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const match = ACTIVITIES_PATH.exec(req.url ?? "");
      if (match === null) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end("{}");
        return;
      }
      const now = Date.now();
      const parsed = activityTenant.safeParse(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      const tenant = `tenant:${(parsed.success ? parsed.data.conversation?.tenantId : undefined) ?? "?"}`;
      const conversation = `conversation:${match[1]}`;
      const over = [this.count(tenant, now) >= this.limits.perTenant, this.count(conversation, now) >= this.limits.perConversation].some(Boolean);
      if (over) {
        this.throttled++;
        res.writeHead(429, { "content-type": "application/json", "retry-after": "1" });
        res.end(JSON.stringify({ error: { code: "TooManyRequests", message: "throttled" } }));
        return;
      }
      for (const key of [tenant, conversation]) this.arrivals.set(key, [...(this.arrivals.get(key) ?? []), now]);
      this.accepted++;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: `sent-${this.accepted}` }));
    });
  }

  private count(key: string, now: number): number {
    const recent = (this.arrivals.get(key) ?? []).filter((at) => at > now - this.limits.windowMs);
    this.arrivals.set(key, recent);
    return recent.length;
  }
}
