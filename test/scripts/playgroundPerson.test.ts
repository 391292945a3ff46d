import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { load } from "js-yaml";
import { z } from "zod";
import { StartUsageError, configForPerson, parseStartArguments } from "../../scripts/playgroundPerson.mjs";
import { playgroundConfig } from "../support/playgroundConfig";

const CONFIG_TEXT = readFileSync(path.resolve(__dirname, "../../.m365agentsplayground.yml"), "utf8");
const MEGAN = "a1a1a1a1-0000-4000-8000-000000000002";
const ALEX = "a1a1a1a1-0000-4000-8000-000000000001";

const person = z.object({ id: z.string(), name: z.string(), aadObjectId: z.string() }).loose();
const generatedConfig = z
  .object({
    tenantId: z.string(),
    currentUser: person,
    users: z.array(person),
    personalChat: z.object({ id: z.string() }),
    groupChat: z.object({ id: z.string() }).loose(),
    team: z.object({ id: z.string() }).loose(),
  })
  .loose();

function parsed(yaml: string): z.infer<typeof generatedConfig> {
  return generatedConfig.parse(load(yaml));
}

describe("scripts/playgroundPerson (npm start -- --as <name>)", () => {
  describe("parseStartArguments", () => {
    const accepted: [string[], { as?: string }][] = [
      [[], {}],
      [["--as", "megan"], { as: "megan" }],
      [["--as=Megan Bowen"], { as: "Megan Bowen" }],
    ];
    for (const [argv, expected] of accepted) {
      it(`reads ${JSON.stringify(expected)} when the arguments are ${JSON.stringify(argv)}`, () => {
        expect(parseStartArguments(argv)).to.deep.equal(expected);
      });
    }

    const refused: [string, string[]][] = [
      ["--as has no value", ["--as"]],
      ["--as is followed by another option", ["--as", "--verbose"]],
      ["--as is blank", ["--as="]],
      ["--as comes twice", ["--as", "megan", "--as", "lee"]],
      ["an argument is unknown", ["--user", "megan"]],
    ];
    for (const [when, argv] of refused) {
      it(`refuses with the usage line when ${when}`, () => {
        expect(() => parseStartArguments(argv)).to.throw(StartUsageError, /usage: npm start/);
      });
    }
  });

  describe("configForPerson", () => {
    for (const name of ["megan", "Megan Bowen", "MEGAN.BOWEN@contoso.com", "megan.bowen", MEGAN]) {
      it(`makes Megan the current user when asked for ${JSON.stringify(name)}`, () => {
        const generated = configForPerson(CONFIG_TEXT, name);

        expect(generated.person).to.deep.equal({ name: "Megan Bowen", aadObjectId: MEGAN });
        expect(parsed(generated.yaml).currentUser.aadObjectId).to.equal(MEGAN);
      });
    }

    it("writes a config the Playground's schema accepts for every demo person", () => {
      const everyone = playgroundConfig.parse(load(CONFIG_TEXT));

      for (const someone of [everyone.currentUser, ...everyone.users]) {
        expect(() => playgroundConfig.parse(load(configForPerson(CONFIG_TEXT, someone.name).yaml)), someone.name).not.to.throw();
      }
    });

    it("keeps the same tenant, group chat, team and five other people, the previous current user among them", () => {
      const original = parsed(CONFIG_TEXT);
      const generated = parsed(configForPerson(CONFIG_TEXT, "megan").yaml);

      expect(generated.tenantId).to.equal(original.tenantId);
      expect(generated.groupChat).to.deep.equal(original.groupChat);
      expect(generated.team).to.deep.equal(original.team);
      expect(generated.users.map((user) => user.aadObjectId)).to.have.length(5).and.include(ALEX).and.not.include(MEGAN);
      expect([generated.currentUser, ...generated.users]).to.have.deep.members([original.currentUser, ...original.users]);
    });

    it("gives each person a personal chat of their own and the file's current user the file's chat", () => {
      const original = parsed(CONFIG_TEXT).personalChat.id;
      const chats = ["alex", "megan", "lee"].map((name) => parsed(configForPerson(CONFIG_TEXT, name).yaml).personalChat.id);

      expect(chats[0]).to.equal(original);
      expect(new Set(chats).size).to.equal(3);
    });

    const refusals: [string, string, RegExp][] = [
      ["nobody has that name", "mallory", /nobody called "mallory".*Alex Wilber, Megan Bowen/],
      ["the name is the tenant id", parsed(CONFIG_TEXT).tenantId, /nobody called/],
    ];
    for (const [when, name, message] of refusals) {
      it(`refuses and lists the demo people when ${when}`, () => {
        expect(() => configForPerson(CONFIG_TEXT, name)).to.throw(StartUsageError, message);
      });
    }
  });
});
