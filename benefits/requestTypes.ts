import { z } from "zod";
import { emailSchema, idSchema, isoDateSchema, outboxSchema, tenantIdSchema } from "./types";

export const REQUESTABLE_CATEGORIES = ["visualStudio", "technical"] as const;
export const BENEFIT_REQUEST_STATES = ["pending", "approved", "declined"] as const;
export const REQUEST_REASON_MAX = 500;

/** A card the bot sent to an admin about a request: kept so every admin's card can show the decision. */
export const sentCardSchema = z.object({
  userId: idSchema,
  conversationId: z.string().min(1).max(512),
  activityId: z.string().min(1).max(256),
});
export type SentCardRef = z.infer<typeof sentCardSchema>;

/** An employee asking the global admins for a benefit; decided once, by one admin. */
export const benefitRequestSchema = z.object({
  type: z.literal("benefitRequest"),
  id: idSchema,
  tenantId: tenantIdSchema,
  /** Counts decisions only: recording where the admin cards went does not make those cards outdated. */
  version: z.number().int().nonnegative(),
  benefitId: idSchema,
  category: z.enum(REQUESTABLE_CATEGORIES),
  benefitName: z.string().min(1).max(120),
  requesterId: idSchema,
  /** The requester's language, for the answer they get when an admin decides. */
  requesterLocale: z.enum(["en", "fr"]).default("en"),
  reason: z.string().max(REQUEST_REASON_MAX).default(""),
  /** Technical benefits are assigned with an alternate email; the employee may give it, or the approver enters it. */
  alternateEmail: emailSchema.optional(),
  state: z.enum(BENEFIT_REQUEST_STATES),
  createdAt: isoDateSchema,
  decidedBy: idSchema.optional(),
  decidedAt: isoDateSchema.optional(),
  declineReason: z.string().max(REQUEST_REASON_MAX).optional(),
  /**
   * Set by an approval's claim and cleared once its assignment is stored: an approved request that still has it and
   * whose requester holds nothing is unfinished (shown as pending; the next Approve finishes it). An approval's seat
   * removed later, long after it was finished, never makes it "unfinished" again.
   */
  assigning: z.literal(true).optional(),
  adminCards: z.array(sentCardSchema).max(100).default([]),
  /** The requester's own view of the request, when it replaced their form in their personal chat. */
  requesterCard: sentCardSchema.optional(),
  /**
   * Whom Teams refreshes the request's cards for (refresh.userIds: Teams ids, at most 60) and how many admins that
   * leaves out, fixed when the cards were sent so a refresh costs point reads only; each view is still decided by the
   * reader's roles when they look.
   */
  refreshAudience: z.object({ userIds: z.array(z.string().min(1).max(256)).max(60), unlisted: z.number().int().nonnegative() }).optional(),
  outbox: outboxSchema,
});
export type BenefitRequest = z.infer<typeof benefitRequestSchema>;
