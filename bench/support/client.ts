import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { z } from "zod";
import demoTenant from "../../storage/demo-tenant.json";

export const DEMO_TENANT = demoTenant.tenantId;
const demoPerson = (name: string): string => {
  const found = demoTenant.users.find((u) => u.displayName === name);
  if (found === undefined) throw new Error(`${name} is not in storage/demo-tenant.json`);
  return found.id;
};
/** The demo people (storage/demo-tenant.json, the same as .m365agentsplayground.yml). */
export const PEOPLE = { alex: demoPerson("Alex Wilber"), adele: demoPerson("Adele Vance"), lee: demoPerson("Lee Gu") } as const;

export interface CardAction {
  readonly verb: string;
  readonly title: string;
  readonly data: Record<string, unknown>;
}

export interface Answer {
  readonly status: number;
  readonly ms: number;
  /** Texts and card TextBlocks of the replies, joined. */
  readonly text: string;
  readonly actions: readonly CardAction[];
  readonly cards: number;
}

const jsonObject = z.record(z.string(), z.unknown());
const executeAction = z.object({ type: z.literal("Action.Execute"), verb: z.string(), title: z.string().optional(), data: jsonObject.optional() }).loose();

/** Who says something where: one person in one personal conversation of the demo tenant. */
export interface Speaker {
  readonly userId: string;
  readonly conversationId: string;
}

export function speaker(userId: string, label: string): Speaker {
  return { userId, conversationId: `a:bench-${label}-${randomUUID()}` };
}

function activity(who: Speaker, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    // Never called: replies come back in the HTTP answer (expectReplies).
    serviceUrl: "http://127.0.0.1:9/",
    from: { id: `29:${who.userId}`, aadObjectId: who.userId, name: "Bench" },
    recipient: { id: "28:benefits-bot", name: "Benefits Bot" },
    conversation: { id: who.conversationId, conversationType: "personal", tenantId: DEMO_TENANT },
    channelData: { tenant: { id: DEMO_TENANT } },
    locale: "en-US",
    deliveryMode: "expectReplies",
    ...fields,
  };
}

export function message(who: Speaker, text: string): Record<string, unknown> {
  return activity(who, { type: "message", text });
}

/** Action.Execute as Teams sends it. */
export function click(who: Speaker, action: CardAction, inputs: Record<string, unknown> = {}): Record<string, unknown> {
  return activity(who, { type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb: action.verb, data: { ...action.data, ...inputs } }, trigger: "manual" } });
}

/** One turn over HTTP; the same client for every bot. */
export async function post(url: string, body: Record<string, unknown>): Promise<Answer> {
  const start = performance.now();
  const response = await postOnce(url, body).catch((error: unknown) => {
    // A kept-alive socket the server closed while idle (its keep-alive timeout, on a loaded machine) resets the next
    // request before the server reads it; the request is sent again once, on a new socket.
    if (!isConnectionReset(error)) throw error;
    return postOnce(url, body);
  });
  const raw = await response.text();
  const ms = performance.now() - start;
  const parsed: unknown = raw === "" ? undefined : JSON.parse(raw);
  const texts: string[] = [];
  const actions: CardAction[] = [];
  let cards = 0;
  walk(parsed, (node) => {
    if (node.type === "AdaptiveCard") cards++;
    if (node.type === "TextBlock" && typeof node.text === "string") texts.push(node.text);
    if (node.type === "message" && typeof node.text === "string") texts.push(node.text);
    const action = executeAction.safeParse(node);
    if (action.success) actions.push({ verb: action.data.verb, title: action.data.title ?? "", data: action.data.data ?? {} });
  });
  return { status: response.status, ms, text: texts.join("\n"), actions, cards };
}

function postOnce(url: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

function isConnectionReset(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  return typeof cause === "object" && cause !== null && "code" in cause && (cause.code === "ECONNRESET" || cause.code === "UND_ERR_SOCKET");
}

function walk(node: unknown, visit: (obj: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  const obj = jsonObject.safeParse(node);
  if (!obj.success) return;
  visit(obj.data);
  for (const value of Object.values(obj.data)) walk(value, visit);
}

export function findAction(answer: Answer, verbOrTitle: string): CardAction {
  const found = answer.actions.find((a) => a.verb === verbOrTitle || a.title === verbOrTitle);
  if (found === undefined) throw new Error(`no action ${verbOrTitle} among ${answer.actions.map((a) => a.verb).join(", ")}; text: ${answer.text.slice(0, 300)}`);
  return found;
}
