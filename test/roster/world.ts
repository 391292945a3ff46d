import { randomUUID } from "node:crypto";
import { TurnContext, type CloudAdapter } from "botbuilder";
import type { UseCaseDeps } from "../../benefits";
import { createPrivateMessenger } from "../../bot/privateMessenger";
import { RosterPacer } from "../../bot/rosterPacer";
import { createRosterReader } from "../../bot/rosterReader";
import { TeamsPeopleSync } from "../../bot/rosterSync";
import { TestClock } from "../notifications/support/notificationWorld";

export const BOT_ACCOUNT = { id: "28:benefits-bot", name: "Benefits Bot" };

/** A team the bot is in: its id is the roster's, as Teams sends it in channelData. */
export function aTeam(): string {
  return `19:team-${randomUUID()}@thread.skype`;
}

/** A conversationUpdate in a team's General channel, as Teams posts it when members come or go. */
export function teamEvent(tenantId: string, teamId: string, serviceUrl: string, change: { added?: string[]; removed?: string[] }): Record<string, unknown> {
  return {
    type: "conversationUpdate",
    id: randomUUID(),
    channelId: "msteams",
    serviceUrl,
    from: { id: "29:someone", aadObjectId: "a1a1a1a1-0000-4000-8000-00000000ffff" },
    recipient: BOT_ACCOUNT,
    conversation: { id: teamId, conversationType: "channel", tenantId, isGroup: true, name: "" },
    channelData: { team: { id: teamId }, tenant: { id: tenantId } },
    ...(change.added === undefined ? {} : { membersAdded: change.added.map((id) => ({ id })) }),
    ...(change.removed === undefined ? {} : { membersRemoved: change.removed.map((id) => ({ id })) }),
  };
}

/** The sync as production wires it, over a real CloudAdapter in local mode; the pacer's waits move the test clock. */
export function peopleSyncFor(domain: UseCaseDeps, adapter: CloudAdapter, clock: TestClock, options: { bootstrap?: string[] } = {}): { sync: TeamsPeopleSync; logs: string[] } {
  const logs: string[] = [];
  const log = (message: string) => logs.push(message);
  const pacer = new RosterPacer({ now: () => clock.now().getTime(), sleep: async (ms) => clock.advance(ms) });
  const sync = new TeamsPeopleSync({
    domain,
    read: createRosterReader({ adapter: () => adapter, appId: "", pacer, log }),
    messenger: createPrivateMessenger(domain.repos, () => adapter, "", log),
    options: { isBootstrapAdmin: (_tenant, userId) => (options.bootstrap ?? []).includes(userId) },
    log,
  });
  return { sync, logs };
}

export function contextOf(adapter: CloudAdapter, activity: Record<string, unknown>): TurnContext {
  return new TurnContext(adapter, activity);
}

/** The most calls any sliding second holds (a window is [t, t + 1000) from each call). */
export function busiestSecond(times: readonly number[]): number {
  return Math.max(0, ...times.map((start) => times.filter((t) => t >= start && t < start + 1000).length));
}

export { RosterConnector, standInMember } from "../support/rosterConnector";
export { TestClock };
