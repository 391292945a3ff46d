import http from "node:http";
import { z } from "zod";

/** What a stand-in sees of one request: the whole body is read before it answers. */
export interface LoopbackRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface LoopbackAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

const address = z.object({ port: z.number().int().positive() });
const jsonObject = z.record(z.string(), z.unknown());

/** A request body that must be a JSON object: a stand-in that gets anything else fails the test loudly. */
export function jsonObjectBody(request: LoopbackRequest): Record<string, unknown> {
  return jsonObject.parse(JSON.parse(request.body));
}

/**
 * An HTTP server on 127.0.0.1 that answers JSON: the skeleton of every service the tests stand in for (the Bot
 * Framework connector, Microsoft Graph). A stand-in decides each answer; this reads the body and writes the reply.
 */
export abstract class LoopbackStandIn {
  private server: http.Server | undefined;
  private address: string | undefined;

  get url(): string {
    if (this.address === undefined) throw new Error("the stand-in is not listening yet");
    return this.address;
  }

  protected abstract respond(request: LoopbackRequest): LoopbackAnswer;

  protected async listen(options: { keepAlive?: boolean } = {}): Promise<this> {
    const server = http.createServer({ keepAlive: options.keepAlive ?? false });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${address.parse(server.address()).port}`;
    server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const reply = this.respond({ method: req.method ?? "", url: new URL(req.url ?? "/", url), headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        // Two calls, not a chain: restify, loaded by other tests, patches writeHead so that it returns nothing.
        res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
        res.end(JSON.stringify(reply.body));
      });
    });
    this.server = server;
    this.address = url;
    return this;
  }

  close(): Promise<void> {
    const server = this.server;
    if (server === undefined) return Promise.resolve();
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  }
}
