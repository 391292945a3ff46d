import { expect } from "chai";
import { z } from "zod";
import type { DirectoryUser } from "../../../benefits";
import { aUser } from "../../benefits/fixtures";
import { ADELE, ALEX, DEMO_TENANT, LEE, startTestBot, type TestBot, type Turn } from "../../support/botHarness";
import { readable, seatHolders, storedVersion } from "./seatsSupport";

const OTHER_TENANT = "0b0b0b0b-1111-4222-8333-444444444444";
const choiceSet = z.object({ type: z.literal("Input.ChoiceSet"), id: z.string(), choices: z.array(z.object({ title: z.string(), value: z.string() })) }).loose();
const jsonObject = z.record(z.string(), z.unknown());

function choiceSets(node: unknown): z.infer<typeof choiceSet>[] {
  if (Array.isArray(node)) return node.flatMap(choiceSets);
  const obj = jsonObject.safeParse(node);
  if (!obj.success) return [];
  const here = choiceSet.safeParse(obj.data);
  return [...(here.success ? [here.data] : []), ...Object.values(obj.data).flatMap(choiceSets)];
}

function pickerOf(turn: Turn, id: string) {
  const found = choiceSets(turn.card()).filter((c) => c.id === id);
  expect(found, `one ${id} input`).to.have.length(1);
  return found[0] ?? expect.fail("no picker");
}

function employee(i: number, overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  return aUser(`emp-${i}`, ["employee"], { tenantId: DEMO_TENANT, displayName: `Employee ${String(i).padStart(2, "0")}`, email: `employee${i}@contoso.com`, ...overrides });
}

describe("Visual Studio people picker: inline or typeahead", () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it("lists the people inline, with no search, when the organization has at most 15 active people", async () => {
    // The demo's 6 people, plus 10 more of whom one left: 15 active people can be picked.
    for (let i = 0; i < 9; i++) await bot.repos.users.create(employee(i));
    await bot.repos.users.create(employee(99, { leftAt: "2026-10-01T00:00:00.000Z" }));
    const people = await bot.chat(ALEX).click("vs.assign", { id: "vs-enterprise", version: 0 });
    const picker = pickerOf(people, "userId");
    expect(picker).not.to.have.property("choices.data");
    expect(picker.choices).to.have.length(14);
    expect(picker.choices.map((c) => c.value), "Adele holds a seat; employee 99 left").to.not.include.members([ADELE, "emp-99"]);
  });

  it("searches as the admin types when there are more than 15 people, and assigns the person picked from the search", async () => {
    for (let i = 0; i < 20; i++) await bot.repos.users.create(employee(i));
    const chat = bot.chat(ALEX);
    const people = await chat.click("vs.assign", { id: "vs-enterprise", version: 0 });
    const picker = pickerOf(people, "userId");
    expect(picker["choices.data"]).to.deep.equal({ type: "Data.Query", dataset: "people/notHolding/vs-enterprise" });
    expect(picker.choices).to.deep.equal([]);
    expect(JSON.stringify(people.card()).length).to.be.below(8_000);
    const search = await chat.send({ type: "invoke", name: "application/search", value: { queryText: "employee 1", dataset: "people/notHolding/vs-enterprise", queryOptions: { skip: 0, top: 15 } } });
    const body = z.object({ value: z.object({ body: z.object({ value: z.object({ results: z.array(z.object({ title: z.string(), value: z.string() })) }) }) }) }).parse(search.activities[0]);
    const picked = body.value.body.value.results.find((r) => r.title.startsWith("Employee 12"));
    expect(picked?.value).to.equal("emp-12");
    const confirm = await chat.press(people.findAction("vs.pickPeople"), { userId: picked?.value ?? "" });
    expect(readable(confirm)).to.include("employee12@contoso.com");
    await chat.press(confirm.findAction("vs.confirm.assign"));
    expect(await seatHolders(bot, "vs-enterprise")).to.deep.equal([ADELE, "emp-12"]);
  });

  const forged: [string, string, (bot: TestBot) => Promise<void>][] = [
    ["a person of another organization", "fab-1", async (b) => void (await b.repos.users.create(aUser("fab-1", ["employee"], { tenantId: OTHER_TENANT })))],
    ["a person who left", "emp-left", async (b) => void (await b.repos.users.create(employee(0, { id: "emp-left", leftAt: "2026-10-01T00:00:00.000Z" })))],
    ["an id nobody has", "nobody-here", async () => undefined],
  ];
  for (const [what, userId, arrange] of forged) {
    it(`refuses a typeahead submit naming ${what}, says so, and assigns nothing`, async () => {
      await arrange(bot);
      const chat = bot.chat(ALEX);
      const people = await chat.click("vs.assign", { id: "vs-enterprise", version: 0 });
      const refused = await chat.press(people.findAction("vs.pickPeople"), { userId });
      expect(readable(refused)).to.include("that person isn't in your directory");
      expect(readable(refused)).not.to.include("Assign this seat?");
      expect(await seatHolders(bot, "vs-enterprise")).to.deep.equal([ADELE]);
      expect(await storedVersion(bot, "vs-enterprise")).to.equal(0);
    });
  }

  it("keeps the person picked before on the typeahead after Back, so the admin need not search again", async () => {
    for (let i = 0; i < 20; i++) await bot.repos.users.create(employee(i));
    const chat = bot.chat(ALEX);
    const people = await chat.click("vs.assign", { id: "vs-enterprise", version: 0 });
    const confirm = await chat.press(people.findAction("vs.pickPeople"), { userId: LEE });
    const back = await chat.press(confirm.findAction("nav.back"));
    const picker = pickerOf(back, "userId");
    expect(picker.value).to.equal(LEE);
    expect(picker.choices).to.deep.equal([{ title: "Lee Gu (lee.gu@contoso.com)", value: LEE }]);
  });
});
