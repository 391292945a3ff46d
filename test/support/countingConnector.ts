import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The Teams side of outbound calls, on loopback: sends and new conversations succeed, roster reads find nobody. Counts
 * every request, so a test can tell that refused input made no outbound call.
 */
export class CountingConnector {
  requests = 0;

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(): Promise<CountingConnector> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const connector = new CountingConnector(server, `http://127.0.0.1:${port}/`);
    server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
      connector.requests += 1;
      req.resume();
      req.on("end", () => {
        const found = req.method === "POST" || req.method === "PUT";
        res.writeHead(found ? 200 : 404, { "content-type": "application/json" });
        res.end(JSON.stringify(found ? { id: `stand-in-${connector.requests}` } : { error: { code: "NotFound", message: "no such member" } }));
      });
    });
    return connector;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
