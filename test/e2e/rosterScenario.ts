// Issue 9's "Done when": installing the bot in the demo team fills the directory from the team's roster, read from
// the Playground's own connector (it answers GET …/pagedmembers for its team with the people of its config).
import { randomUUID } from "node:crypto";
import type { PlaygroundConfig } from "./playgroundConfig";
import type { Scenario } from "./scenarios";

const ADMIN = "Alex Wilber";

/** What Teams sends when the app is added to a team: an installationUpdate in the team's General channel. */
function teamInstall(config: PlaygroundConfig, playgroundUrl: string): Record<string, unknown> {
  const user = config.currentUser;
  return {
    type: "installationUpdate",
    action: "add",
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl: `${playgroundUrl}/_connector`,
    from: { id: user.id, aadObjectId: user.aadObjectId, name: user.name },
    recipient: { id: config.bot.id, name: config.bot.name },
    conversation: { id: config.teamId, conversationType: "channel", isGroup: true, tenantId: config.tenantId },
    channelData: { tenant: { id: config.tenantId }, team: { id: config.teamId } },
    locale: "en-US",
  };
}

export const rosterScenarios: readonly Scenario[] = [
  {
    name: "installing the bot in the demo team fills the directory from the team's roster",
    person: ADMIN,
    async run({ chat, config, playgroundUrl }) {
      await chat.sendCustomActivity(teamInstall(config, playgroundUrl));
      // The install read the team's roster: every demo person in it was recorded as listed by a roster (audited),
      // so a sync right after finds the one team and nothing new.
      await chat.say("history");
      await chat.waitForText(["Recent changes", "updated from a Teams roster"]);
      await chat.say("sync people");
      await chat.waitForMessage("People synced from 1 team or group chat: 0 added, 0 updated, 0 left.");
    },
  },
];
