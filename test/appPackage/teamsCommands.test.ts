import { expect } from "chai";
import { MainDialog } from "../../dialogs/mainDialog";
import { ALL_FLOWS } from "../../dialogs/flows";
import { normalizeText } from "../../dialogs/flow";
import { interruptionIn } from "../../dialogs/interruptions";
import { MAX_COMMANDS_PER_SCOPE } from "../../scripts/appPackage/manifest";
import { TEAMS_COMMANDS, type CommandScope } from "../../scripts/appPackage/teamsCommands";

/** Where the router sends typed text: an interruption first, else the first flow whose intents match (its order). */
function routeOf(text: string): string | undefined {
  const interruption = interruptionIn(text);
  if (interruption !== undefined) return interruption;
  const normalized = normalizeText(text);
  return ALL_FLOWS.find((flow) => flow.intents.some((intent) => intent.test(normalized)))?.id;
}

describe("appPackage/teamsCommands", () => {
  const router = new MainDialog(ALL_FLOWS, async () => undefined);

  for (const command of TEAMS_COMMANDS) {
    for (const language of ["en", "fr"] as const) {
      const { title } = command[language];
      it(`routes the ${language} title "${title}" to ${command.flow} when a person clicks it`, () => {
        expect(routeOf(title)).to.equal(command.flow);
        if (command.flow !== "help") expect(router.recognizesRequest(title), title).to.equal(true);
      });
    }
  }

  it("names only flows the router has, or help", () => {
    const known = new Set(["help", ...ALL_FLOWS.map((flow) => flow.id)]);
    expect(TEAMS_COMMANDS.map((command) => command.flow).filter((flow) => !known.has(flow))).to.deep.equal([]);
  });

  it("fits Teams' limit of commands in every scope and lists each title once per scope", () => {
    for (const scope of ["personal", "team", "groupChat"] satisfies CommandScope[]) {
      const titles = TEAMS_COMMANDS.filter((command) => command.scopes.includes(scope)).map((command) => command.en.title);
      expect(titles.length, scope).to.be.within(1, MAX_COMMANDS_PER_SCOPE);
      expect(new Set(titles).size, scope).to.equal(titles.length);
    }
  });

  it("keeps titles short enough for the compose box (32 characters) in both languages", () => {
    const long = TEAMS_COMMANDS.flatMap((command) => [command.en.title, command.fr.title]).filter((title) => title.length > 32);
    expect(long).to.deep.equal([]);
  });
});
