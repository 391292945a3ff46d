import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { NAVIGATION_VERBS } from "../../../cards/navigation";
import { ROLE_VERBS, rolesCard } from "../../../cards/roles";
import { ALEX, DEMO_TENANT, startTestBot, type TestBot } from "../../support/botHarness";

const TEMPLATES = join(__dirname, "../../../cards/templates");
/** Cards with inputs that are not a step of a task: an admin's approval card (the decline reason it opens is a form). */
const NOT_TASK_FORMS = ["benefitRequestAdmin"];
/** Cards that end a task: each offers where to go next. */
const RESULT_CARDS = ["technicalDone", "softwareDownloads", "offersDone", "cancelDone", "visualStudioDone", "marketingContactDone"];

function walk(node: unknown, visit: (obj: object) => void): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit));
  if (typeof node !== "object" || node === null) return;
  visit(node);
  Object.values(node).forEach((n) => walk(n, visit));
}

function template(name: string): { inputs: number; verbs: string[] } {
  const found = { inputs: 0, verbs: [] as string[] };
  walk(JSON.parse(readFileSync(join(TEMPLATES, `${name}.json`), "utf8")), (obj) => {
    const type: unknown = Reflect.get(obj, "type");
    if (typeof type === "string" && type.startsWith("Input.")) found.inputs += 1;
    const verb: unknown = Reflect.get(obj, "verb");
    if (type === "Action.Execute" && typeof verb === "string") found.verbs.push(verb);
  });
  return found;
}

const names = readdirSync(TEMPLATES)
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.replace(/\.json$/, ""));

describe("forms and result cards", () => {
  it("lets the admin leave the roles form with Cancel (its buttons come from the card's data)", () => {
    const card = rolesCard("en", []);
    const verbs: string[] = [];
    walk(card.content, (obj) => {
      const verb: unknown = Reflect.get(obj, "verb");
      if (Reflect.get(obj, "type") === "Action.Execute" && typeof verb === "string") verbs.push(verb);
    });
    expect(verbs).to.include(ROLE_VERBS.cancel);
  });

  for (const name of names.filter((n) => template(n).inputs > 0 && !NOT_TASK_FORMS.includes(n) && n !== "roles")) {
    it(`lets the person leave the ${name} form with Cancel`, () => {
      expect(template(name).verbs).to.include(NAVIGATION_VERBS.cancel);
    });
  }

  for (const name of RESULT_CARDS) {
    it(`offers a next step on the ${name} result card`, () => {
      expect(template(name).verbs.length).to.be.greaterThan(0);
    });
  }

  describe("Back on a form", () => {
    let bot: TestBot;
    beforeEach(async () => {
      bot = await startTestBot();
    });
    afterEach(async () => bot.stop());

    it("goes from an offer's expiry date back to the offers list, changing nothing", async () => {
      const chat = bot.chat(ALEX);
      // The premise: an offer whose activation was requested (written directly, as a fixture).
      const offer = await bot.repos.benefits.get(DEMO_TENANT, "gtm-silver-listing");
      if (offer === undefined || offer.value.category !== "goToMarket") throw new Error("the demo offer is missing");
      await bot.repos.benefits.replace({ ...offer.value, state: "pending", requestedAt: bot.deps.now().toISOString(), requestedBy: ALEX, version: 1 }, offer.etag);
      const list = await chat.say("offers");
      const markActive = list.actions().find((a) => a.verb === "offers.markActive");
      if (markActive === undefined) throw new Error("no Mark active on the pending offer");
      const dateCard = await chat.press(markActive);
      expect(dateCard.allText()).to.contain("Expires on");
      const back = await chat.press(dateCard.findAction(NAVIGATION_VERBS.back));
      expect(back.cards).to.have.length(1);
      expect(back.allText()).to.contain("Go-To-Market offers");
      expect(back.actions().some((a) => a.verb === "offers.markActive")).to.equal(true);
      const after = (await bot.repos.benefits.get(DEMO_TENANT, "gtm-silver-listing"))?.value;
      expect(after).to.include({ state: "pending", version: 1 });
      expect(await bot.repos.audit.recent(DEMO_TENANT, 10)).to.deep.equal([]);
    });

    it("goes from the software download choice back to the product card", async () => {
      const chat = bot.chat(ALEX);
      const list = await chat.say("get keys");
      const open = list.actions().find((a) => a.verb === "software.keys" && a.data.id !== undefined);
      if (open === undefined) throw new Error("no software to open");
      const product = await chat.press(open);
      const keys = await chat.press(product.findAction("Get keys"));
      const back = await chat.press(keys.findAction(NAVIGATION_VERBS.back));
      // Keys are revealed by now, so the product card offers to show them again.
      expect(back.actions().map((a) => a.verb)).to.include("software.reveal");
      expect(back.allText()).to.not.contain("Expires on");
    });

    it("stores nothing when the employee cancels the request form", async () => {
      const chat = bot.chat("a1a1a1a1-0000-4000-8000-000000000003");
      const pick = await chat.say("request a benefit");
      const canceled = await chat.press(pick.findAction(NAVIGATION_VERBS.cancel));
      expect(canceled.allText()).to.contain("Canceled");
      expect(await bot.repos.benefitRequests.list(DEMO_TENANT)).to.deep.equal([]);
    });
  });
});
