import { z } from "zod";
import { idSchema, isoDateSchema, tenantIdSchema } from "../types";

export const EXPORT_KINDS = ["assignments", "history"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** A one-time download link. Only a hash of its secret is stored: reading the database does not give the link. */
export const exportLinkSchema = z.object({
  type: z.literal("exportLink"),
  id: idSchema,
  tenantId: tenantIdSchema,
  version: z.number().int().nonnegative(),
  kind: z.enum(EXPORT_KINDS),
  createdBy: idSchema,
  createdAt: isoDateSchema,
  expiresAt: isoDateSchema,
  usedAt: isoDateSchema.optional(),
});
export type ExportLink = z.infer<typeof exportLinkSchema>;
