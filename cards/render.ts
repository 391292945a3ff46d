import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as ACData from "adaptivecards-templating";
import type { CardTemplateName, CardTemplates } from "./cardTemplates";
import { fitCard } from "./cardSize";

export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

export interface AdaptiveCardAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: Record<string, unknown>;
}

// A Template parses every `${…}` of its payload once, when built; expand() only evaluates. Built once per card per
// process (the set of templates is fixed), so no render parses again. expand() is synchronous and keeps no state
// from one call to the next, so one Template serves every render.
const templates = new Map<CardTemplateName, ACData.Template>();

function template(name: CardTemplateName): ACData.Template {
  let found = templates.get(name);
  if (found === undefined) {
    const payload: unknown = JSON.parse(readFileSync(join(__dirname, "templates", `${name}.json`), "utf8"));
    if (!isRecord(payload)) throw new Error(`cards/templates/${name}.json is not a JSON object`);
    found = new ACData.Template(payload);
    templates.set(name, found);
  }
  return found;
}

/** Expand cards/templates/<name>.json with `data`; every Action.Execute gets an Action.Submit fallback for older clients. */
export function renderCard<N extends CardTemplateName>(name: N, data: CardTemplates[N]): AdaptiveCardAttachment {
  const expanded: unknown = template(name).expand({ $root: data });
  if (!isRecord(expanded)) throw new Error(`card template ${name} expanded to no card`);
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: fitCard(withSubmitFallbacks(expanded)) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A copy of the card in which each Action.Execute without a fallback has an Action.Submit one carrying its verb. */
function withSubmitFallbacks(card: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(card)) copy[key] = addFallbacks(value);
  const { type, verb, title, data } = copy;
  const isExecute = type === "Action.Execute" && typeof verb === "string" && (title === undefined || typeof title === "string") && (data === undefined || isRecord(data));
  if (isExecute && copy.fallback === undefined) copy.fallback = { type: "Action.Submit", title, data: { ...data, verb } };
  return copy;
}

function addFallbacks(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(addFallbacks);
  return isRecord(node) ? withSubmitFallbacks(node) : node;
}
