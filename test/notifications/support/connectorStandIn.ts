import http from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";

export interface ScriptedAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
}

export interface RecordedPost {
  readonly conversationId: string;
  readonly status: number;
  readonly activity: Record<string, unknown>;
  readonly authorization: string | undefined;
  /** POST for a new activity, PUT for an update of a sent one. */
  readonly method: string;
}

export interface RecordedCreate {
  readonly status: number;
  readonly parameters: Record<string, unknown>;
  readonly conversationId?: string;
}

const activitySchema = z.record(z.string(), z.unknown());
const createParameters = z.object({ members: z.array(z.object({ id: z.string() })).optional() }).loose();
// Proactive sends arrive as POST /v3/conversations/{id}/activities, or …/activities/{replyToId} when replying.
const ACTIVITIES_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/;

/**
 * A local stand-in for the Bot Framework connector (Teams' side of proactive messages): records every activity posted
 * and answers what the test scripted, then 200 once the script is used up.
 */
export class ConnectorStandIn {
  readonly posts: RecordedPost[] = [];
  /** Every POST /v3/conversations: a bot asking Teams to open a chat. */
  readonly creates: RecordedCreate[] = [];
  private script: ScriptedAnswer[] = [];
  private createScript: ScriptedAnswer[] = [];
  private constructor(private readonly server: http.Server, readonly url: string) {}

  static async start(): Promise<ConnectorStandIn> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = z.custom<AddressInfo>((a) => typeof a === "object" && a !== null && "port" in a).parse(server.address());
    const standIn = new ConnectorStandIn(server, `http://127.0.0.1:${port}`);
    server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => standIn.handle(req, res));
    return standIn;
  }

  /** The next answers, in order. */
  answer(...answers: ScriptedAnswer[]): void {
    this.script.push(...answers);
  }

  /** The next answers to conversation creation, in order; then 200 with `a:created-{member id}`, as Teams does once the app is installed. */
  answerCreate(...answers: ScriptedAnswer[]): void {
    this.createScript.push(...answers);
  }

  delivered(): RecordedPost[] {
    return this.posts.filter((p) => p.status >= 200 && p.status < 300);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.method === "POST" && req.url === "/v3/conversations") {
        this.handleCreate(Buffer.concat(chunks).toString("utf8"), res);
        return;
      }
      const match = ACTIVITIES_PATH.exec(req.url ?? "");
      if ((req.method !== "POST" && req.method !== "PUT") || match === null) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "NotFound", message: "not a connector route" } }));
        return;
      }
      const answer = this.script.shift() ?? { status: 200 };
      const activity = activitySchema.parse(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      this.posts.push({ conversationId: decodeURIComponent(match[1]), status: answer.status, activity, authorization: req.headers.authorization, method: req.method });
      const body = answer.status < 300 ? { id: `sent-${this.posts.length}` } : { error: { code: `Status${answer.status}`, message: "scripted failure" } };
      // Two calls, not a chain: restify, loaded by other tests, patches writeHead so that it returns nothing.
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(JSON.stringify(body));
    });
  }

  private handleCreate(body: string, res: http.ServerResponse): void {
    const answer = this.createScript.shift() ?? { status: 200 };
    const parameters = createParameters.parse(JSON.parse(body));
    const conversationId = answer.status < 300 ? `a:created-${parameters.members?.[0]?.id ?? "nobody"}` : undefined;
    this.creates.push({ status: answer.status, parameters, conversationId });
    const reply = conversationId !== undefined ? { id: conversationId } : { error: { code: answer.status === 403 ? "Forbidden" : `Status${answer.status}`, message: "scripted: the bot is not installed for this user" } };
    res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    res.end(JSON.stringify(reply));
  }
}
