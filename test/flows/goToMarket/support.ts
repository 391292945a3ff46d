import { expect } from "chai";
import { MARKETING_CONTACT_ID, type MarketingContact } from "../../../benefits";
import type { TestBot, Turn } from "../../support/botHarness";
import { DEMO_TENANT } from "../../support/botHarness";

/** The marketing contact as stored now, or undefined. */
export async function storedContact(bot: TestBot): Promise<MarketingContact | undefined> {
  return (await bot.repos.marketingContacts.get(DEMO_TENANT, MARKETING_CONTACT_ID))?.value;
}

export async function removeContact(bot: TestBot): Promise<void> {
  await bot.repos.marketingContacts.delete(DEMO_TENANT, MARKETING_CONTACT_ID);
}

/** Input values of the last card, by input id: what a person would submit without touching the prefilled fields. */
export function inputIds(turn: Turn): string[] {
  const ids: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== "object" || node === null) return;
    const entries = Object.entries(node);
    const type = entries.find(([k]) => k === "type")?.[1];
    const id = entries.find(([k]) => k === "id")?.[1];
    if (typeof type === "string" && type.startsWith("Input.") && typeof id === "string") ids.push(id);
    entries.forEach(([, v]) => visit(v));
  };
  visit(turn.card());
  return ids;
}

export function expectText(turn: Turn, ...fragments: (string | RegExp)[]): void {
  const text = turn.allText();
  for (const f of fragments) {
    if (typeof f === "string") expect(text).to.include(f);
    else expect(text).to.match(f);
  }
}
