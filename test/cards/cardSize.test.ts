import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { z } from "zod";
import { CARD_TEMPLATE_NAMES, type CardTemplateName } from "../../cards/cardTemplates";
import { cardBytes, fitCard, MAX_MESSAGE_BYTES } from "../../cards/cardSize";
import { renderCard } from "../../cards/render";
import { contactPickUserCard } from "../../cards/marketingContact";
import { peoplePicker } from "../../cards/people";
import { rolesCard } from "../../cards/roles";
import { technicalUserCard } from "../../cards/technical";
import { peopleCard, VS_VERBS } from "../../cards/visualStudio";
import { aTechnicalBenefit, aUser, aVisualStudioBenefit } from "../benefits/fixtures";
import { adaptiveCardProblems } from "../support/adaptiveCardCheck";

const TEMPLATES = join(__dirname, "../../cards/templates");
const PEOPLE = 5_000;
const BENEFITS = 500;
const jsonObject = z.record(z.string(), z.unknown());
const templateName = z.enum(CARD_TEMPLATE_NAMES as [CardTemplateName, ...CardTemplateName[]]);

// Lists a template repeats once per item in real data, whatever the directory's size (two people inputs, one picker).
const FIXED_LISTS: Readonly<Record<string, number>> = { pickers: 2 };
const NESTED_LIST = 3;
const SINGLE_OBJECTS = new Set(["picker"]);
const FUNCTIONS = new Set(["count", "if", "true", "false", "null"]);

type Scope = Record<string, unknown>;

/** A value shaped like the real ones, as long as a person's line in a big directory: "Person 4711 (person4711@…)". */
function text(path: string, index: number): string {
  return `${path} ${index} Émilie Dupont-Lefèvre (emilie.dupont-lefevre.${index}@contoso-international.example.com)`;
}

function child(scope: Scope, key: string, make: () => unknown): unknown {
  if (!(key in scope)) scope[key] = make();
  return scope[key];
}

/** Values a property only accepts from a set (a color, a container style): a real one, not text. */
const ENUM_VALUES: Readonly<Record<string, string>> = { color: "Default" };

/** Sets every name an expression reads to a long string (or a list for count()), without replacing what exists. */
function readNames(expression: string, scope: Scope, index: number): void {
  for (const match of expression.matchAll(/count\(\s*([A-Za-z_][\w.]*)\s*\)/g)) {
    const name = match[1] ?? "";
    if (!(name in scope)) scope[name] = [];
  }
  const names = expression.replace(/'[^']*'/g, "").match(/\$?[A-Za-z_][\w.]*/g) ?? [];
  for (const name of names) {
    if (FUNCTIONS.has(name) || name.startsWith("$root")) continue;
    const parts = name.split(".");
    let target = scope;
    for (const [i, part] of parts.entries()) {
      if (i === parts.length - 1) child(target, part, () => text(name, index));
      else target = jsonObject.parse(child(target, part, () => ({})));
    }
  }
}

/** Data for a template in which every repeated list has `size` items and every text is long: the worst case. */
function fill(node: unknown, scope: Scope, size: number, index: number): void {
  if (typeof node === "string") {
    for (const match of node.matchAll(/\$\{([^}]*)\}/g)) readNames(match[1] ?? "", scope, index);
    return;
  }
  if (Array.isArray(node)) {
    for (const item of node) fill(item, scope, size, index);
    return;
  }
  const obj = jsonObject.safeParse(node);
  if (!obj.success) return;
  for (const [key, value] of Object.entries(obj.data)) {
    const whole = typeof value === "string" ? /^\$\{([A-Za-z_]\w*)\}$/.exec(value)?.[1] : undefined;
    const enumValue = ENUM_VALUES[key];
    if (whole !== undefined && enumValue !== undefined && !(whole in scope)) scope[whole] = enumValue;
  }
  const { $data, ...rest } = obj.data;
  const listName = typeof $data === "string" ? /^\$\{([A-Za-z_][\w]*)\}$/.exec($data)?.[1] : undefined;
  if (listName === undefined) {
    for (const value of Object.values(rest)) fill(value, scope, size, index);
    return;
  }
  if (SINGLE_OBJECTS.has(listName)) {
    const item = jsonObject.parse(child(scope, listName, () => ({})));
    for (const value of Object.values(rest)) fill(value, item, size, index);
    return;
  }
  const count = FIXED_LISTS[listName] ?? size;
  const items: Scope[] = Array.from({ length: count }, () => ({}));
  items.forEach((item, i) => {
    // A list inside a list item (a row's buttons) stays short: only the outer lists grow with the data.
    for (const value of Object.values(rest)) fill(value, item, NESTED_LIST, i);
    // Inputs repeated per item need ids of their own, as real pickers have.
    if ("inputId" in item) item.inputId = `input${i}`;
  });
  scope[listName] = items;
}

function worstCaseData(name: string, size: number): Scope {
  const template: unknown = JSON.parse(readFileSync(join(TEMPLATES, `${name}.json`), "utf8"));
  const data: Scope = {};
  fill(template, data, size, 0);
  // A typeahead picker names its dataset; a static one leaves it empty (both variants are tried: see below).
  return data;
}

const choiceSetSchema = z.object({ type: z.literal("Input.ChoiceSet"), id: z.string(), choices: z.array(z.unknown()) }).loose();

function choiceSets(node: unknown): z.infer<typeof choiceSetSchema>[] {
  if (Array.isArray(node)) return node.flatMap(choiceSets);
  const obj = jsonObject.safeParse(node);
  if (!obj.success) return [];
  const here = choiceSetSchema.safeParse(obj.data);
  return [...(here.success ? [here.data] : []), ...Object.values(obj.data).flatMap(choiceSets)];
}

// renderCard takes each template's own data type; this test feeds generated worst-case data to every template alike.
const renderAny: (name: CardTemplateName, data: Scope) => { content: Record<string, unknown> } = renderCard as never;

describe("cards/cardSize", () => {
  describe("every card template rendered with 5,000 people and 500 benefits", () => {
    // Every list of every template holds 500 items at once (benefits, rows, facts, buttons): more than any real card
    // holds beside a list of benefits. Lists of people are the builders' (typeahead), checked with 5,000 below.
    for (const name of CARD_TEMPLATE_NAMES) {
      it(`keeps ${name} under 28 KB and a valid Adaptive Card 1.5 when each of its lists holds ${BENEFITS} items`, () => {
        const card = renderAny(templateName.parse(name), worstCaseData(name, BENEFITS)).content;
        expect(cardBytes(card)).to.be.at.most(MAX_MESSAGE_BYTES);
        expect(card.version).to.equal("1.5");
        expect(adaptiveCardProblems(card)).to.deep.equal([]);
      });
    }
  });

  describe("people cards with 5,000 people in the directory", () => {
    const people = Array.from({ length: PEOPLE }, (_, i) => aUser(`user-${i}`, ["userAdmin"], { displayName: `Émilie Dupont ${i}`, email: `emilie.dupont.${i}@contoso-international.example.com` }));
    const search = { mode: "search", count: PEOPLE } as const;
    const picker = (inputId: string) => peoplePicker({ inputId, label: "Person", placeholder: "Type", scope: { kind: "directory" }, toPick: search });
    const cases: [string, () => Record<string, unknown>][] = [
      ["the Visual Studio people card", () => peopleCard("en", { kind: "reassign", subscription: aVisualStudioBenefit("vs-1", 500), pickers: [picker("fromUserId"), picker("toUserId")], verb: VS_VERBS.pickPeople, addUser: false }).content],
      ["the support benefit's person card", () => technicalUserCard("en", aTechnicalBenefit("tech-1", "supportIncidents"), search).content],
      ["the marketing contact's person card", () => contactPickUserCard("fr", search, undefined, undefined).content],
      ["the roles card, every person holding a role", () => rolesCard("en", people, search).content],
    ];
    for (const [name, render] of cases) {
      it(`keeps ${name} under 28 KB, valid, with a typeahead instead of 5,000 choices`, () => {
        const card = render();
        expect(cardBytes(card)).to.be.at.most(MAX_MESSAGE_BYTES);
        expect(adaptiveCardProblems(card)).to.deep.equal([]);
        const inputs = choiceSets(card).filter((c) => c.id !== "role");
        expect(inputs).to.have.length.greaterThan(0);
        for (const input of inputs) {
          expect(input["choices.data"]).to.deep.equal({ type: "Data.Query", dataset: "people" });
          expect(input.choices).to.deep.equal([]);
        }
      });
    }

    it("lists the first role holders on the roles card and says how many more there are", () => {
      const text = JSON.stringify(rolesCard("en", people, search).content);
      expect(text).to.contain("Émilie Dupont 0");
      expect(text).to.match(/"value":"\+\d{3,4}"/);
    });
  });

  describe("fitCard", () => {
    const facts = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `Person ${i}`, value: text("role", i) }));
    const card = (n: number) => ({ type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: "Roles" }, { type: "FactSet", facts: facts(n) }] });

    it("returns a card that fits as it is", () => {
      const small = card(10);
      expect(fitCard(small)).to.deep.equal(small);
    });

    it("cuts the long list, says how many were left out, and keeps the rest of the card when it is over the limit", () => {
      const big = card(2_000);
      const fitted = fitCard(big, 20_000);
      expect(cardBytes(fitted)).to.be.at.most(20_000);
      const list = z.object({ body: z.tuple([z.object({ text: z.literal("Roles") }).loose(), z.object({ facts: z.array(z.object({ title: z.string(), value: z.string() })) }).loose()]) }).parse(fitted).body[1].facts;
      const last = list[list.length - 1];
      const kept = list.length - 1;
      expect(kept).to.be.greaterThan(10);
      expect(last).to.deep.equal({ title: "…", value: `+${2_000 - kept}` });
      expect(list.slice(0, kept)).to.deep.equal(facts(kept));
      expect(big.body[1]).to.have.property("facts").with.length(2_000);
    });

    it("shortens a single huge text when there is no list to cut", () => {
      const huge = { type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: "x".repeat(100_000), wrap: true }] };
      const fitted = fitCard(huge, 10_000);
      expect(cardBytes(fitted)).to.be.at.most(10_000);
      expect(JSON.stringify(fitted)).to.contain("xxxx…");
    });
  });
});
