import { z } from "zod";
import { jsonObjectBody, LoopbackStandIn, type LoopbackAnswer, type LoopbackRequest } from "../../support/loopbackServer";

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

const createParameters = z.object({ members: z.array(z.object({ id: z.string() })).optional() }).loose();
// Proactive sends arrive as POST /v3/conversations/{id}/activities, or …/activities/{replyToId} when replying.
const ACTIVITIES_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/;

/**
 * A local stand-in for the Bot Framework connector (Teams' side of proactive messages): records every activity posted
 * and answers what the test scripted, then 200 once the script is used up.
 */
export class ConnectorStandIn extends LoopbackStandIn {
  readonly posts: RecordedPost[] = [];
  /** Every POST /v3/conversations: a bot asking Teams to open a chat. */
  readonly creates: RecordedCreate[] = [];
  private script: ScriptedAnswer[] = [];
  private createScript: ScriptedAnswer[] = [];

  static start(): Promise<ConnectorStandIn> {
    return new ConnectorStandIn().listen();
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

  protected respond(request: LoopbackRequest): LoopbackAnswer {
    if (request.method === "POST" && request.url.pathname === "/v3/conversations") return this.answerCreation(request);
    const match = ACTIVITIES_PATH.exec(request.url.pathname);
    if ((request.method !== "POST" && request.method !== "PUT") || match === null) {
      return { status: 404, body: { error: { code: "NotFound", message: "not a connector route" } } };
    }
    const answer = this.script.shift() ?? { status: 200 };
    const authorization = request.headers.authorization;
    this.posts.push({ conversationId: decodeURIComponent(match[1] ?? ""), status: answer.status, activity: jsonObjectBody(request), authorization, method: request.method });
    const body = answer.status < 300 ? { id: `sent-${this.posts.length}` } : { error: { code: `Status${answer.status}`, message: "scripted failure" } };
    return { status: answer.status, headers: answer.headers, body };
  }

  private answerCreation(request: LoopbackRequest): LoopbackAnswer {
    const answer = this.createScript.shift() ?? { status: 200 };
    const parameters = createParameters.parse(JSON.parse(request.body));
    const conversationId = answer.status < 300 ? `a:created-${parameters.members?.[0]?.id ?? "nobody"}` : undefined;
    this.creates.push({ status: answer.status, parameters, conversationId });
    const body = conversationId !== undefined ? { id: conversationId } : { error: { code: answer.status === 403 ? "Forbidden" : `Status${answer.status}`, message: "scripted: the bot is not installed for this user" } };
    return { status: answer.status, headers: answer.headers, body };
  }
}
