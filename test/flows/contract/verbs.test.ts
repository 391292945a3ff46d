import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { helpCard, SHOW_HELP_VERB } from "../../../cards/help";
import { NAVIGATION_VERBS } from "../../../cards/navigation";
import { CARD_VERBS } from "../../../cards/verbs";
import { ALL_FLOWS } from "../../../dialogs/flows";

const TEMPLATES = join(__dirname, "../../../cards/templates");

/** Every `verb` written in a card (an action's, or a fallback's). */
function verbsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(verbsIn);
  if (typeof node !== "object" || node === null) return [];
  const verb: unknown = Reflect.get(node, "verb");
  return [...(typeof verb === "string" ? [verb] : []), ...Object.values(node).flatMap(verbsIn)];
}

/** Literal verbs; those filled in from the card's data ("${verb}") come from the card families' verb modules. */
function literalVerbsIn(node: unknown): string[] {
  return verbsIn(node).filter((verb) => !verb.includes("${"));
}

const templates = readdirSync(TEMPLATES)
  .filter((f) => f.endsWith(".json"))
  .map((f) => ({ name: f.replace(/\.json$/, ""), literal: literalVerbsIn(JSON.parse(readFileSync(join(TEMPLATES, f), "utf8"))) }));

/** What answers a verb: the router (help), the flow steps (Back, Cancel), or a flow that starts on it or waits for it. */
const handled = new Set<string>([SHOW_HELP_VERB, NAVIGATION_VERBS.back, NAVIGATION_VERBS.cancel, ...ALL_FLOWS.flatMap((f) => [...f.startVerbs, ...f.answerVerbs])]);

/** The help card's buttons, for everyone's roles and both states of the reminders entry. */
function helpVerbs(): string[] {
  const entries = ALL_FLOWS.flatMap((f) => [false, true].map((muted) => ({ flowId: f.id, verb: f.startVerbs[0] ?? f.id, ...f.helpEntry?.({ type: "user", id: "u", tenantId: "t", version: 0, displayName: "U", email: "u@example.com", roles: ["globalAdmin"], remindersMuted: muted }) })));
  const card = helpCard("en", "U", ["globalAdmin"], entries);
  return literalVerbsIn(card.content);
}

describe("card verbs and the flows that handle them", () => {
  it("reads the verbs of every template, so the walk below is not empty", () => {
    expect(templates.length).to.be.greaterThan(30);
    expect(templates.flatMap((t) => t.literal)).to.include.members(["vs.addUser", "request.approve", "nav.back"]);
  });

  for (const template of templates) {
    it(`handles every verb written in the ${template.name} template`, () => {
      const unhandled = template.literal.filter((verb) => !handled.has(verb));
      expect(unhandled, `${template.name} sends verbs no flow handles`).to.deep.equal([]);
    });
  }

  it("handles every verb a card family can put on a card", () => {
    expect(CARD_VERBS.filter((verb) => !handled.has(verb))).to.deep.equal([]);
  });

  it("finds every verb a flow handles on some card: in a template, a card family's verbs, or the help card", () => {
    const onCards = new Set([...templates.flatMap((t) => t.literal), ...CARD_VERBS, ...helpVerbs()]);
    expect([...handled].filter((verb) => !onCards.has(verb))).to.deep.equal([]);
  });

  it("gives each start verb to one flow only, so a click can never start two tasks", () => {
    const starts = ALL_FLOWS.flatMap((f) => f.startVerbs);
    expect(starts.filter((verb, i) => starts.indexOf(verb) !== i)).to.deep.equal([]);
  });
});
