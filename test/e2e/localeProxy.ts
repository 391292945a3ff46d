// The Playground (0.2.x) writes `locale: "en-US"` into every activity it sends, typed or clicked. A French Teams
// client sends its own locale on both, so the French walk puts this loopback relay between that Playground and the
// bot: it rewrites the locale (and the clientInfo entity's) and passes everything else, answers included, unchanged.
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";

export interface LocaleProxy {
  readonly url: string;
  stop(): Promise<void>;
}

function withLocale(body: Buffer, locale: string): Buffer {
  let activity: unknown;
  try {
    activity = JSON.parse(body.toString("utf8"));
  } catch {
    return body;
  }
  if (typeof activity !== "object" || activity === null || Array.isArray(activity)) return body;
  const rewritten: Record<string, unknown> = { ...(activity as Record<string, unknown>), locale };
  if (Array.isArray(rewritten.entities)) {
    rewritten.entities = rewritten.entities.map((entity: unknown) =>
      typeof entity === "object" && entity !== null && (entity as { type?: unknown }).type === "clientInfo" ? { ...entity, locale } : entity,
    );
  }
  return Buffer.from(JSON.stringify(rewritten), "utf8");
}

export async function startLocaleProxy(botUrl: string, locale: string): Promise<LocaleProxy> {
  const target = new URL(botUrl);
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const body = withLocale(Buffer.concat(chunks), locale);
      const headers = { ...incoming.headers, host: target.host, "content-length": String(body.length) };
      const forward = request({ hostname: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers }, (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      });
      forward.on("error", (error) => {
        outgoing.writeHead(502, { "content-type": "text/plain" });
        outgoing.end(`locale proxy: ${error.message}`);
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("locale proxy: no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
