import { LoopbackStandIn, type LoopbackAnswer, type LoopbackRequest } from "../../support/loopbackServer";

export interface RecordedGraphRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

/** A local stand-in for Microsoft Graph: records each request and answers the scripted status (201 once used up). */
export class GraphStandIn extends LoopbackStandIn {
  readonly requests: RecordedGraphRequest[] = [];
  private scripted: number[] = [];

  static start(): Promise<GraphStandIn> {
    return new GraphStandIn().listen();
  }

  answer(...statuses: number[]): void {
    this.scripted.push(...statuses);
  }

  protected respond(request: LoopbackRequest): LoopbackAnswer {
    const path = `${request.url.pathname}${request.url.search}`;
    this.requests.push({ method: request.method, path, authorization: request.headers.authorization, body: request.body === "" ? undefined : JSON.parse(request.body) });
    const status = this.scripted.shift() ?? 201;
    return { status, body: status < 300 ? { id: "installation-1" } : { error: { code: "scripted", message: `scripted ${status}` } } };
  }
}

/** Stands in for the bot's credential: hands out a fixed token and remembers what it was asked for. */
export class RecordingCredential {
  readonly scopes: (string | string[])[] = [];
  constructor(readonly token = "graph-test-token") {}
  async getToken(scopes: string | string[]): Promise<{ token: string; expiresOnTimestamp: number }> {
    this.scopes.push(scopes);
    return { token: this.token, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}
