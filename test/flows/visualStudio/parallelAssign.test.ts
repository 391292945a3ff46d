import { randomUUID } from "node:crypto";
import { TestAdapter, type Activity } from "botbuilder";
import { expect } from "chai";
import { ALEX, DEMO_TENANT, startTestBot, type TestBot } from "../../support/botHarness";
import { seatHolders } from "./seatsSupport";

const SUBSCRIPTION = "vs-race";
const SEATS = 5;
const ADMINS = 50;

/** An Action.Execute click in one admin conversation, shaped as the harness's chats send it. */
function click(conversationId: string, verb: string, data: Record<string, unknown>): Partial<Activity> {
  return {
    type: "invoke",
    name: "adaptiveCard/action",
    value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
    channelId: "msteams",
    serviceUrl: "https://smba.example.test/",
    locale: "en-US",
    from: { id: `29:${ALEX}`, aadObjectId: ALEX, name: "Alex Wilber" },
    recipient: { id: "28:benefits-bot", name: "Benefits Bot" },
    conversation: { id: conversationId, tenantId: DEMO_TENANT, conversationType: "personal", isGroup: false, name: "" },
    channelData: { tenant: { id: DEMO_TENANT } },
  };
}

/**
 * Runs one turn on an adapter of its own: the harness serializes turns on its shared TestAdapter, so truly parallel
 * turns each need their own. Returns everything the bot sent, as JSON, for asserting on the words.
 */
async function runAlone(bot: TestBot, activity: Partial<Activity>): Promise<string> {
  const adapter = new TestAdapter();
  await adapter.processActivity(activity, (context) => bot.bot.run(context));
  return JSON.stringify(adapter.activeQueue.splice(0));
}

async function seedRace(bot: TestBot): Promise<string[]> {
  const template = (await bot.repos.benefits.get(DEMO_TENANT, "vs-enterprise"))?.value;
  if (template?.category !== "visualStudio") throw new Error("demo subscription missing");
  await bot.repos.benefits.create({ ...template, id: SUBSCRIPTION, name: "Race subscription", seats: SEATS, assignments: [], version: 0 });
  const userIds: string[] = [];
  for (let i = 0; i < ADMINS; i++) {
    const id = `race-user-${i}`;
    await bot.repos.users.create({ type: "user", id, tenantId: DEMO_TENANT, version: 0, displayName: `Race User ${i}`, email: `race.user${i}@contoso.com`, roles: ["employee"], remindersMuted: false });
    userIds.push(id);
  }
  return userIds;
}

describe("Visual Studio assignments confirmed in parallel", () => {
  let bot: TestBot;
  beforeEach(async function () {
    this.timeout(60_000);
    bot = await startTestBot();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it(`stores exactly ${SEATS} and tells the other ${ADMINS - SEATS} there is no free seat when ${ADMINS} Confirms on ${SEATS} free seats arrive at once`, async function () {
    this.timeout(120_000);
    const userIds = await seedRace(bot);
    const conversations = userIds.map(() => `a:${randomUUID()}`);
    for (const [i, conversationId] of conversations.entries()) {
      await bot.process(click(conversationId, "vs.assign", { id: SUBSCRIPTION, version: 0 }));
      const confirm = await bot.process(click(conversationId, "vs.pickPeople", { id: SUBSCRIPTION, version: 0, userId: userIds[i] }));
      expect(confirm.findAction("vs.confirm.assign").data).to.include({ id: SUBSCRIPTION, userId: userIds[i] });
    }

    const replies = await Promise.all(
      conversations.map((conversationId, i) => runAlone(bot, click(conversationId, "vs.confirm.assign", { id: SUBSCRIPTION, version: 0, userId: userIds[i] }))),
    );

    expect(await seatHolders(bot, SUBSCRIPTION)).to.have.length(SEATS);
    expect(replies.filter((sent) => sent.includes("There is no free seat left on this subscription"))).to.have.length(ADMINS - SEATS);
    expect(replies.filter((sent) => sent.includes("now has a seat"))).to.have.length(SEATS);
  });
});
