// Item 5: 1,000 due notifications to 1,000 people of one tenant, through the product's notifier and pacer, against a
// connector that throttles as Teams does. The floor is 1,000 / 50 per second = 20 s.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { Notification, Repositories, UseCaseDeps } from "../benefits";
import { SendPacer } from "../benefits/notifications/pacer";
import { sendDueNotifications } from "../bot/notifier";
import { sendCardTo } from "../bot/proactive";
import { localAdapter, personalConversation } from "../test/notifications/support/notificationWorld";
import { LimitingConnector } from "./support/limitingConnector";
import { round } from "./support/stats";

export interface PacingResult {
  readonly notifications: number;
  readonly sent: number;
  readonly seconds: number;
  readonly floorSeconds: number;
  readonly throttled: number;
}

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

export async function measurePacing(repos: Repositories, people: number): Promise<PacingResult> {
  const connector = await LimitingConnector.start();
  try {
    const tenantId = `bench-pacing-${randomUUID().slice(0, 8)}`;
    const now = new Date();
    const recipients = Array.from({ length: people }, (_, i) => `person-${i}`);
    // Recipients are decided again when sending: the offer must be active and each person one who hears about it
    // (an MPN partner admin), or the notifier rightly drops the notification instead of sending it.
    const year = new Date(now.getTime() + 365 * 86_400_000).toISOString();
    await repos.benefits.create({ type: "benefit", category: "goToMarket", id: "bench-benefit", tenantId, version: 0, packageId: "bench-package", name: "Marketing kit", level: "Gold Core", state: "active", activatedAt: now.toISOString(), expiresAt: year });
    await inBatches(recipients, 25, async (userId) => {
      await repos.users.create({ type: "user", id: userId, tenantId, version: 0, displayName: userId, email: `${userId}@bench.example`, roles: ["mpnPartnerAdmin"], remindersMuted: false });
      await repos.conversations.create({ ...personalConversation(tenantId, userId, `${connector.url}/`), updatedAt: now.toISOString() });
      const notification: Notification = {
        type: "notification",
        id: `bench-benefit:activated:${userId}`,
        tenantId,
        version: 0,
        benefitId: "bench-benefit",
        event: "activated",
        recipientId: userId,
        dueAt: new Date(now.getTime() - 1000).toISOString(),
        state: "planned",
        attempts: 0,
        facts: { benefitName: "Marketing kit", category: "goToMarket", activatedAt: now.toISOString(), expiresAt: year },
      };
      await repos.notifications.create(notification);
    });
    const domain: UseCaseDeps = { repos, now: () => new Date(), newId: () => randomUUID() };
    const adapter = localAdapter();
    const pacer = new SendPacer({ now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) });
    const start = performance.now();
    const report = await sendDueNotifications({ domain, pacer, log: () => undefined, send: (record, card) => sendCardTo(adapter, "", record, card, domain.now) }, tenantId);
    const seconds = (performance.now() - start) / 1000;
    return { notifications: people, sent: report.sent, seconds: round(seconds, 1), floorSeconds: people / 50, throttled: connector.throttled };
  } finally {
    await connector.close();
  }
}
