import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { TEAMS_FILE_DOWNLOAD_INFO } from "../../../bot/attachmentDownload";

export interface FileServer {
  url(name: string): string;
  /** The names asked for, in order: what the bot downloaded. */
  readonly fetched: string[];
  stop(): Promise<void>;
}

/** Serves files on loopback, as the Playground and Teams' download URLs do, and records what was fetched. */
export async function startFileServer(files: Readonly<Record<string, string | Buffer>>): Promise<FileServer> {
  const fetched: string[] = [];
  const server: Server = createServer((request, response) => {
    const name = (request.url ?? "/").slice(1);
    fetched.push(name);
    const body = files[name];
    response.statusCode = body === undefined ? 404 : 200;
    response.setHeader("content-type", name.endsWith(".csv") ? "text/csv" : "application/octet-stream");
    response.end(body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: (name) => `http://127.0.0.1:${port}/${name}`, fetched, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** What Teams sends for a file in a personal chat (the app manifest's supportsFiles). */
export function teamsFile(url: string, name: string, fileType = name.split(".").pop() ?? "") {
  return { contentType: TEAMS_FILE_DOWNLOAD_INFO, name, content: { downloadUrl: url, fileType, uniqueId: "u-1" } };
}

/** What the Agents Playground and the Emulator send: the file itself, by its contentUrl. */
export function plainFile(url: string, name?: string, contentType = "text/csv") {
  return { contentType, contentUrl: url, ...(name === undefined ? {} : { name }) };
}
