import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";

export const DEMO_TENANT = "5f1d6c9e-7a43-4a8e-9b1c-0d2e3f4a5b6c";
export const OTHER_TENANT = "0a0b0c0d-1111-4222-8333-444455556666";
const PEOPLE = [1, 2, 3, 4, 5, 6].map((n) => `a1a1a1a1-0000-4000-8000-00000000000${n}`);
const BOT = { id: "28:benefits-bot", name: "Benefits Bot" };

/** A request body: JSON built from a value, or raw text sent as it is. */
export type FuzzBody = { readonly json: unknown } | { readonly raw: string };

/** A card action seen in one of the bot's answers, replayed (often mutated) by later cases. */
export interface SeenAction {
  readonly verb: string;
  readonly data: Record<string, unknown>;
}

// Fenced by plain characters so that two of them appended one after the other never pair up into a valid character.
const LONE_SURROGATES = ["\ud800!", "!\udfff", "a\ud83d!", "!\ude00b"];

const COMMANDS = [
  "help", "aide", "what's assigned to me", "my benefits", "mes avantages", "benefits", "overview", "request a benefit",
  "request a visual studio subscription", "stop reminders", "resume reminders", "assign visual studio", "reassign visual studio",
  "remove visual studio assignment", "technical benefits", "assign support", "request assistance", "software", "get keys",
  "cloud", "azure", "pending requests", "manage roles", "marketing contact", "go-to-market", "activate offer",
  "cancel a benefit", "request refund", "history", "historique", "cancel", "annuler", "back", "retour", "yes", "1",
];

/** Every verb the card templates carry, so clicks reach every handler; plus ones no handler knows. */
export function templateVerbs(templatesDir: string): string[] {
  const verbs = new Set<string>();
  for (const file of readdirSync(templatesDir).filter((name) => name.endsWith(".json"))) {
    for (const match of readFileSync(path.join(templatesDir, file), "utf8").matchAll(/"verb"\s*:\s*"([A-Za-z.]+)"/g)) verbs.add(match[1]);
  }
  return [...verbs].sort();
}

const UNKNOWN_VERBS = ["admin.grantAll", "vs.assignAll", "x", "roles.setGlobalAdmin", "software.revealAll", "nav"];

/** Values that break whatever field they land in (wrong types, oversized, hostile). */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.string({ maxLength: 40 }),
  fc.constantFrom(...LONE_SURROGATES),
  fc.constant(OTHER_TENANT),
  fc.constant("../../etc/passwd"),
  fc.constant("x".repeat(5_000)),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant({ toString: "hijack", valueOf: 1 }),
);

const cardData = fc.dictionary(
  fc.oneof(fc.constantFrom("id", "version", "ids", "userId", "tenantId", "role", "email", "reason", "choice", "page", "verb", "seats"), fc.string({ maxLength: 12 })),
  fc.oneof(hostileValue, fc.constantFrom(...PEOPLE), fc.nat({ max: 5 })),
  { maxKeys: 5 },
);

interface Shape {
  readonly person: number;
  readonly conversation: number;
  readonly group: boolean;
  readonly locale: string | undefined;
  readonly expectReplies: boolean;
  readonly tenant: string;
  readonly activityId: number;
}

const shape = (tenants: fc.Arbitrary<string>): fc.Arbitrary<Shape> =>
  fc.record({
    person: fc.nat({ max: PEOPLE.length - 1 }),
    conversation: fc.nat({ max: 5 }),
    group: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
    locale: fc.constantFrom("en-US", "fr-FR", "fr-CA", "de-DE", undefined),
    expectReplies: fc.oneof({ arbitrary: fc.constant(true), weight: 9 }, { arbitrary: fc.constant(false), weight: 1 }),
    tenant: tenants,
    activityId: fc.nat(),
  });

/** What a case asks of the bot: typed text, a click on a seen or named verb, or the Action.Submit fallback. */
type Content =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "replay"; readonly index: number; readonly overrides: Record<string, unknown> | undefined }
  | { readonly kind: "click"; readonly verb: string; readonly data: Record<string, unknown> }
  | { readonly kind: "submit"; readonly verb: string; readonly data: Record<string, unknown> };

const content = (verbs: readonly string[]): fc.Arbitrary<Content> =>
  fc.oneof(
    { arbitrary: fc.oneof(fc.constantFrom(...COMMANDS), fc.string({ unit: "grapheme", maxLength: 80 })).map((text) => ({ kind: "text" as const, text })), weight: 4 },
    { arbitrary: fc.record({ kind: fc.constant("replay" as const), index: fc.nat(), overrides: fc.option(cardData, { nil: undefined }) }), weight: 4 },
    { arbitrary: fc.record({ kind: fc.constant("click" as const), verb: fc.constantFrom(...verbs, ...UNKNOWN_VERBS), data: cardData }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant("submit" as const), verb: fc.constantFrom(...verbs, ...UNKNOWN_VERBS), data: cardData }), weight: 1 },
  );

export interface ValidCase {
  readonly shape: Shape;
  readonly content: Content;
}

export const validCase = (verbs: readonly string[], tenants: fc.Arbitrary<string> = fc.constant(DEMO_TENANT)): fc.Arbitrary<ValidCase> =>
  fc.record({ shape: shape(tenants), content: content(verbs) });

/** The activity a Teams client would post for this case; `seen` supplies the actions earlier answers offered. */
export function activityFor(c: ValidCase, serviceUrl: string, seen: readonly SeenAction[]): Record<string, unknown> {
  const { person, conversation, group, locale, expectReplies, tenant, activityId } = c.shape;
  const userId = PEOPLE[person];
  const conversationBody = group
    ? { id: `19:fuzz-group-${conversation}@thread.v2`, conversationType: "groupChat", isGroup: true, tenantId: tenant }
    : { id: `a:fuzz-${person}-${conversation}`, conversationType: "personal", tenantId: tenant };
  const activity: Record<string, unknown> = {
    type: "message",
    id: `fuzz-${activityId}`,
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl,
    from: { id: `29:${userId}`, name: `Person ${person}`, aadObjectId: userId },
    recipient: BOT,
    conversation: conversationBody,
    channelData: { tenant: { id: tenant } },
    ...(locale === undefined ? {} : { locale }),
    ...(expectReplies ? { deliveryMode: "expectReplies" } : {}),
  };
  const body = c.content;
  if (body.kind === "text") {
    activity.text = group ? `<at>Benefits Bot</at> ${body.text}` : body.text;
    if (group) activity.entities = [{ type: "mention", text: "<at>Benefits Bot</at>", mentioned: BOT }];
    return activity;
  }
  if (body.kind === "submit") return { ...activity, value: { ...body.data, verb: body.verb } };
  const action =
    body.kind === "click"
      ? { verb: body.verb, data: body.data }
      : seen.length === 0
        ? { verb: "nav.cancel", data: {} }
        : pick(seen, body.index, body.overrides);
  return { ...activity, type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", ...action }, trigger: "manual" } };
}

function pick(seen: readonly SeenAction[], index: number, overrides: Record<string, unknown> | undefined): SeenAction {
  const action = seen[index % seen.length];
  return overrides === undefined ? action : { verb: action.verb, data: { ...action.data, ...overrides } };
}

/**
 * One change that makes any valid activity invalid: the door must refuse it (400, or 413 when too large), whatever
 * else the activity holds. Plain data, so that a counterexample prints what was done.
 */
export type Breaker =
  | { readonly set: string; readonly to: unknown }
  | { readonly appendTo: string; readonly text: string }
  | { readonly fill: string; readonly repeat: string; readonly times: number }
  | { readonly protoKeyIn: string; readonly payload: unknown }
  | { readonly merge: Record<string, unknown> }
  | { readonly mismatchTenants: true }
  | { readonly raw: string }
  | { readonly wrapInArray: true };

const requiredPaths = ["type", "channelId", "serviceUrl", "from", "from.id", "recipient", "recipient.id", "conversation", "conversation.id"];
const typedPaths = ["text", "locale", "entities", "attachments", "channelData", "from.aadObjectId", "from.name", "conversation.tenantId", "localTimezone", "replyToId", "timestamp"];
const stringPaths = ["text", "from.name", "from.id", "conversation.id", "recipient.name", "id", "locale"];
const objectPaths = ["", "channelData", "from", "conversation", "recipient", "channelData.tenant"];

const commonBreakers: fc.Arbitrary<Breaker> = fc.oneof(
  fc.record({ set: fc.constantFrom(...requiredPaths), to: fc.oneof(fc.constant(undefined), fc.integer(), fc.boolean(), fc.array(fc.nat(), { maxLength: 2 }), fc.constant("")) }),
  fc.record({ set: fc.constantFrom(...typedPaths), to: fc.oneof(fc.integer(), fc.boolean(), fc.constant([["nested"]])) }),
  fc.record({ set: fc.constantFrom("text", "entities", "attachments", "locale"), to: fc.constant({ normalize: "x" }) }),
  fc.record({ appendTo: fc.constantFrom(...stringPaths), text: fc.constantFrom(...LONE_SURROGATES) }),
  fc.record({ protoKeyIn: fc.constantFrom(...objectPaths), payload: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({
    set: fc.constant("serviceUrl"),
    to: fc.constantFrom("https://attacker.example/", "", "ftp://127.0.0.1/", "http://user:pw@127.0.0.1:9/", "javascript:alert(1)", "http://169.254.169.254/", "http://10.0.0.1/"),
  }),
  fc.record({
    merge: fc.constantFrom<unknown>(null, "click", 3, [], { trigger: "manual" }, { action: null }, { action: { type: "Action.Submit", verb: "nav.back" } }, { action: { type: "Action.Execute", verb: "no spaces" } }).map((value) => ({ type: "invoke", name: "adaptiveCard/action", value })),
  }),
  fc.record({ merge: fc.constantFrom("composeExtension/query", "task/fetch", "signin/verifyState", "application/search", "").map((name) => ({ type: "invoke", name, value: {} })) }),
  fc.constant({ mismatchTenants: true as const }),
  fc.record({ set: fc.constant("conversation.tenantId"), to: fc.constantFrom("../x", "a b", "x".repeat(65), "t\u0000") }),
  fc.record({ set: fc.constant("value"), to: fc.nat({ max: 20 }).map((extra) => nest(33 + extra)) }),
  fc.record({ set: fc.constant("conversation.id"), to: fc.constantFrom("a:\u0000x", "a:\u001b[31m", "a:\nx", "a:\u007f") }),
  fc.record({ set: fc.constant("type"), to: fc.constantFrom("hack", "Message", "", "invokeResponse", "trace") }),
  fc.record({ fill: fc.constant("text"), repeat: fc.constant("y"), times: fc.constant(40_000) }),
  fc.record({ raw: fc.oneof(fc.constantFrom("[]", "null", '"message"', "{", "{}"), fc.string({ maxLength: 50 })) }),
  fc.constant({ wrapInArray: true as const }),
);

export const breaker: fc.Arbitrary<Breaker> = fc.oneof(
  { arbitrary: commonBreakers, weight: 40 },
  // Rare: each one costs a megabyte on the wire; a few hundred are enough to show the limit holds.
  { arbitrary: fc.record({ fill: fc.constantFrom("text", "from.name", "conversation.id", "value"), repeat: fc.constant("x"), times: fc.constant(1 << 20) }), weight: 1 },
);

/** The body a breaker makes of an activity. */
export function breakActivity(activity: unknown, change: Breaker): FuzzBody {
  if ("raw" in change) return { raw: change.raw };
  if (!isRecord(activity)) return { json: activity };
  if ("wrapInArray" in change) return { json: [activity] };
  if ("set" in change) return { json: setAt(activity, change.set, change.to) };
  if ("fill" in change) return { json: setAt(activity, change.fill, change.repeat.repeat(change.times)) };
  if ("appendTo" in change) return { json: setAt(activity, change.appendTo, `${String(getAt(activity, change.appendTo) ?? "x")}${change.text}`) };
  if ("protoKeyIn" in change) return { json: withProtoKey(activity, change.protoKeyIn, change.payload) };
  if ("merge" in change) return { json: { ...activity, ...change.merge } };
  return { json: setAt(setAt(activity, "conversation.tenantId", DEMO_TENANT), "channelData.tenant.id", OTHER_TENANT) };
}

/** Any value (undefined: removed) at any place: what the mixed phase throws at the door, valid or not. */
export interface Mutation {
  readonly at: string;
  readonly value: unknown;
}

export const randomMutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.constantFrom(...requiredPaths, ...typedPaths, "value", "value.action", "value.action.data", "value.action.verb", "value.action.type", "name", "deliveryMode", "membersAdded", "action", "type"),
  value: fc.oneof(hostileValue, fc.constant(undefined), fc.constantFrom("invoke", "message", "conversationUpdate", "installationUpdate", "messageUpdate", "event", "typing")),
});

export function mutate(activity: Record<string, unknown>, mutations: readonly Mutation[]): Record<string, unknown> {
  return mutations.reduce((changed, { at, value }) => setAt(changed, at, value), activity);
}

function nest(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i += 1) value = { down: value };
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function getAt(root: unknown, at: string): unknown {
  let node = root;
  for (const key of at.split(".").filter((k) => k !== "")) {
    if (!isRecord(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** A copy with the value at `at` replaced (undefined deletes it); missing objects on the way are created. */
export function setAt(root: Record<string, unknown>, at: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(root);
  const keys = at.split(".");
  const last = keys.pop() ?? "";
  let node: Record<string, unknown> = copy;
  for (const key of keys) {
    const child = node[key];
    const next = isRecord(child) ? child : {};
    node[key] = next;
    node = next;
  }
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

// An own "__proto__" key, as JSON.parse makes it: what a prototype-pollution payload looks like on the wire.
function withProtoKey(root: Record<string, unknown>, at: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(root);
  const target = at === "" ? copy : getAt(copy, at);
  const holder = isRecord(target) ? target : copy;
  Object.defineProperty(holder, "__proto__", { value: { polluted: value }, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Card actions found in an answer body (expectReplies activities or an invoke response). */
export function actionsIn(node: unknown, found: SeenAction[] = []): SeenAction[] {
  if (Array.isArray(node)) {
    for (const child of node) actionsIn(child, found);
    return found;
  }
  if (!isRecord(node)) return found;
  if (node.type === "Action.Execute" && typeof node.verb === "string") found.push({ verb: node.verb, data: isRecord(node.data) ? node.data : {} });
  for (const child of Object.values(node)) actionsIn(child, found);
  return found;
}
