import { expect } from "chai";
import { z } from "zod";
import type { Benefit } from "../../benefits";
import { cardBytes, MAX_CARD_BYTES } from "../../cards/cardSize";
import { reassignFormCard } from "../../cards/leftHolder";
import { leftHoldersCard } from "../../cards/leftHolders";
import { aCloudBenefit, aPackage, aTechnicalBenefit, aUser, NOW } from "../benefits/fixtures";
import { adaptiveCardProblems } from "../support/adaptiveCardCheck";

const ROWS = 20;
const LONG = "Émilie Dupont-Lefèvre de la Tour d'Auvergne et des Environs";
const action = z.object({ verb: z.string(), data: z.object({ id: z.string() }).loose() }).loose();

function actionsIn(node: unknown): z.infer<typeof action>[] {
  if (Array.isArray(node)) return node.flatMap(actionsIn);
  if (typeof node !== "object" || node === null) return [];
  const here = action.safeParse(node);
  return [...(here.success ? [here.data] : []), ...Object.values(node).flatMap(actionsIn)];
}

const leavers = Array.from({ length: ROWS }, (_, i) => aUser(`gone-${i}`, ["employee"], { displayName: `${LONG} ${i}`, leftAt: "2026-11-01T00:00:00.000Z" }));
const admin = aUser("admin", ["globalAdmin"]);
const held: Benefit[] = leavers.map((u, i) =>
  i % 2 === 0
    ? aTechnicalBenefit(`tech-${i}`, "supportIncidents", { name: `Microsoft product support incidents, ${LONG} ${i}`, assignment: { userId: u.id, alternateEmail: "alt@fabrikam.example", state: "active", assignedAt: "2026-11-02T00:00:00.000Z", assignedBy: "admin" } })
    : aCloudBenefit(`azure-${i}`, "usage", { name: `Azure usage-based subscription, ${LONG} ${i}`, assignedTo: { userId: u.id, assignedAt: "2026-11-02T00:00:00.000Z" } }),
);
const context = (viewer = admin) => ({ now: NOW, packages: [aPackage("pkg-1", "2026-11-10T08:00:00.000Z")], users: [...leavers, admin], viewer });

describe("cards: Reassign and Remove on what people who left hold", () => {
  it("gives each row of the one-per-sync card its Reassign and Remove, and stays under the size limit with 20 long rows", () => {
    const card = leftHoldersCard("fr", held, context()).content;
    expect(cardBytes(card)).to.be.at.most(MAX_CARD_BYTES);
    expect(adaptiveCardProblems(card)).to.deep.equal([]);
    const verbs = actionsIn(card).filter((a) => a.verb.startsWith("holder."));
    // Rows the size guard had to cut are said to be cut ("… +N"); every row still shown keeps both buttons.
    const shown = new Set(verbs.map((a) => a.data.id));
    expect(shown.size).to.be.greaterThan(ROWS / 2);
    for (const id of shown) expect(verbs.filter((a) => a.data.id === id).map((a) => a.verb).sort()).to.deep.equal(["holder.reassign", "holder.remove"]);
  });

  it("shows no Reassign or Remove to someone who may not assign benefits", () => {
    const card = leftHoldersCard("en", held, context(aUser("mpn", ["mpnPartnerAdmin"]))).content;
    expect(actionsIn(card).filter((a) => a.verb.startsWith("holder."))).to.deep.equal([]);
  });

  it("keeps the reassign form under the size limit and searching as the admin types with 5,000 people", () => {
    const benefit = held[0];
    if (benefit?.category !== "technical") throw new Error("a technical benefit first");
    const card = reassignFormCard("en", benefit, leavers[0], { people: { mode: "search", count: 5_000 }, email: "", error: "" }).content;
    expect(cardBytes(card)).to.be.at.most(MAX_CARD_BYTES);
    expect(adaptiveCardProblems(card)).to.deep.equal([]);
    expect(JSON.stringify(card)).to.include('"choices.data":{"type":"Data.Query","dataset":"people"}');
  });
});
