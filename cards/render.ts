import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as ACData from "adaptivecards-templating";
import { z } from "zod";
import type { CardTemplateName, CardTemplates } from "./cardTemplates";
import { fitCard } from "./cardSize";

export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

export interface AdaptiveCardAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: Record<string, unknown>;
}

const jsonObject = z.record(z.string(), z.unknown());
const templates = new Map<CardTemplateName, Record<string, unknown>>();

function template(name: CardTemplateName): Record<string, unknown> {
  let found = templates.get(name);
  if (found === undefined) {
    found = jsonObject.parse(JSON.parse(readFileSync(join(__dirname, "templates", `${name}.json`), "utf8")));
    templates.set(name, found);
  }
  return found;
}

/** Expand cards/templates/<name>.json with `data`; every Action.Execute gets an Action.Submit fallback for older clients. */
export function renderCard<N extends CardTemplateName>(name: N, data: CardTemplates[N]): AdaptiveCardAttachment {
  const expanded = jsonObject.parse(new ACData.Template(template(name)).expand({ $root: data }));
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: fitCard(withSubmitFallbacks(expanded)) };
}

const executeAction = z.object({ type: z.literal("Action.Execute"), verb: z.string(), title: z.string().optional(), data: jsonObject.optional() }).loose();

function withSubmitFallbacks(node: unknown): Record<string, unknown> {
  const result = addFallbacks(node);
  return jsonObject.parse(result);
}

function addFallbacks(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(addFallbacks);
  const obj = jsonObject.safeParse(node);
  if (!obj.success) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj.data)) copy[key] = addFallbacks(value);
  const action = executeAction.safeParse(copy);
  if (action.success && copy.fallback === undefined) {
    const { verb, title, data } = action.data;
    copy.fallback = { type: "Action.Submit", title, data: { ...data, verb } };
  }
  return copy;
}
