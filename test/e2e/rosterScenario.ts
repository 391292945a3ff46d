// Issue 9's "Done when": installing the bot in the demo team fills the directory from the team's roster, read from
// the Playground's own connector (it answers GET …/pagedmembers for its team with the people of its config).
import { fromCurrentUser } from "./customActivity";
import type { PlaygroundConfig } from "./playgroundConfig";
import type { Scenario } from "./scenarios";

const ADMIN = "Alex Wilber";

/** What Teams sends when the app is added to a team: an installationUpdate in the team's General channel. */
function teamInstall(config: PlaygroundConfig, playgroundUrl: string): Record<string, unknown> {
  const shape = {
    type: "installationUpdate",
    conversation: { id: config.teamId, conversationType: "channel", isGroup: true },
    channelData: { team: { id: config.teamId } },
    tenantId: config.tenantId,
    locale: "en-US",
  };
  return fromCurrentUser(config, playgroundUrl, shape, { action: "add" });
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
