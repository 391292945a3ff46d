import { randomUUID } from "node:crypto";
import type { CloudAdapter } from "botbuilder";
import type { ConversationRecord, Repositories, UseCaseDeps } from "../../../benefits";
import { SendPacer } from "../../../benefits/notifications/pacer";
import { createAdapter } from "../../../bot/adapter";
import type { NotifierDeps } from "../../../bot/notifier";
import type { InstallOutcome } from "../../../bot/graphInstaller";
import { personalChatOpener } from "../../../bot/personalChat";
import { sendCardTo } from "../../../bot/proactive";
import { Scheduler, type SchedulerDeps } from "../../../bot/scheduler";
import { conversationRecordId } from "../../../bot/conversationRecorder";
import { aPackage, aTechnicalBenefit, aUser, DAY_MS, NOW } from "../../benefits/fixtures";

export const ADMIN = "admin-1";
export const EMPLOYEE = "emp-1";

/** The test's clock: moves only when the test says so. */
export class TestClock {
  private at = NOW.getTime();
  readonly now = (): Date => new Date(this.at);
  advance(ms: number): void {
    this.at += ms;
  }
}

/** A fresh tenant id per test, so tests sharing one Cosmos database never see each other's documents. */
export function freshTenantId(): string {
  return `t-${randomUUID()}`;
}

/** A tenant with a package (so the scheduler walks it), an admin, and an employee whose technical benefit is active. */
export async function seedActivatedTenant(repos: Repositories, tenantId: string): Promise<void> {
  await repos.packages.create({ ...aPackage("pkg-1", new Date(NOW.getTime() - 5 * DAY_MS).toISOString()), tenantId });
  await repos.users.create({ ...aUser(ADMIN, ["globalAdmin"]), tenantId });
  await repos.users.create({ ...aUser(EMPLOYEE, ["employee"]), tenantId });
  await repos.benefits.create({
    ...aTechnicalBenefit("tech-1", "advisoryHours", {
      assignment: { userId: EMPLOYEE, alternateEmail: "emp@fabrikam.example", state: "active", assignedAt: NOW.toISOString(), assignedBy: ADMIN, activatedAt: NOW.toISOString() },
    }),
    tenantId,
  });
}

/** Where a person can be reached, as the recorder stores it after they talked to the bot in a personal chat. */
export function personalConversation(tenantId: string, userId: string, serviceUrl: string, locale: "en" | "fr" = "en"): ConversationRecord {
  const conversationId = `a:personal-${userId}`;
  return {
    type: "conversation",
    id: conversationRecordId(userId, conversationId),
    tenantId,
    version: 0,
    userId,
    conversationId,
    conversationType: "personal",
    serviceUrl,
    reference: {
      channelId: "msteams",
      serviceUrl,
      bot: { id: "28:benefits-bot", name: "Benefits Bot" },
      user: { id: `29:${userId}`, aadObjectId: userId },
      conversation: { id: conversationId, conversationType: "personal", tenantId },
    },
    locale,
    updatedAt: NOW.toISOString(),
  };
}

/** The production adapter in local mode (no app id: no token is fetched), as `npm start` runs it. */
export function localAdapter(): CloudAdapter {
  return createAdapter(
    { localMode: true, microsoftApp: { id: "", password: undefined, type: "MultiTenant", tenantId: undefined }, allowedTenants: [] },
    { log: () => undefined, errorText: () => "error" },
  );
}

export function domainFor(repos: Repositories, clock: TestClock): UseCaseDeps {
  return { repos, now: clock.now, newId: () => randomUUID() };
}

/** Sends through the real adapter; the pacer's waits move the test clock instead of taking real time. */
export function notifierFor(repos: Repositories, clock: TestClock, adapter: CloudAdapter, appId = ""): NotifierDeps {
  return {
    domain: domainFor(repos, clock),
    log: () => undefined,
    pacer: new SendPacer({ now: () => clock.now().getTime(), sleep: async (ms) => clock.advance(ms) }),
    send: (record, card) => sendCardTo(adapter, appId, record, card, clock.now),
  };
}

export function schedulerFor(repos: Repositories, clock: TestClock, adapter: CloudAdapter, options: Partial<SchedulerDeps> = {}): Scheduler {
  return new Scheduler({ ...notifierFor(repos, clock, adapter), intervalMs: 60_000, demoAutoActivateMs: 0, ...options });
}

/** As production wires it: people without a personal chat get one opened, and the app installed through `install` if given. */
export function reachingNotifierFor(
  repos: Repositories,
  clock: TestClock,
  adapter: CloudAdapter,
  install?: (tenantId: string, userId: string) => Promise<InstallOutcome>,
): NotifierDeps {
  return { ...notifierFor(repos, clock, adapter), reach: personalChatOpener({ adapter, appId: "", now: clock.now, install }) };
}
