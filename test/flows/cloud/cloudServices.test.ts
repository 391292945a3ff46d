import { expect } from "chai";
import type { CloudBenefit } from "../../../benefits";
import { ADELE, ALEX, DEMO_TENANT, startTestBot, type TestBot } from "../../support/botHarness";

const AZURE = "cloud-azure-usage";
const DYNAMICS = "cloud-dynamics-365-sales";

async function cloud(bot: TestBot, id: string): Promise<CloudBenefit> {
  const stored = await bot.repos.benefits.get(DEMO_TENANT, id);
  if (stored?.value.category !== "cloud") throw new Error(`${id} is not a stored cloud benefit`);
  return stored.value;
}

describe("cloud services flow", () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it("assigns a usage-based Azure subscription to the admin and points to the Azure portal", async () => {
    const chat = bot.chat(ALEX);
    const list = await chat.say("azure");
    expect(list.allText()).to.contain("Usage-based Azure subscription").and.contain("Dynamics 365 Sales");
    const detail = await chat.press(list.actions().find((a) => a.data.id === AZURE)!);
    expect(detail.allText()).to.contain("assign yourself");
    const done = await chat.press(detail.findAction("Assign to me"));
    expect(done.allText()).to.contain("is assigned to you").and.contain("https://portal.azure.com");
    expect(JSON.stringify(done.card())).to.contain('"type":"Action.OpenUrl"');
    expect((await cloud(bot, AZURE)).assignedTo?.userId).to.equal(ALEX);
  });

  it("assigns once when Assign to me is clicked twice", async () => {
    const chat = bot.chat(ALEX);
    const detail = await chat.click("cloud.open", { id: AZURE, version: 0 });
    await chat.press(detail.findAction("cloud.assignSelf"));
    const again = await chat.press(detail.findAction("cloud.assignSelf"));
    expect(again.allText()).to.contain("out of date");
    expect((await cloud(bot, AZURE)).version).to.equal(1);
    expect((await bot.repos.audit.recent(DEMO_TENANT, 20)).filter((e) => e.targetId === AZURE)).to.have.length(1);
  });

  it("re-renders the current state when Assign to me comes from an outdated card", async () => {
    const alexFirst = bot.chat(ALEX);
    const stale = await alexFirst.click("cloud.open", { id: AZURE, version: 0 });
    const other = bot.chat(ALEX);
    const fresh = await other.click("cloud.open", { id: AZURE, version: 0 });
    await other.press(fresh.findAction("cloud.assignSelf"));
    const turn = await alexFirst.press(stale.findAction("cloud.assignSelf"));
    expect(turn.cards).to.have.length(1);
    expect(turn.allText()).to.contain("out of date").and.contain("Assigned to Alex Wilber");
    expect((await cloud(bot, AZURE)).version).to.equal(1);
  });

  it("reveals the keys of a license-based subscription with its special instructions", async () => {
    const chat = bot.chat(ALEX);
    const detail = await chat.click("cloud.open", { id: DYNAMICS, version: 0 });
    expect(detail.allText()).not.to.contain("D365S-8VQ2K-R4TMX-J7HC9-P3WNB");
    const keys = await chat.press(detail.findAction("Get keys"));
    expect(keys.allText()).to.contain("D365S-8VQ2K-R4TMX-J7HC9-P3WNB").and.contain("Special instructions");
    expect((await cloud(bot, DYNAMICS)).keysRevealed?.by).to.equal(ALEX);
  });

  it("runs end to end in French", async () => {
    const chat = bot.chat(ALEX, { locale: "fr-FR" });
    const list = await chat.say("services cloud");
    expect(list.allText()).to.contain("Abonnement Azure à l'usage");
    const detail = await chat.press(list.actions().find((a) => a.data.id === AZURE)!);
    const done = await chat.press(detail.findAction("Me l'attribuer"));
    expect(done.allText()).to.contain("vous est attribué").and.contain("portail Azure");
    expect((await cloud(bot, AZURE)).assignedTo?.userId).to.equal(ALEX);
  });

  it("refuses an employee, naming the role and who holds it, and changes nothing", async () => {
    const chat = bot.chat(ADELE);
    expect((await chat.say("cloud")).allText()).to.contain("Global admin").and.contain("Alex Wilber");
    expect((await chat.click("cloud.open", { id: AZURE, version: 0 })).allText()).to.contain("Alex Wilber");
    expect((await cloud(bot, AZURE)).assignedTo).to.equal(undefined);
  });

  const forged: ReadonlyArray<[string, Record<string, unknown>]> = [
    ["a software product id", { id: "sw-windows-server", version: 0 }],
    ["another tenant's subscription id", { id: "other-cloud", version: 0 }],
  ];
  for (const [what, data] of forged) {
    it(`answers not found and changes nothing when the card carries ${what}`, async () => {
      await bot.repos.benefits.create({ ...(await cloud(bot, AZURE)), id: "other-cloud", tenantId: "0000aaaa-1111-2222-3333-444455556666", version: 0 });
      const turn = await bot.chat(ALEX).click("cloud.open", data);
      expect(turn.allText()).to.contain("couldn't find");
      expect(await bot.repos.audit.recent(DEMO_TENANT, 10)).to.have.length(0);
    });
  }
});
