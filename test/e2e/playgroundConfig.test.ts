import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { load } from "js-yaml";
import { z } from "zod";
import { playgroundConfigFor } from "./playgroundConfig";

const person = z.object({ id: z.string(), name: z.string(), aadObjectId: z.string() });
const config = z.object({
  tenantId: z.string(),
  currentUser: person,
  users: z.array(person),
  personalChat: z.object({ id: z.string() }),
  groupChat: z.object({ id: z.string() }),
  team: z.object({ id: z.string(), channels: z.array(z.object({ id: z.string() })) }),
});

const repoConfig = config.parse(load(readFileSync(path.resolve(__dirname, "..", "..", ".m365agentsplayground.yml"), "utf8")));
const conversationIds = (parsed: z.infer<typeof config>) => [
  parsed.personalChat.id,
  parsed.groupChat.id,
  parsed.team.id,
  ...parsed.team.channels.map((channel) => channel.id),
];

describe("e2e: the generated Agents Playground config", () => {
  it("chats as the person asked for, with the same six people and 5 others, as the Playground's schema wants", () => {
    const generated = config.parse(load(playgroundConfigFor("Lee Gu", "run1").yaml));
    const names = (parsed: z.infer<typeof config>) => [parsed.currentUser, ...parsed.users].map((user) => user.name);

    expect(generated.currentUser.name).to.equal("Lee Gu");
    expect(generated.users).to.have.length(5);
    expect(generated.users.map((user) => user.name)).to.not.include("Lee Gu");
    expect(names(generated)).to.have.members(names(repoConfig));
    expect(generated.tenantId).to.equal(repoConfig.tenantId);
  });

  it("gives every conversation an id of its own per run and per person, so no earlier dialog state is found", () => {
    const ids = [
      ...conversationIds(config.parse(load(playgroundConfigFor("Alex Wilber", "run1").yaml))),
      ...conversationIds(config.parse(load(playgroundConfigFor("Lee Gu", "run1").yaml))),
      ...conversationIds(config.parse(load(playgroundConfigFor("Lee Gu", "run2").yaml))),
      ...conversationIds(repoConfig),
    ];

    expect(new Set(ids).size).to.equal(ids.length);
  });

  it("reports the personal chat id it wrote", () => {
    const generated = playgroundConfigFor("Alex Wilber", "run3");

    expect(config.parse(load(generated.yaml)).personalChat.id).to.equal(generated.personalChatId);
  });

  it("refuses a person the demo tenant does not have", () => {
    expect(() => playgroundConfigFor("Nobody Here", "run1")).to.throw(/nobody called "Nobody Here"/);
  });
});
