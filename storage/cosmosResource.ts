import { z } from "zod";

const cosmosResourceSchema = z.looseObject({ _etag: z.string().min(1) });
const SYSTEM_FIELDS = new Set(["_etag", "_rid", "_self", "_ts", "_attachments", "_lsn"]);

export interface CosmosResource {
  readonly etag: string;
  /** The document as written by us, without the fields Cosmos adds. */
  readonly body: Record<string, unknown>;
}

/** Splits what Cosmos returned into our document and its concurrency token. */
export function splitCosmosResource(resource: unknown): CosmosResource {
  const parsed = cosmosResourceSchema.parse(resource);
  const body = Object.fromEntries(Object.entries(parsed).filter(([field]) => !SYSTEM_FIELDS.has(field)));
  return { etag: parsed._etag, body };
}
