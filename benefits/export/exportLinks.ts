import { createHash, randomBytes } from "node:crypto";
import { BenefitsError, isBenefitsError } from "../errors";
import { can } from "../rules/roles";
import { tenantIdSchema, type Actor } from "../types";
import type { UseCaseDeps } from "../useCases/deps";
import { listDirectory } from "../useCases/directory";
import { requireActor } from "../useCases/shared";
import { assignmentsCsv, historyCsv } from "./csv";
import type { ExportKind } from "./exportTypes";

export const EXPORT_LINK_TTL_MS = 10 * 60 * 1000;
const TOKEN_BYTES = 32;
const HISTORY_ROWS = 1000;
const TOKEN_PATTERN = /^([A-Za-z0-9_-]{1,88})\.([A-Za-z0-9_-]{43})$/;

function secretId(secret: string): string {
  return `export-${createHash("sha256").update(secret).digest("hex")}`;
}

export interface ExportLinkGrant {
  /** Put in the URL as it is; it names the tenant and carries 256 random bits. */
  readonly token: string;
  readonly expiresAt: string;
}

/** A global admin asks for a CSV: a link usable once, for ten minutes, in this tenant only. */
export async function createExportLink(deps: UseCaseDeps, actor: Actor, kind: ExportKind): Promise<ExportLinkGrant> {
  await requireActor(deps, actor, "exportData");
  const secret = randomBytes(TOKEN_BYTES).toString("base64url");
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + EXPORT_LINK_TTL_MS).toISOString();
  await deps.repos.exportLinks.create({
    type: "exportLink",
    id: secretId(secret),
    tenantId: actor.tenantId,
    version: 0,
    kind,
    createdBy: actor.userId,
    createdAt: now.toISOString(),
    expiresAt,
  });
  return { token: `${Buffer.from(actor.tenantId).toString("base64url")}.${secret}`, expiresAt };
}

export interface ExportDownload {
  readonly filename: string;
  readonly csv: string;
}

/**
 * The file behind a link, once. Anything wrong (malformed, another tenant, expired, already used, its creator no
 * longer a global admin) is the same undefined, so a caller learns nothing about which links exist.
 */
export async function redeemExportLink(deps: UseCaseDeps, token: string): Promise<ExportDownload | undefined> {
  const match = TOKEN_PATTERN.exec(token);
  if (match === null) return undefined;
  const tenantId = tenantIdSchema.safeParse(Buffer.from(match[1], "base64url").toString("utf8"));
  if (!tenantId.success) return undefined;
  const stored = await deps.repos.exportLinks.get(tenantId.data, secretId(match[2]));
  const now = deps.now();
  if (stored === undefined || stored.value.usedAt !== undefined || Date.parse(stored.value.expiresAt) <= now.getTime()) return undefined;
  try {
    // If-Match: of two downloads at once, one marks it used and the other is refused.
    await deps.repos.exportLinks.replace({ ...stored.value, version: stored.value.version + 1, usedAt: now.toISOString() }, stored.etag);
  } catch (error) {
    if (isBenefitsError(error, "CONFLICT") || isBenefitsError(error, "NOT_FOUND")) return undefined;
    throw error;
  }
  const link = stored.value;
  const people = await listDirectory(deps, link.tenantId);
  if (!can(people.find((u) => u.id === link.createdBy), "exportData")) return undefined;
  const day = now.toISOString().slice(0, 10);
  if (link.kind === "assignments") {
    const benefits = (await deps.repos.benefits.list(link.tenantId)).map((s) => s.value);
    return { filename: `assignments-${day}.csv`, csv: assignmentsCsv(benefits, people) };
  }
  const entries = await deps.repos.audit.recent(link.tenantId, HISTORY_ROWS);
  return { filename: `history-${day}.csv`, csv: historyCsv(entries, people) };
}

export function exportUrl(publicBaseUrl: string, token: string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(token)) throw new BenefitsError("INVALID_INPUT", "not an export token");
  return `${publicBaseUrl.replace(/\/+$/, "")}/api/exports/${token}`;
}
