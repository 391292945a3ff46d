import { assignCloudToSelf, assignTechnicalBenefit, type Benefit } from "../../../benefits";
import { aUser } from "../../benefits/fixtures";
import { ALEX, DEMO_TENANT, NESTOR, type TestBot } from "../../support/botHarness";

/** A global admin who activated the demo's usage-based Azure subscription, then left. */
export const GONE_ADMIN = "a1a1a1a1-0000-4000-8000-0000000000aa";
export const TECH = "tech-support-incidents";
export const AZURE = "cloud-azure-usage";
export const NESTOR_ALTERNATE = "nestor.private@fabrikam.example";

/** The person left the organization (what a roster sync records). */
export async function markLeft(bot: TestBot, userId: string): Promise<void> {
  const stored = await bot.repos.users.get(DEMO_TENANT, userId);
  if (stored === undefined) throw new Error(`no user ${userId}`);
  await bot.repos.users.replace({ ...stored.value, leftAt: "2026-11-01T00:00:00.000Z" }, stored.etag);
}

/** Nestor holds the support incidents (pending) and the departed admin the Azure subscription; both left. */
export async function heldByLeavers(bot: TestBot): Promise<void> {
  await assignTechnicalBenefit(bot.deps, { tenantId: DEMO_TENANT, userId: ALEX }, { benefitId: TECH, userId: NESTOR, alternateEmail: NESTOR_ALTERNATE });
  await bot.repos.users.create(aUser(GONE_ADMIN, ["globalAdmin"], { tenantId: DEMO_TENANT, displayName: "Pradeep Gupta", email: "pradeep.gupta@contoso.com" }));
  await assignCloudToSelf(bot.deps, { tenantId: DEMO_TENANT, userId: GONE_ADMIN }, { benefitId: AZURE });
  await markLeft(bot, NESTOR);
  await markLeft(bot, GONE_ADMIN);
}

export async function stored(bot: TestBot, benefitId: string, tenantId = DEMO_TENANT): Promise<Benefit> {
  const found = (await bot.repos.benefits.get(tenantId, benefitId))?.value;
  if (found === undefined) throw new Error(`no benefit ${benefitId}`);
  return found;
}

export async function holderOf(bot: TestBot, benefitId: string): Promise<string | undefined> {
  const b = await stored(bot, benefitId);
  if (b.category === "technical") return b.assignment?.userId;
  if (b.category === "cloud") return b.assignedTo?.userId;
  throw new Error(`${benefitId} has no single holder`);
}

export async function auditActions(bot: TestBot, count = 20): Promise<string[]> {
  return (await bot.repos.audit.recent(DEMO_TENANT, count)).map((e) => e.action);
}
