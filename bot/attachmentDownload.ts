import { z } from "zod";
import type { FileAttachments } from "../dialogs/flow";

/** What Teams sends for a file in a personal chat (with the app manifest's supportsFiles). */
export const TEAMS_FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info";

export const DOWNLOAD_LIMITS = { maxBytes: 1024 * 1024, timeoutMs: 10_000, maxRedirects: 3 } as const;

export interface FileAttachmentRef {
  readonly url: string;
  readonly name: string;
  /** Lower case, no dot ("json", "csv"), "" when nothing tells: what decides which flow reads the file. */
  readonly fileType: string;
}

const CONTENT_TYPE_FILE_TYPES: Readonly<Record<string, string>> = { "application/json": "json", "text/csv": "csv", "application/vnd.ms-excel": "csv" };

/** Teams' own fileType first, then the name's extension, then (a plain attachment's) content type. */
function fileTypeOf(declared: string | undefined, name: string | undefined, contentType?: string): string {
  const extension = /\.([A-Za-z0-9]{1,10})$/.exec(name ?? "")?.[1];
  const fromContentType = contentType === undefined ? undefined : CONTENT_TYPE_FILE_TYPES[contentType.split(";")[0].trim().toLowerCase()];
  return (declared ?? extension ?? fromContentType ?? "").toLowerCase();
}

const teamsFileSchema = z.object({
  contentType: z.literal(TEAMS_FILE_DOWNLOAD_INFO),
  name: z.string().max(255).optional(),
  content: z.object({ downloadUrl: z.string().max(4096), fileType: z.string().max(20).optional() }).loose(),
}).loose();
// The Agents Playground and the Emulator send the file itself as a plain attachment with a contentUrl.
const plainFileSchema = z.object({ contentType: z.string().max(200), contentUrl: z.string().max(4096), name: z.string().max(255).optional() }).loose();

/** The first file attached to a message, in either shape; cards and other attachments are not files. */
export function fileAttachmentOf(attachments: unknown): FileAttachmentRef | undefined {
  if (!Array.isArray(attachments)) return undefined;
  for (const attachment of attachments) {
    const teams = teamsFileSchema.safeParse(attachment);
    if (teams.success) return { url: teams.data.content.downloadUrl, name: teams.data.name ?? "file", fileType: fileTypeOf(teams.data.content.fileType, teams.data.name) };
    const plain = plainFileSchema.safeParse(attachment);
    if (plain.success && !plain.data.contentType.startsWith("application/vnd.microsoft.card.")) {
      return { url: plain.data.contentUrl, name: plain.data.name ?? "file", fileType: fileTypeOf(undefined, plain.data.name, plain.data.contentType) };
    }
  }
  return undefined;
}

export type DownloadFailure = "badUrl" | "notHttps" | "crossHostRedirect" | "tooManyRedirects" | "tooLarge" | "timeout" | "httpStatus";

export class DownloadError extends Error {
  constructor(readonly reason: DownloadFailure) {
    super(`attachment download refused: ${reason}`);
    this.name = "DownloadError";
  }
}

export interface DownloadOptions {
  /** Local mode accepts http (the Playground serves files from loopback); otherwise https only. */
  readonly localMode: boolean;
  readonly maxBytes?: number;
  readonly timeoutMs?: number;
}

function checkedUrl(text: string, localMode: boolean): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DownloadError("badUrl");
  }
  if (url.protocol === "https:") return url;
  if (url.protocol === "http:" && localMode) return url;
  throw new DownloadError(url.protocol === "http:" ? "notHttps" : "badUrl");
}

/**
 * Fetches an attached file: at most 1 MB, 10 s in all, redirects followed only on the same host (a redirect elsewhere
 * could aim the bot at an internal address). The URL is never logged: Teams download URLs carry a token.
 */
export async function downloadAttachment(ref: FileAttachmentRef, options: DownloadOptions): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? DOWNLOAD_LIMITS.maxBytes;
  const signal = AbortSignal.timeout(options.timeoutMs ?? DOWNLOAD_LIMITS.timeoutMs);
  let url = checkedUrl(ref.url, options.localMode);
  const host = url.host;
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await fetch(url, { redirect: "manual", signal });
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel();
        const location = response.headers.get("location");
        if (location === null) throw new DownloadError("httpStatus");
        if (redirects >= DOWNLOAD_LIMITS.maxRedirects) throw new DownloadError("tooManyRedirects");
        url = checkedUrl(new URL(location, url).toString(), options.localMode);
        if (url.host !== host) throw new DownloadError("crossHostRedirect");
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new DownloadError("httpStatus");
      }
      return await readLimited(response, maxBytes);
    }
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    if (signal.aborted) throw new DownloadError("timeout");
    throw error;
  }
}

async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new DownloadError("tooLarge");
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  if (reader === undefined) return new Uint8Array();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    // Content-Length can lie or be absent: the count of what actually arrives is what holds.
    if (total > maxBytes) {
      await reader.cancel();
      throw new DownloadError("tooLarge");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The dialogs' view of attached files: which one a message carries, and its bytes or why they could not be had. */
export function attachmentFiles(options: DownloadOptions): FileAttachments {
  return {
    fileOf: fileAttachmentOf,
    download: async (file) => {
      try {
        return { ok: true, bytes: await downloadAttachment(file, options) };
      } catch (error) {
        if (error instanceof DownloadError) return { ok: false, reason: error.reason };
        // fetch's own failures (refused connection, DNS, TLS) carry no more that a person could act on.
        return { ok: false, reason: "unreachable" };
      }
    },
  };
}
