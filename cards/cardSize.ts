/**
 * Teams refuses a message over about 28 KB. Every card the bot renders passes through `fitCard`: a card that would be
 * too big is cut down (the longest list shortened, with a "… +N" line where a list of elements or facts was cut) rather
 * than sent and refused, or thrown at the person. Builders page their lists first; this is the guarantee behind them.
 */
export const MAX_MESSAGE_BYTES = 28 * 1024;
/** Room left for the activity around the card (ids, conversation, serviceUrl, the attachment's envelope). */
const ENVELOPE_BYTES = 2 * 1024;
export const MAX_CARD_BYTES = MAX_MESSAGE_BYTES - ENVELOPE_BYTES;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), "utf8");
}

/** Lists of elements take a closing line; facts a closing fact; other lists (choices, actions, cells) are only cut. */
const ELEMENT_LISTS = new Set(["body", "items"]);
const CUTTABLE_LISTS = new Set(["body", "items", "facts", "choices", "rows", "columns", "inlines", "actions"]);
const MAX_ROUNDS = 40;

interface ListRef {
  readonly key: string;
  readonly list: Json[];
  readonly bytes: number;
}

export function fitCard(card: Record<string, unknown>, limit = MAX_CARD_BYTES): Record<string, unknown> {
  if (cardBytes(card) <= limit) return card;
  // A copy: the caller's object (a template's expansion) is never changed in place.
  const copy: JsonObject = JSON.parse(JSON.stringify(card));
  for (let round = 0; round < MAX_ROUNDS && cardBytes(copy) > limit; round++) {
    const target = listToCut(copy, cardBytes(copy));
    if (target !== undefined) {
      cutList(copy, target, limit);
      continue;
    }
    if (!shortenLongestText(copy)) break;
  }
  // Nothing left to cut (cannot happen with our templates): a small card that says so beats a refused send.
  if (cardBytes(copy) > limit) return { ...copy, body: [{ type: "TextBlock", text: "…", wrap: true }], actions: [] };
  return copy;
}

function lists(node: Json, found: ListRef[]): void {
  if (Array.isArray(node)) {
    for (const child of node) lists(child, found);
    return;
  }
  if (node === null || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    if (Array.isArray(value) && CUTTABLE_LISTS.has(key) && value.length > 1) found.push({ key, list: value, bytes: cardBytes(value) });
    lists(value, found);
  }
}

/** The list to shorten: the longest of those that hold a good part of the card (so a row list, not the body around it). */
function listToCut(card: Json, total: number): ListRef | undefined {
  const found: ListRef[] = [];
  lists(card, found);
  const heavy = found.filter((l) => l.bytes * 4 >= total);
  const pool = heavy.length > 0 ? heavy : found;
  return pool.sort((a, b) => b.list.length - a.list.length || b.bytes - a.bytes)[0];
}

function closingLine(key: string, hidden: number): Json | undefined {
  if (ELEMENT_LISTS.has(key)) return { type: "TextBlock", text: `… +${hidden}`, wrap: true, isSubtle: true };
  if (key === "facts") return { title: "…", value: `+${hidden}` };
  return undefined;
}

/** Keeps the most items of the list that still fit, then the closing line; sizes are summed, not re-measured each time. */
function cutList(card: object, target: ListRef, limit: number): void {
  const original = target.list.slice();
  const outside = cardBytes(card) - target.bytes;
  const itemBytes = original.map((item) => cardBytes(item));
  const apply = (kept: number) => {
    const closing = closingLine(target.key, original.length - kept);
    target.list.splice(0, target.list.length, ...original.slice(0, kept), ...(closing === undefined ? [] : [closing]));
  };
  // The closing line is at most this long ("… +5000" as a TextBlock), and a comma separates each item.
  const closingBytes = cardBytes(closingLine(target.key, original.length) ?? null) + 1;
  let kept = 0;
  let listBytes = 2 + closingBytes;
  while (kept < original.length - 1 && outside + listBytes + (itemBytes[kept] ?? 0) + 1 <= limit) {
    listBytes += (itemBytes[kept] ?? 0) + 1;
    kept++;
  }
  apply(Math.max(kept, 1));
}

/** Halves the longest string of the card (a huge note or name); false when no string is worth cutting. */
function shortenLongestText(card: Json): boolean {
  let longest: { holder: JsonObject | Json[]; key: string | number; text: string } | undefined;
  const walk = (node: Json) => {
    if (Array.isArray(node)) {
      node.forEach((child, index) => {
        if (typeof child === "string" && child.length > (longest?.text.length ?? 64)) longest = { holder: node, key: index, text: child };
        else walk(child);
      });
      return;
    }
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === "string" && key !== "type" && key !== "id" && key !== "verb" && value.length > (longest?.text.length ?? 64)) longest = { holder: node, key, text: value };
      else walk(value);
    }
  };
  walk(card);
  if (longest === undefined) return false;
  const shortened = `${[...longest.text].slice(0, Math.floor([...longest.text].length / 2)).join("")}…`;
  if (Array.isArray(longest.holder)) longest.holder[Number(longest.key)] = shortened;
  else longest.holder[String(longest.key)] = shortened;
  return true;
}
