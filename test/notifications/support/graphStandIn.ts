import http from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";

export interface RecordedGraphRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

/** A local stand-in for Microsoft Graph: records each request and answers the scripted status (201 once used up). */
export class GraphStandIn {
  readonly requests: RecordedGraphRequest[] = [];
  private script: number[] = [];
  private constructor(private readonly server: http.Server, readonly url: string) {}

  static async start(): Promise<GraphStandIn> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = z.custom<AddressInfo>((a) => typeof a === "object" && a !== null && "port" in a).parse(server.address());
    const standIn = new GraphStandIn(server, `http://127.0.0.1:${port}`);
    server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => standIn.handle(req, res));
    return standIn;
  }

  answer(...statuses: number[]): void {
    this.script.push(...statuses);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      this.requests.push({ method: req.method ?? "", path: req.url ?? "", authorization: req.headers.authorization, body: text === "" ? undefined : JSON.parse(text) });
      const status = this.script.shift() ?? 201;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(status < 300 ? { id: "installation-1" } : { error: { code: "scripted", message: `scripted ${status}` } }));
    });
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
