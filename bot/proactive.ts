import type { CloudAdapter, ConversationReference } from "botbuilder";
import { z } from "zod";
import type { ConversationRecord } from "../benefits/notificationTypes";
import type { AdaptiveCardAttachment } from "../cards/render";

export type SendOutcome =
  | { readonly kind: "sent" }
  | { readonly kind: "unreachable"; readonly reason: string }
  | { readonly kind: "retry"; readonly reason: string; readonly retryAfterMs?: number };

/** Throttled, raced, or the channel is briefly down: worth trying again later. */
const RETRYABLE_STATUSES = new Set([412, 429, 502, 503, 504]);
/** The bot was removed, the user left, or the conversation is gone: trying again would only be refused again. */
const UNREACHABLE_STATUSES = new Set([403, 404]);

const account = z.object({ id: z.string().min(1), name: z.string().default("") }).loose();
const storedReference = z
  .object({
    channelId: z.string().min(1),
    serviceUrl: z.string().min(1),
    bot: account,
    user: account.optional(),
    locale: z.string().optional(),
    conversation: z
      .object({
        id: z.string().min(1),
        name: z.string().default(""),
        isGroup: z.boolean().default(false),
        conversationType: z.string().default("personal"),
        tenantId: z.string().optional(),
      })
      .loose(),
  })
  .loose();

/**
 * The stored reference, with the tenant made explicit on the conversation: the adapter's tenant guard runs on the
 * continuation activity too, and that activity carries no channelData to find the tenant in.
 */
export function referenceFor(record: ConversationRecord): Partial<ConversationReference> {
  const parsed = storedReference.parse(record.reference);
  return { ...parsed, serviceUrl: record.serviceUrl, conversation: { ...parsed.conversation, tenantId: record.tenantId } };
}

const httpFailure = z.object({
  statusCode: z.number().int().optional(),
  message: z.string().optional(),
  response: z
    .object({ headers: z.custom<{ get(name: string): string | undefined }>((h) => typeof h === "object" && h !== null && "get" in h && typeof h.get === "function") })
    .optional(),
});

/** Retry-After (what Teams sends) in seconds or as an HTTP date (RFC 9110); undefined when absent or unreadable. */
export function retryAfterMsFrom(headers: { get(name: string): string | undefined } | undefined, now: Date): number | undefined {
  const value = headers?.get("retry-after")?.trim();
  if (value === undefined || value === "") return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now.getTime()) : undefined;
}

export function classifySendFailure(error: unknown, now: Date): SendOutcome {
  const failure = httpFailure.safeParse(error);
  const status = failure.success ? failure.data.statusCode : undefined;
  const reason = `${status === undefined ? "no HTTP status" : `HTTP ${status}`}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500);
  if (status !== undefined && UNREACHABLE_STATUSES.has(status)) return { kind: "unreachable", reason };
  const retryAfterMs = status !== undefined && RETRYABLE_STATUSES.has(status) ? retryAfterMsFrom(failure.data?.response?.headers, now) : undefined;
  // Other failures (a network error, 401 while a token is refreshed, 500) are retried too, a bounded number of times.
  return { kind: "retry", reason, retryAfterMs };
}

/**
 * Sends one card into a stored conversation. The failure is caught inside the turn on purpose: thrown out of it, the
 * adapter's onTurnError would try to tell the recipient that "something went wrong", in the very conversation that failed.
 */
export async function sendCardTo(
  adapter: CloudAdapter,
  appId: string,
  record: ConversationRecord,
  card: AdaptiveCardAttachment,
  now: () => Date,
): Promise<SendOutcome> {
  let outcome: SendOutcome | undefined;
  await adapter.continueConversationAsync(appId, referenceFor(record), async (context) => {
    try {
      await context.sendActivity({ type: "message", attachments: [card] });
      outcome = { kind: "sent" };
    } catch (error) {
      outcome = classifySendFailure(error, now());
    }
  });
  return outcome ?? { kind: "unreachable", reason: "the adapter's middleware dropped the turn (tenant not served)" };
}
