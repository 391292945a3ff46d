import http from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";

export interface StandInMember {
  readonly id: string;
  readonly aadObjectId: string;
  readonly name: string;
  readonly email?: string;
  readonly userPrincipalName: string;
  readonly tenantId: string;
}

export interface RosterCall {
  readonly conversationId: string;
  /** On the test's clock, so a timeline can be checked without real time. */
  readonly at: number;
  readonly pageSize: number | undefined;
  readonly continuationToken: string | undefined;
}

const PAGED_MEMBERS = /^\/v3\/conversations\/([^/]+)\/pagedmembers$/;
const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/;

/** A person of a stand-in roster: deterministic ids and addresses from a number. */
export function standInMember(tenantId: string, n: number): StandInMember {
  const hex = n.toString(16).padStart(12, "0");
  const aadObjectId = `b2b2b2b2-0000-4000-8000-${hex}`;
  return { id: `29:${aadObjectId}`, aadObjectId, name: `Person ${n}`, email: `person${n}@contoso.example`, userPrincipalName: `person${n}@contoso.example`, tenantId };
}

/**
 * The Teams side of roster reads on loopback: GET …/pagedmembers serves each conversation's members in pages of at
 * most `servedPageSize` (Teams may serve fewer than asked), with an opaque continuation token; activities posted
 * (the admins' cards) are recorded. A conversation can be scripted to fail on a page.
 */
export class RosterConnector {
  readonly calls: RosterCall[] = [];
  readonly posts: { conversationId: string; activity: Record<string, unknown> }[] = [];
  private readonly rosters = new Map<string, StandInMember[]>();
  private readonly failing = new Map<string, number>();

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    private readonly clock: () => number,
    private readonly servedPageSize: number,
  ) {}

  static async start(options: { clock?: () => number; servedPageSize?: number } = {}): Promise<RosterConnector> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = z.custom<AddressInfo>((a) => typeof a === "object" && a !== null && "port" in a).parse(server.address());
    const connector = new RosterConnector(server, `http://127.0.0.1:${port}`, options.clock ?? (() => 0), options.servedPageSize ?? 50);
    server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => connector.handle(req, res));
    return connector;
  }

  setRoster(conversationId: string, members: readonly StandInMember[]): void {
    this.failing.delete(conversationId);
    this.rosters.set(conversationId, [...members]);
  }

  /**
   * The page with this index (0 = first) answers 403, as Teams does once the bot is no longer in the conversation, until
   * the roster is set again. (A 5xx would be retried by botframework-connector itself.)
   */
  failPage(conversationId: string, pageIndex: number): void {
    this.failing.set(conversationId, pageIndex);
  }

  callsTo(conversationId: string): RosterCall[] {
    return this.calls.filter((c) => c.conversationId === conversationId);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", this.url);
      const paged = PAGED_MEMBERS.exec(url.pathname);
      if (req.method === "GET" && paged !== null) return this.page(decodeURIComponent(paged[1] ?? ""), url, res);
      const posted = ACTIVITIES.exec(url.pathname);
      if ((req.method === "POST" || req.method === "PUT") && posted !== null) {
        const activity = z.record(z.string(), z.unknown()).parse(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        this.posts.push({ conversationId: decodeURIComponent(posted[1] ?? ""), activity });
        return this.send(res, 200, { id: `sent-${this.posts.length}` });
      }
      this.send(res, 404, { error: { code: "NotFound", message: "not a route of this stand-in" } });
    });
  }

  private page(conversationId: string, url: URL, res: http.ServerResponse): void {
    const token = url.searchParams.get("continuationToken") ?? undefined;
    const asked = url.searchParams.get("pageSize");
    this.calls.push({ conversationId, at: this.clock(), pageSize: asked === null ? undefined : Number(asked), continuationToken: token });
    const members = this.rosters.get(conversationId);
    if (members === undefined) return this.send(res, 404, { error: { code: "ConversationNotFound", message: "no such conversation" } });
    const index = token === undefined ? 0 : Number(token.replace("page-", ""));
    if (this.failing.get(conversationId) === index) return this.send(res, 403, { error: { code: "BotNotInConversationRoster", message: "scripted failure" } });
    const size = Math.min(this.servedPageSize, asked === null ? this.servedPageSize : Number(asked));
    const slice = members.slice(index * size, (index + 1) * size);
    const more = (index + 1) * size < members.length;
    this.send(res, 200, { members: slice, ...(more ? { continuationToken: `page-${index + 1}` } : {}) });
  }

  private send(res: http.ServerResponse, status: number, body: unknown): void {
    // Two calls, not a chain: restify, loaded by other tests, patches writeHead so that it returns nothing.
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }
}
