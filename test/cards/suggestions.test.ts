import { expect } from "chai";
import { closestCommands, commandsOf } from "../../cards/suggestions";
import { ALL_FLOWS } from "../../dialogs/flows";
import { MainDialog } from "../../dialogs/mainDialog";
import { UNREACHABLE_MESSENGER } from "../../dialogs/privateMessenger";
import { Responder } from "../../dialogs/responder";

// Flows reached only from a card's button (no typed intents) have no command to suggest.
const flowIds = ALL_FLOWS.filter((f) => f.intents.length > 0).map((f) => f.id);
const commands = commandsOf(flowIds);

describe("cards/suggestions", () => {
  it("offers only commands the router understands, in both languages, for every flow that can be typed", () => {
    // Built as composition builds it; only its intents are used here, so the domain is never called.
    const domain = { repos: undefined as never, now: () => new Date(), newId: () => "id" };
    const main = new MainDialog(ALL_FLOWS, { domain, messenger: UNREACHABLE_MESSENGER, respond: new Responder(domain) });
    expect(commands.filter((c) => !main.recognizesRequest(c.text)).map((c) => c.text)).to.deep.equal([]);
    for (const id of flowIds) {
      expect(commands.some((c) => c.flowId === id && c.language === "en"), id).to.equal(true);
      expect(commands.some((c) => c.flowId === id && c.language === "fr"), id).to.equal(true);
    }
  });

  const typos = [
    { locale: "en", typed: "histroy", first: "history" },
    { locale: "en", typed: "asign visual studio", first: "assign visual studio" },
    { locale: "en", typed: "techincal benefits", first: "technical benefits" },
    { locale: "en", typed: "marketing contcat", first: "marketing contact" },
    { locale: "fr", typed: "historiqe", first: "historique" },
    { locale: "fr", typed: "contact marketting", first: "contact marketing" },
    { locale: "fr", typed: "gerer les roles svp", first: "gérer les rôles" },
  ] as const;
  for (const { locale, typed, first } of typos) {
    it(`puts "${first}" first, among at most 3 from different tasks, when ${locale} types "${typed}"`, () => {
      const found = closestCommands(locale, typed, commands);
      expect(found[0]?.text).to.equal(first);
      expect(found.length).to.be.within(1, 3);
      expect(new Set(found.map((c) => c.flowId)).size).to.equal(found.length);
    });
  }

  for (const typed of ["please make me a sandwich", "xyzzy", "", "ok"]) {
    it(`suggests nothing for "${typed}", which is close to no command`, () => {
      expect(closestCommands("en", typed, commands)).to.deep.equal([]);
    });
  }
});
