import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { ALEX, DEMO_TENANT, startTestBot, type TestBot } from "../../support/botHarness";
import { readable, seatHolders } from "./seatsSupport";

/** The inputs a Teams client checks before it sends any action of the card. */
function requiredInputs(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(requiredInputs);
  if (typeof node !== "object" || node === null) return [];
  const id: unknown = Reflect.get(node, "id");
  const here = Reflect.get(node, "isRequired") === true && typeof id === "string" ? [id] : [];
  return [...here, ...Object.values(node).flatMap(requiredInputs)];
}

describe("messages that say what is wrong", () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it("lets Add and continue through without a person picked: no input of the people card blocks it", async () => {
    const chat = bot.chat(ALEX);
    const people = await chat.click("vs.assign", { id: "vs-professional", version: 0 });
    expect(requiredInputs(people.card())).to.deep.equal([]);
    const confirm = await chat.press(people.findAction("vs.addUser"), { displayName: "Pradeep Gupta", email: "pradeep.gupta@contoso.com" });
    expect(readable(confirm)).to.include("pradeep.gupta@contoso.com");
  });

  it("names the field to fix when adding a user, and adds nobody", async () => {
    const chat = bot.chat(ALEX);
    const people = await chat.click("vs.assign", { id: "vs-professional", version: 0 });
    const before = (await bot.repos.users.list(DEMO_TENANT)).length;
    const noName = await chat.press(people.findAction("vs.addUser"), { displayName: " ", email: "p@contoso.com" });
    expect(readable(noName)).to.include("enter the person's full name");
    const badEmail = await chat.press(people.findAction("vs.addUser"), { displayName: "Pradeep Gupta", email: "not-an-email" });
    expect(readable(badEmail)).to.include("enter a valid work email address");
    expect(readable(badEmail)).to.include("Who gets a seat of Visual Studio Professional subscription?");
    expect((await bot.repos.users.list(DEMO_TENANT)).length).to.equal(before);
  });

  it("asks to pick a person when Next is pressed with nobody picked, and assigns nothing", async () => {
    const chat = bot.chat(ALEX);
    const people = await chat.click("vs.assign", { id: "vs-professional", version: 0 });
    const unpicked = await chat.press(people.findAction("vs.pickPeople"), { userId: "" });
    expect(readable(unpicked)).to.include("pick a person from the list");
    expect(await seatHolders(bot, "vs-professional")).to.deep.equal([]);
  });

  it("offers no dead-end hint on the technical benefit's people picker", async () => {
    const chat = bot.chat(ALEX);
    const people = await chat.click("technical.assign", { id: "tech-support-incidents", version: 0 });
    expect(people.allText()).to.include("Pick the user who will use this benefit.");
    expect(people.allText()).not.to.include("add user");
  });

  it("never uses a field's label as its error message, in any template", () => {
    const dir = join(__dirname, "../../../cards/templates");
    const labelled: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(walk);
        if (typeof node !== "object" || node === null) return;
        const label: unknown = Reflect.get(node, "label");
        if (label !== undefined && Reflect.get(node, "errorMessage") === label) labelled.push(`${file}: ${String(label)}`);
        Object.values(node).forEach(walk);
      };
      walk(JSON.parse(readFileSync(join(dir, file), "utf8")));
    }
    expect(labelled).to.deep.equal([]);
  });
});
