import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface ServedFiles {
  /** The loopback URL of a served file, by its name. */
  url(name: string): string;
  stop(): Promise<void>;
}

/** Serves a few files on loopback, where the bot (local mode: http on loopback allowed) downloads an "attached" one. */
export async function serveFiles(files: Readonly<Record<string, string>>): Promise<ServedFiles> {
  const bodies = new Map(Object.entries(files).map(([name, file]) => [name, readFileSync(file)]));
  const server = createServer((request, response) => {
    const body = bodies.get((request.url ?? "/").slice(1));
    response.statusCode = body === undefined ? 404 : 200;
    response.setHeader("content-type", "application/json");
    response.end(body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (name) => `http://127.0.0.1:${port}/${name}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
