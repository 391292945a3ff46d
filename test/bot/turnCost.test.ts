import { expect } from "chai";
import { conversationRecordId } from "../../bot/conversationRecorder";
import { ADELE, ALEX, DEMO_TENANT, LEE, NESTOR, TestChat } from "../support/botHarness";
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

  async function assignSeat(chat: TestChat, userId: string): Promise<string[][]> {
    const perTurn: string[][] = [];
    const picker = await chat.say("assign visual studio");
    perTurn.push([...bot.lastTurn().described]);
    const people = await chat.press(picker.findAction("vs.pickSubscription"), { subscriptionId: "vs-enterprise" });
    perTurn.push([...bot.lastTurn().described]);
    const confirm = await chat.press(people.findAction("vs.pickPeople"), { userId });
    perTurn.push([...bot.lastTurn().described]);
    const done = await chat.press(confirm.findAction("Assign"));
    perTurn.push([...bot.lastTurn().described]);
    expect(done.allText()).to.include("now has a seat");
    return perTurn;
  }

  it("assigns a Visual Studio seat in 4 turns and 16 requests, also when the previous change's audit entry is still pending", async () => {
    const chat = new TestChat(bot, ALEX, {});
    await chat.say("help");
    const first = await assignSeat(chat, LEE);
    // The second assignment finds the first one's entry in the subscription's outbox: its write copies it to the log.
    const second = await assignSeat(chat, NESTOR);
    for (const perTurn of [first, second]) {
      const all = perTurn.flat();
      for (const turn of perTurn) expect(turn.filter((r) => r.endsWith(`/docs/${ALEX}`)), turn.join("\n")).to.have.length.at.most(1);
      expect(all.filter((r) => r.includes("query plan")), "a query plan is the SDK's, asked beside each query").to.have.length.at.most(all.filter((r) => r.includes(" query «")).length);
      expect(perTurn.map((turn) => turn.length), all.join("\n")).to.deep.equal(PER_TURN);
      expect(all, all.join("\n")).to.have.length.at.most(ASSIGNMENT_BUDGET);
      expect(perTurn[2]?.filter((r) => r.includes("batch «Read Read Read»")), "the actor, the subscription and the person: one request").to.have.length(1);
    }
    const writes = (perTurn: string[][]) => (perTurn[3] ?? []).filter((r) => r.includes("/colls/tenantData/") && !r.includes("«Read"));
    expect(writes(first).map((r) => r.split(" ")[0])).to.deep.equal(["PUT"]);
    expect(writes(second).map((r) => r.replace(/^(\w+) .*?(batch «[^»]*»)?$/, "$1 $2").trim())).to.deep.equal(["POST batch «Create Replace»"]);
    const history = await bot.deps.repos.audit.recent(DEMO_TENANT, 50);
    const assignEntries = history.filter((e) => e.targetId === "vs-enterprise" && e.action === "visualStudio.assign").map((e) => e.after);
    expect(assignEntries, "each assignment once in the history, the pending one included").to.have.length(2);
    expect(await bot.deps.repos.pendingAudit.find(DEMO_TENANT)).to.deep.include({ id: "vs-enterprise", type: "benefit" });
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
 * 4 + 5 + 3 + 4, each turn reading its bot state first and writing it last (8 in all):
 * - the list: benefits and directory in one query, with the SDK's query plan beside it (2);
 * - the people card: the directory (query and plan, 2) and the subscription;
 * - the confirm card: the actor, the subscription and the person in one batch of point reads (1);
 * - Assign: the same batch (1), then the seat write, which carries this change's audit entry and copies the previous
 *   change's entry to the log in the same request (a transactional batch, 1). This change's entry waits in the outbox
 *   (the history shows it) until the next write of the subscription or the scheduler's sweep.
 */
const PER_TURN = [4, 5, 3, 4];
const ASSIGNMENT_BUDGET = 16;
