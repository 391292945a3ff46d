import { DEMO_TENANT, type TestBot } from "../../support/botHarness";

export async function seatHolders(bot: TestBot, benefitId: string, tenantId = DEMO_TENANT): Promise<string[]> {
  const stored = (await bot.repos.benefits.get(tenantId, benefitId))?.value;
  if (stored?.category !== "visualStudio") throw new Error(`${benefitId} is not a stored Visual Studio subscription`);
  return stored.assignments.map((a) => a.userId);
}

export async function storedVersion(bot: TestBot, benefitId: string, tenantId = DEMO_TENANT): Promise<number | undefined> {
  return (await bot.repos.benefits.get(tenantId, benefitId))?.value.version;
}

/** What the person reads: card text with the Markdown escapes (added to typed text) removed. */
export function readable(turn: { allText(): string }): string {
  return turn.allText().replace(/\\(.)/g, "$1");
}
