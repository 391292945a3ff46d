import { z } from "zod";
import { idSchema, isoDateSchema, tenantIdSchema } from "./types";

/**
 * Where the bot can reach a person proactively. `reference` is the channel's conversation reference, kept opaque here:
 * the domain never depends on the bot SDK's shape.
 */
export const conversationRecordSchema = z.object({
  type: z.literal("conversation"),
  /** `${userId}:${conversationId-hash}` for a person, one record per conversation. */
  id: idSchema,
  tenantId: tenantIdSchema,
  version: z.number().int().nonnegative(),
  userId: idSchema,
  conversationId: z.string().min(1).max(512),
  conversationType: z.enum(["personal", "groupChat", "channel"]),
  serviceUrl: z.url().max(500),
  reference: z.record(z.string(), z.unknown()),
  /** The language the person's Teams client uses, so proactive cards speak it too. */
  locale: z.enum(["en", "fr"]).optional(),
  /** The IANA time zone the person's Teams client reported, so proactive cards show their times. */
  timeZone: z.string().min(1).max(64).optional(),
  updatedAt: isoDateSchema,
});
export type ConversationRecord = z.infer<typeof conversationRecordSchema>;

export const NOTIFICATION_EVENTS = ["activated", "expiresIn30", "expiresIn7", "expiresIn1", "expired", "requestDecided"] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** `dropped`: no longer true or no longer theirs when it was time to send (see notifications/stillTrue.ts); kept, never deleted. */
export const NOTIFICATION_STATES = ["planned", "sending", "sent", "unreachable", "dropped"] as const;

/** Why a notification was dropped instead of sent. */
export const DROP_REASONS = ["notARecipient", "reasonGone", "outdated"] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/**
 * Why a planned notification has not reached its recipient yet (it stays `planned`): no conversation of the tenant is
 * known to reach anyone through, Teams refused to open a chat because the app is not installed for the person (and the
 * Graph install is off), the Graph install failed, or opening the chat failed otherwise.
 */
export const WAITING_REASONS = ["noConversationKnown", "appNotInstalled", "installFailed", "createFailed"] as const;
export type WaitingReason = (typeof WAITING_REASONS)[number];

export const notificationSchema = z.object({
  type: z.literal("notification"),
  /** `${benefitId}:${event}:${recipientId}`: planning the same thing twice creates it once. */
  id: idSchema,
  tenantId: tenantIdSchema,
  version: z.number().int().nonnegative(),
  benefitId: idSchema,
  event: z.enum(NOTIFICATION_EVENTS),
  recipientId: idSchema,
  dueAt: isoDateSchema,
  state: z.enum(NOTIFICATION_STATES),
  attempts: z.number().int().nonnegative(),
  /** Not before this time (backoff after a throttled or failed send). */
  notBefore: isoDateSchema.optional(),
  /** When a sender claimed it; a claim older than the send timeout is taken as a crash and the send is retried. */
  claimedAt: isoDateSchema.optional(),
  sentAt: isoDateSchema.optional(),
  lastError: z.string().max(500).optional(),
  /** Set while a planned notification cannot reach its recipient; cleared once sent. */
  waitingFor: z.enum(WAITING_REASONS).optional(),
  dropReason: z.enum(DROP_REASONS).optional(),
  /** When it left the hot set for good (sent, or given up): the purge deletes it SETTLED_RETENTION_DAYS later. */
  settledAt: isoDateSchema.optional(),
  /** Seconds Cosmos DB keeps it after its last write (set with settledAt); the test server ignores it, the purge does not. */
  ttl: z.number().int().positive().optional(),
  /** What the card says: the benefit's name and dates as they were when planned. */
  facts: z.object({
    benefitName: z.string().max(200),
    category: z.string().max(40),
    activatedAt: isoDateSchema.optional(),
    expiresAt: isoDateSchema.optional(),
  }),
});
export type Notification = z.infer<typeof notificationSchema>;

/** How long a sent or given-up notification is kept (for the "could not be reached" summary and for support). */
export const SETTLED_RETENTION_DAYS = 90;

/** One scheduler instance per shard at a time: whoever holds its unexpired lease serves its tenants. An expiry field, not TTL (the test server ignores TTL). */
export const leaseSchema = z.object({
  type: z.literal("lease"),
  id: idSchema,
  tenantId: tenantIdSchema,
  version: z.number().int().nonnegative(),
  holder: z.string().min(1).max(128),
  expiresAt: isoDateSchema,
});
export type Lease = z.infer<typeof leaseSchema>;

/** Leases are not any tenant's data: they live in a partition of their own. */
export const SYSTEM_PARTITION = "system";
