import { expect } from "chai";
import { conversationRecordId } from "../../bot/conversationRecorder";
import { ADELE, ALEX, DEMO_TENANT, LEE, TestChat } from "../support/botHarness";
import { CountingBot } from "./support/countingBot";

// Issue 12 item 2: what a steady turn asks of Cosmos DB (counts, not times). The person has talked to the bot before
// in this conversation, so first contact (enrollment, the conversation record's creation) is not what is counted.
describe("Cosmos requests per turn", function () {
  this.timeout(60_000);
  let bot: CountingBot;
  before(async function () {
    this.timeout(60_000);
    bot = await CountingBot.start();
  });
  after(async () => {
    await bot.stop();
  });

  async function steady(chat: TestChat, text: string): Promise<ReturnType<CountingBot["lastTurn"]>> {
    await chat.say(text);
    await chat.say(text);
    return bot.lastTurn();
  }

  it("help: the bot state and the person's roles, nothing else", async () => {
    const counted = await steady(new TestChat(bot, ALEX, {}), "help");
    expect(counted.turn.actions().length, "the help card shows Alex's tasks").to.be.greaterThan(3);
    expect(counted.described, counted.described.join("\n")).to.have.length.at.most(2);
    expect(counted.described.some((r) => r.includes(conversationRecordId(ALEX, "")))).to.equal(false);
  });

  it("what's assigned to me: at most 3, the list of the tenant in one query with no marketing-contact read", async () => {
    const counted = await steady(new TestChat(bot, ADELE, {}), "what's assigned to me");
    expect(counted.turn.allText()).to.include("Visual Studio Enterprise");
    expect(counted.described, counted.described.join("\n")).to.have.length.at.most(3);
    expect(counted.described.filter((r) => r.includes("marketing-contact"))).to.deep.equal([]);
  });

  it("overview: at most 3, the unreachable line included", async () => {
    const counted = await steady(new TestChat(bot, ALEX, {}), "benefits");
    expect(counted.turn.allText()).to.include("Visual Studio");
    expect(counted.described, counted.described.join("\n")).to.have.length.at.most(3);
  });

  it("reads the person once per turn at most, in each of the 4 turns of a Visual Studio assignment", async () => {
    const chat = new TestChat(bot, ALEX, {});
    await chat.say("help");
    const perTurn: string[][] = [];
    const picker = await chat.say("assign visual studio");
    perTurn.push([...bot.lastTurn().described]);
    const people = await chat.press(picker.findAction("vs.pickSubscription"), { subscriptionId: "vs-enterprise" });
    perTurn.push([...bot.lastTurn().described]);
    const confirm = await chat.press(people.findAction("vs.pickPeople"), { userId: LEE });
    perTurn.push([...bot.lastTurn().described]);
    const done = await chat.press(confirm.findAction("Assign"));
    perTurn.push([...bot.lastTurn().described]);
    expect(done.allText()).to.include("Lee Gu now has a seat");
    const all = perTurn.flat();
    for (const turn of perTurn) expect(turn.filter((r) => r.endsWith(`/docs/${ALEX}`)), turn.join("\n")).to.have.length.at.most(1);
    expect(all.filter((r) => r.includes("query plan")), "a query plan is the SDK's, asked beside each query").to.have.length.at.most(all.filter((r) => r.includes(" query «")).length);
    expect(all, all.join("\n")).to.have.length.at.most(ASSIGNMENT_BUDGET);
  });

  it("rewrites a conversation record it confirmed when the service URL changes, and reads none while nothing changes", async () => {
    const chat = new TestChat(bot, ADELE, {});
    const recordId = conversationRecordId(ADELE, chat.conversation);
    await chat.say("help");
    await chat.say("help");
    expect(bot.lastTurn().described.filter((r) => r.includes(recordId))).to.deep.equal([]);
    await chat.send({ type: "message", text: "help", serviceUrl: "https://smba.moved.example.test/emea/" });
    expect(bot.lastTurn().described.filter((r) => r.includes(recordId)).map((r) => r.split(" ")[0])).to.deep.equal(["GET", "PUT"]);
    const stored = await bot.deps.repos.conversations.get(DEMO_TENANT, recordId);
    expect(stored?.value.serviceUrl).to.equal("https://smba.moved.example.test/emea/");
    expect(stored?.value.version).to.equal(1);
  });
});

/**
 * 4 + 5 + 5 + 8: each turn reads and writes its bot state (8); the list turn reads benefits and directory in one query
 * (with the SDK's query plan beside it, 2); the people turn the directory (2) and the subscription; the confirm turn
 * the person, the subscription and Lee; Assign the person, Lee, the subscription, the seat write and its audit relay
 * (create + clearing the outbox). Issue 12 asks for 16: not reached (see bench/README.md).
 */
const ASSIGNMENT_BUDGET = 22;
