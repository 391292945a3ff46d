import { z } from "zod";
import { tenantIdSchema } from "../benefits/types";
import { MAX_SUBMIT_BYTES, verbSchema } from "../cards/submit";
import { isLoopback } from "./config";
import { SEARCH_INVOKE_NAME, searchInvokeValueSchema } from "./searchInvoke";

/**
 * The door: every field of an incoming activity that the bot or botbuilder reads, parsed before the adapter sees it.
 * What passes on is the parsed value (unknown top-level fields dropped), so no handler meets a shape it did not expect
 * (`text.normalize is not a function`, `reading 'action'` of a null invoke value, a missing `from`).
 */

export interface ServiceUrlPolicy {
  /** Local mode has no token to vouch for serviceUrl: only loopback is reachable then. */
  readonly localMode: boolean;
}

export type DoorVerdict = { readonly ok: true; readonly activity: ParsedActivity } | { readonly ok: false; readonly reason: string };

/** Invoke names the bot answers; any other would end in botbuilder's 501 Not Implemented. */
export const HANDLED_INVOKE_NAMES: readonly string[] = ["adaptiveCard/action", SEARCH_INVOKE_NAME];

const MAX_DEPTH = 32;
const MAX_TEXT_LENGTH = 32 * 1024;
const MAX_SERVICE_URL_LENGTH = 500;
// Keys that turn into prototype writes in code that copies objects with assignment.
const FORBIDDEN_KEYS = new Set(["__proto__"]);
const LONE_SURROGATE = /\p{Surrogate}/u;

// Optional fields: a JSON null means "absent", as the Bot Framework services sometimes serialize it.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === null ? undefined : value), schema.optional());

const printable = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^\P{Cc}+$/u, "must not contain control characters");

const account = z.object({
  id: printable(256),
  name: optional(z.string().max(256)),
  aadObjectId: optional(z.string().min(1).max(128).regex(/^[A-Za-z0-9._:@-]+$/, "letters, digits and . _ : @ - only")),
  role: optional(z.string().max(32)),
});

const conversation = z.object({
  id: printable(512),
  conversationType: optional(z.enum(["personal", "groupChat", "channel"])),
  tenantId: optional(tenantIdSchema),
  isGroup: optional(z.boolean()),
  name: optional(z.string().max(256)),
});

const channelData = z.looseObject({
  tenant: optional(z.looseObject({ id: optional(tenantIdSchema) })),
  eventType: optional(z.string().max(64)),
});

const timeZone = z.string().max(64).regex(/^[A-Za-z0-9_+\-/]+$/, "must be an IANA time zone name");

const entity = z.looseObject({ type: z.string().min(1).max(64) }).superRefine((value, context) => {
  const kind = value.type.toLowerCase();
  // TurnContext.removeRecipientMention reads mentioned.id and replaces mention.text in the message text.
  if (kind === "mention" && !mention.safeParse(value).success) {
    context.addIssue({ code: "custom", message: "a mention needs mentioned.id and text" });
  }
  if (kind === "clientinfo" && !clientInfo.safeParse(value).success) {
    context.addIssue({ code: "custom", message: "clientInfo fields must be short strings" });
  }
});
const mention = z.object({ mentioned: account.pick({ id: true, name: true }), text: z.string().max(512) });
const clientInfo = z.object({ locale: optional(z.string().max(35)), country: optional(z.string().max(8)), platform: optional(z.string().max(32)), timezone: optional(timeZone) });

const attachment = z.object({
  contentType: z.string().min(1).max(255),
  contentUrl: optional(z.string().max(2048)),
  name: optional(z.string().max(255)),
  content: optional(z.unknown()),
});

const jsonObject = z.record(z.string(), z.unknown());
const cardActionValue = z.looseObject({
  action: z.looseObject({ type: z.literal("Action.Execute"), verb: verbSchema, data: optional(jsonObject) }),
  trigger: optional(z.string().max(32)),
});

const timestamp = z.string().max(64).refine((text) => !Number.isNaN(Date.parse(text)), "must be a date");

const activitySchema = z
  .object({
    type: z.enum(["message", "invoke", "conversationUpdate", "installationUpdate", "messageReaction", "messageUpdate", "messageDelete", "typing", "event", "endOfConversation"]),
    id: optional(printable(512)),
    timestamp: optional(timestamp),
    localTimestamp: optional(timestamp),
    localTimezone: optional(timeZone),
    channelId: z.literal("msteams", { error: "this bot serves Microsoft Teams only (channelId msteams)" }),
    serviceUrl: z.string(),
    from: account,
    recipient: account,
    conversation,
    channelData: optional(channelData),
    text: optional(z.string().max(MAX_TEXT_LENGTH)),
    textFormat: optional(z.enum(["markdown", "plain", "xml"])),
    value: optional(jsonObject),
    name: optional(z.string().min(1).max(128)),
    locale: optional(z.string().max(35).regex(/^[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*$/, "must be a language tag")),
    entities: optional(z.array(entity).max(50)),
    attachments: optional(z.array(attachment).max(10)),
    replyToId: optional(printable(512)),
    deliveryMode: optional(z.enum(["normal", "notification", "expectReplies", "ephemeral"])),
    action: optional(z.string().max(32)),
    membersAdded: optional(z.array(account).max(256)),
    membersRemoved: optional(z.array(account).max(256)),
  })
  .superRefine((activity, context) => {
    const refuse = (path: string, message: string) => context.addIssue({ code: "custom", path: [path], message });
    if (activity.type === "invoke") {
      if (activity.name === undefined || !HANDLED_INVOKE_NAMES.includes(activity.name)) {
        refuse("name", `this bot answers only these invokes: ${HANDLED_INVOKE_NAMES.join(", ")}`);
      } else if (activity.name === SEARCH_INVOKE_NAME) {
        if (!searchInvokeValueSchema.safeParse(activity.value).success) refuse("value", "an application/search invoke needs value.queryText (at most 100 characters) and value.dataset");
      } else if (!cardActionValue.safeParse(activity.value).success) {
        refuse("value", "an adaptiveCard/action invoke needs value.action of type Action.Execute with a verb");
      }
    }
    if (activity.value !== undefined && JSON.stringify(activity.value).length > MAX_SUBMIT_BYTES) {
      refuse("value", `must be at most ${MAX_SUBMIT_BYTES} characters of JSON`);
    }
    const tenantInChannelData = activity.channelData?.tenant?.id;
    if (activity.conversation.tenantId !== undefined && tenantInChannelData !== undefined && activity.conversation.tenantId !== tenantInChannelData) {
      refuse("channelData", "tenant.id differs from conversation.tenantId");
    }
    const mentions = activity.entities?.some((e) => e.type.toLowerCase() === "mention") ?? false;
    if (mentions && activity.text === undefined) refuse("text", "required when the activity carries mentions");
    // botbuilder reads channelData.eventType of these without checking channelData is there.
    if ((activity.type === "messageUpdate" || activity.type === "messageDelete") && activity.channelData === undefined) {
      refuse("channelData", `required for ${activity.type}`);
    }
  });

export type ParsedActivity = z.infer<typeof activitySchema>;

/** Parses an untrusted request body into the activity the adapter may see, or says in a few words why not. */
export function parseActivity(body: unknown, policy: ServiceUrlPolicy): DoorVerdict {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, reason: "The body must be a JSON object (a Bot Framework activity)." };
  }
  const unsafe = unsafeContent(body);
  if (unsafe !== undefined) return { ok: false, reason: unsafe };
  const parsed = activitySchema.safeParse(body);
  if (!parsed.success) return { ok: false, reason: describe(parsed.error) };
  const serviceUrlProblem = checkServiceUrl(parsed.data.serviceUrl, policy);
  if (serviceUrlProblem !== undefined) return { ok: false, reason: `serviceUrl: ${serviceUrlProblem}` };
  return { ok: true, activity: parsed.data };
}

/**
 * Replies, roster reads and proactive sends go to serviceUrl. With credentials, botbuilder checks it against the token's
 * serviceurl claim (so it came from Microsoft); without them nothing vouches for it, so only loopback is allowed.
 */
function checkServiceUrl(text: string, policy: ServiceUrlPolicy): string | undefined {
  if (text.length > MAX_SERVICE_URL_LENGTH) return `must be at most ${MAX_SERVICE_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "must be an absolute URL";
  }
  if (url.username !== "" || url.password !== "") return "must not carry credentials";
  if (policy.localMode) {
    if (url.protocol !== "http:" && url.protocol !== "https:") return "must be http(s)";
    if (!isLoopback(url.hostname)) return "must be a loopback address in local mode";
    return undefined;
  }
  return url.protocol === "https:" ? undefined : "must be https";
}

/**
 * One walk over the whole body, without recursion (a deeply nested body must not exhaust the stack): bounded depth,
 * no lone surrogates (they cannot be stored or sent as UTF-8), no `__proto__` keys.
 */
function unsafeContent(root: object): string | undefined {
  const pending: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, depth } = next;
    if (typeof value === "string") {
      if (LONE_SURROGATE.test(value)) return "Text must be valid Unicode (a lone surrogate was found).";
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    if (depth >= MAX_DEPTH) return `The activity is nested deeper than ${MAX_DEPTH} levels.`;
    for (const [key, child] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(key)) return `The key "${key}" is not accepted.`;
      if (LONE_SURROGATE.test(key)) return "Keys must be valid Unicode (a lone surrogate was found).";
      pending.push({ value: child, depth: depth + 1 });
    }
  }
  return undefined;
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return "The activity is not valid.";
  const path = issue.path.map(String).join(".");
  return `${path === "" ? "activity" : path}: ${issue.message}`.slice(0, 300);
}
