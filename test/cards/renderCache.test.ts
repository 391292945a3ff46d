import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as ACData from "adaptivecards-templating";
import { expect } from "chai";
import type { CardTemplateName, CardTemplates } from "../../cards/cardTemplates";
import { formatDate, formatDateTime, formatDeadline } from "../../cards/dates";
import { renderCard } from "../../cards/render";

// Issue 12 item 3: templates are parsed once per process and formatters built once per language and zone. What a
// card or a date says must be exactly what a fresh template or a fresh formatter would say, render after render.

/** The card as a template built for this one render expands it, with the Action.Submit fallbacks added the plain way. */
function freshRender(name: CardTemplateName, data: unknown): unknown {
  const payload: unknown = JSON.parse(readFileSync(join(__dirname, "../../cards/templates", `${name}.json`), "utf8"));
  return withFallbacks(new ACData.Template(payload).expand({ $root: data }));
}

function withFallbacks(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withFallbacks);
  if (typeof node !== "object" || node === null) return node;
  const copy: Record<string, unknown> = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, withFallbacks(v)]));
  if (copy.type === "Action.Execute" && typeof copy.verb === "string" && copy.fallback === undefined) {
    const data = typeof copy.data === "object" && copy.data !== null ? copy.data : {};
    copy.fallback = { type: "Action.Submit", title: copy.title, data: { ...data, verb: copy.verb } };
  }
  return copy;
}

/** Both, as the JSON that is sent (undefined fields are not). */
function sent(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

const item = (n: number, verb: string) => ({ title: `Task ${n}`, description: `What task ${n} does`, example: `do ${n}`, button: `Start ${n}`, verb });

const HELP_A: CardTemplates["help"] = {
  title: "Hi Alex",
  intro: "Here is what you can do.",
  rolesLine: "Your roles: global admin",
  items: [item(1, "vs.assign"), item(2, "overview.show")],
  moreButton: "More",
  moreItems: [item(3, "history.show")],
  footer: "Type help at any time.",
};
const HELP_B: CardTemplates["help"] = { ...HELP_A, title: "Bonjour Adele", rolesLine: "", items: [item(9, "mine.show")], moreItems: [] };
const OVERVIEW: CardTemplates["overview"] = {
  title: "Your organization's benefits",
  showUnreachable: true,
  unreachable: "2 people can't be reached yet",
  rows: [
    { title: "Visual Studio", summary: "3 subscriptions, 4 of 10 seats used", open: true, button: "Open", verb: "overview.category", id: "visualStudio" },
    { title: "Software", summary: "Nothing yet", open: false, button: "Open", verb: "overview.category", id: "software" },
  ],
};
const NOTICE: CardTemplates["notice"] = { title: "", text: "Done: ${not an expression} stays text", tone: "attention" };

describe("card templates parsed once, rendered many times", () => {
  it("renders exactly what a template built for the render gives, Submit fallbacks included", () => {
    expect(sent(renderCard("help", HELP_A).content)).to.deep.equal(sent(freshRender("help", HELP_A)));
    expect(sent(renderCard("overview", OVERVIEW).content)).to.deep.equal(sent(freshRender("overview", OVERVIEW)));
    expect(sent(renderCard("notice", NOTICE).content)).to.deep.equal(sent(freshRender("notice", NOTICE)));
  });

  it("keeps nothing of one render in the next: other data, then the first data again, give their own cards", () => {
    const first = sent(renderCard("help", HELP_A).content);
    const other = sent(renderCard("help", HELP_B).content);
    const again = sent(renderCard("help", HELP_A).content);
    expect(other).to.deep.equal(sent(freshRender("help", HELP_B)));
    expect(other).not.to.deep.equal(first);
    expect(again).to.deep.equal(first);
    expect(JSON.stringify(other)).not.to.include("Task 1");
  });

  it("gives every Action.Execute a fallback that carries its verb", () => {
    const card = JSON.stringify(renderCard("overview", OVERVIEW).content);
    expect(card).to.include('"fallback":{"type":"Action.Submit","title":"Open","data":{"id":"visualStudio","verb":"overview.category"}}');
  });

  it("does not let a renderer change what a later render shows by editing a card it was given", () => {
    const card = renderCard("overview", OVERVIEW);
    const body = card.content.body;
    if (Array.isArray(body)) body.splice(0);
    expect(sent(renderCard("overview", OVERVIEW).content)).to.deep.equal(sent(freshRender("overview", OVERVIEW)));
  });
});

describe("date formatters built once per language and zone", () => {
  const moments = ["2026-03-29T00:59:59.000Z", "2026-03-29T01:00:00.000Z", "2026-10-25T00:00:00.000Z", "2027-01-01T23:30:00.000Z"];
  const readers = [
    { locale: "en" as const, intl: "en-US", zone: "UTC" },
    { locale: "fr" as const, intl: "fr-FR", zone: "UTC" },
    { locale: { language: "fr" as const, timeZone: "Europe/Paris" }, intl: "fr-FR", zone: "Europe/Paris" },
    { locale: { language: "en" as const, timeZone: "America/Los_Angeles" }, intl: "en-US", zone: "America/Los_Angeles" },
  ];

  it("says what a fresh Intl formatter says, whichever readers came before", () => {
    for (let pass = 0; pass < 2; pass++) {
      for (const reader of pass === 0 ? readers : [...readers].reverse()) {
        const label = typeof reader.locale === "string" ? " (UTC)" : "";
        for (const iso of moments) {
          const date = new Intl.DateTimeFormat(reader.intl, { dateStyle: "medium", timeZone: reader.zone }).format(new Date(iso));
          const dateTime = new Intl.DateTimeFormat(reader.intl, { dateStyle: "medium", timeStyle: "short", timeZone: reader.zone }).format(new Date(iso));
          expect(formatDate(reader.locale, iso)).to.equal(`${date}${label}`);
          expect(formatDateTime(reader.locale, iso)).to.equal(`${dateTime}${label}`);
        }
      }
    }
  });

  it("shows a deadline at midnight in the reader's zone as the day alone, and one at another time with its time", () => {
    const paris = { language: "fr" as const, timeZone: "Europe/Paris" };
    expect(formatDeadline(paris, "2026-10-24T22:00:00.000Z")).to.equal(formatDate(paris, "2026-10-24T22:00:00.000Z"));
    expect(formatDeadline(paris, "2026-10-25T00:00:00.000Z")).to.equal(formatDateTime(paris, "2026-10-25T00:00:00.000Z"));
    expect(formatDeadline("en", "2026-10-25T00:00:00.000Z")).to.equal(formatDate("en", "2026-10-25T00:00:00.000Z"));
  });
});
