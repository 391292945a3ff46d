import { readFileSync } from "node:fs";
import path from "node:path";
import { dump, load } from "js-yaml";
import { z } from "zod";
import { configForPerson } from "../../scripts/playgroundPerson.mjs";

const REPO_CONFIG = path.resolve(__dirname, "..", "..", ".m365agentsplayground.yml");

const personSchema = z.looseObject({ id: z.string(), name: z.string(), aadObjectId: z.string(), email: z.string() });
const configSchema = z.looseObject({
  tenantId: z.string(),
  bot: z.looseObject({ id: z.string(), name: z.string() }),
  currentUser: personSchema,
  users: z.array(personSchema),
  personalChat: z.looseObject({ id: z.string() }),
  groupChat: z.looseObject({ id: z.string() }),
  team: z.looseObject({ id: z.string(), channels: z.array(z.looseObject({ id: z.string() })) }),
});

export type PlaygroundPerson = z.infer<typeof personSchema>;

export interface PlaygroundConfig {
  /** The YAML the Playground reads from its working directory. */
  readonly yaml: string;
  readonly tenantId: string;
  readonly bot: { readonly id: string; readonly name: string };
  readonly currentUser: PlaygroundPerson;
  readonly personalChatId: string;
  /** The demo team's id (its General channel has the same id): where the roster scenario installs the bot. */
  readonly teamId: string;
}

/**
 * The Playground config as `npm start -- --as <personName>` writes it (the Playground has no user switcher), with
 * every conversation id made unique to `runId`: the ids come from this file, so reusing them would let dialog state
 * or conversation references of an earlier run leak into this one.
 */
export function playgroundConfigFor(personName: string, runId: string): PlaygroundConfig {
  const config = configSchema.parse(load(configForPerson(readFileSync(REPO_CONFIG, "utf8"), personName).yaml));
  const slug = `e2e-${runId}-${config.currentUser.aadObjectId.slice(-4)}`;
  const personalChatId = `a:${slug}-personal`;
  const generated = {
    ...config,
    personalChat: { ...config.personalChat, id: personalChatId },
    groupChat: { ...config.groupChat, id: `19:${slug}-group@thread.v2` },
    team: {
      ...config.team,
      id: `19:${slug}-team@thread.tacv2`,
      channels: config.team.channels.map((channel, index) => ({ ...channel, id: `19:${slug}-channel${index}@thread.tacv2` })),
    },
  };
  return { yaml: dump(generated), tenantId: config.tenantId, bot: config.bot, currentUser: config.currentUser, personalChatId, teamId: generated.team.id };
}
