import { createHash } from "node:crypto";
import { TurnContext } from "botbuilder";
import { z } from "zod";
import { isBenefitsError, type ConversationRecord, type Repositories } from "../benefits";
import type { Reader } from "../cards/strings";
import { actorOf, localeOf, timeZoneOf } from "../dialogs/activity";

const MAX_ID_LENGTH = 128;
const conversationFacts = z.object({
  conversation: z.object({ id: z.string().min(1).max(512), conversationType: z.enum(["personal", "groupChat", "channel"]).optional(), isGroup: z.boolean().optional() }),
  serviceUrl: z.url().max(500),
});
const jsonObject = z.record(z.string(), z.unknown());

function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

/** One record per person and conversation. Teams conversation ids may hold characters ids cannot (`;`, `=`), so they are hashed. */
export function conversationRecordId(userId: string, conversationId: string): string {
  const id = `${userId}:${digest(conversationId)}`;
  return id.length <= MAX_ID_LENGTH ? id : `c:${digest(`${userId}\n${conversationId}`)}`;
}

/** What to store of this turn's conversation; undefined when the activity lacks something we need to reach the person again. */
export function recordFor(context: TurnContext, now: Date): ConversationRecord | undefined {
  const actor = actorOf(context.activity);
  const facts = conversationFacts.safeParse(context.activity);
  if (actor === undefined || !facts.success) return undefined;
  const { conversation, serviceUrl } = facts.data;
  // The reply-to id changes on every message; without it, an unchanged conversation means an unchanged record.
  const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(context.activity);
  return {
    type: "conversation",
    id: conversationRecordId(actor.userId, conversation.id),
    tenantId: actor.tenantId,
    version: 0,
    userId: actor.userId,
    conversationId: conversation.id,
    conversationType: conversation.conversationType ?? (conversation.isGroup === true ? "groupChat" : "personal"),
    serviceUrl,
    reference: jsonObject.parse(JSON.parse(JSON.stringify(reference))),
    locale: localeOf(context.activity),
    ...timeZoneField(timeZoneOf(context.activity)),
    updatedAt: now.toISOString(),
  };
}

function timeZoneField(timeZone: string | undefined): { timeZone?: string } {
  return timeZone === undefined ? {} : { timeZone };
}

function contentOf(r: ConversationRecord): string {
  return JSON.stringify([r.conversationType, r.serviceUrl, r.locale, r.timeZone, r.reference]);
}

const CONFIRMED_MAX = 10_000;
const CONFIRMED_FOR_MS = 10 * 60_000;

/**
 * What this process last wrote, or found already stored, for each conversation record: a turn bringing the same facts
 * needs no read. Per process and bounded (oldest dropped first); an entry is trusted for ten minutes only, so a record
 * another instance deleted or changed meanwhile is checked again soon, and a (re)install always checks.
 */
export class ConfirmedRecords {
  private readonly entries = new Map<string, { readonly content: string; readonly at: number }>();

  constructor(
    private readonly max = CONFIRMED_MAX,
    private readonly trustMs = CONFIRMED_FOR_MS,
  ) {}

  holds(record: ConversationRecord, at: number): boolean {
    const entry = this.entries.get(keyOf(record));
    return entry !== undefined && entry.content === contentOf(record) && at - entry.at < this.trustMs;
  }

  confirm(record: ConversationRecord, at: number): void {
    const key = keyOf(record);
    this.entries.delete(key);
    this.entries.set(key, { content: contentOf(record), at });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.max) break;
      this.entries.delete(oldest);
    }
  }

  forget(tenantId: string, id: string): void {
    this.entries.delete(`${tenantId}\n${id}`);
  }

  get size(): number {
    return this.entries.size;
  }
}

function keyOf(record: ConversationRecord): string {
  return `${record.tenantId}\n${record.id}`;
}

/**
 * Keeps where each person can be reached: created on first contact, replaced only when something changed (a new
 * service URL, another language or time zone), never upserted. A lost race means another turn just wrote the same facts.
 */
export function recordConversations(repos: Repositories, now: () => Date, confirmed = new ConfirmedRecords()) {
  return async (context: TurnContext): Promise<void> => {
    const at = now();
    const record = recordFor(context, at);
    if (record === undefined) return;
    const install = context.activity.type === "installationUpdate";
    if (!install && confirmed.holds(record, at.getTime())) return;
    const stored = await repos.conversations.get(record.tenantId, record.id);
    try {
      if (stored === undefined) await repos.conversations.create(record);
      else if (contentOf(stored.value) !== contentOf(record)) await repos.conversations.replace({ ...record, version: stored.value.version + 1 }, stored.etag);
      confirmed.confirm(record, at.getTime());
    } catch (error) {
      if (!isBenefitsError(error, "ALREADY_EXISTS") && !isBenefitsError(error, "CONFLICT")) throw error;
    }
  };
}

/** The bot was removed from a conversation: nobody can be reached there any more. */
export function forgetConversations(repos: Repositories, confirmed?: ConfirmedRecords) {
  return async (context: TurnContext): Promise<void> => {
    const actor = actorOf(context.activity);
    const facts = conversationFacts.safeParse(context.activity);
    if (actor === undefined || !facts.success) return;
    const removedId = facts.data.conversation.id;
    // Removing the bot from a team also ends its channel threads, whose ids extend the team's with ";messageid=…".
    const inRemoved = (conversationId: string) => conversationId === removedId || conversationId.startsWith(`${removedId};`);
    const records = await repos.conversations.list(actor.tenantId);
    for (const { value } of records.filter((r) => inRemoved(r.value.conversationId))) {
      confirmed?.forget(actor.tenantId, value.id);
      await repos.conversations.delete(actor.tenantId, value.id);
    }
  };
}

/** Whom a card sent into this conversation is for: the language and time zone recorded from the person's own activities. */
export function readerOfRecord(record: ConversationRecord | undefined): Reader {
  const language = record?.locale ?? "en";
  return record?.timeZone === undefined ? { language } : { language, timeZone: record.timeZone };
}
