// The bot-level view of linking: enrollment as bot/enrollment.ts runs it on a message, then the person's own question.
import { expect } from "chai";
import { TeamsInfo, TurnContext, type Activity } from "botbuilder";
import sinon from "sinon";
import { addDirectoryUser, assignVisualStudioSeat } from "../../../benefits";
import { enrollOnFirstContact } from "../../../bot/enrollment";
import { ALEX, DEMO_TENANT, startTestBot, type TestBot } from "../../support/botHarness";

const GRACE = "0f4b8c2e-2222-4a2b-9c3d-5e6f7a8b9c0d";
const GRACE_EMAIL = "grace.hopper@contoso.com";

function messageFrom(userId: string): Partial<Activity> {
  return {
    type: "message",
    text: "hi",
    channelId: "msteams",
    serviceUrl: "https://smba.example.test/",
    from: { id: `29:${userId}`, aadObjectId: userId, name: "Grace Hopper" },
    recipient: { id: "28:benefits-bot", name: "Benefits Bot" },
    conversation: { id: `a:${userId}`, tenantId: DEMO_TENANT, conversationType: "personal", isGroup: false, name: "" },
    channelData: { tenant: { id: DEMO_TENANT } },
  };
}

describe("enrollment in the bot: a person an admin added on the spot", () => {
  let bot: TestBot;

  before(async function () {
    this.timeout(60_000);
    bot = await startTestBot({ now: new Date("2026-03-10T12:00:00Z") });
  });
  after(async () => {
    await bot.stop();
  });
  afterEach(() => sinon.restore());

  it("shows the seat given to the placeholder in 'what's assigned to me' once the person's first message linked them", async () => {
    const admin = { tenantId: DEMO_TENANT, userId: ALEX };
    const placeholder = await addDirectoryUser(bot.deps, admin, { displayName: "Grace Hopper", email: GRACE_EMAIL });
    await assignVisualStudioSeat(bot.deps, admin, { benefitId: "vs-professional", userId: placeholder.id });
    expect((await bot.chat(GRACE).say("what's assigned to me")).allText()).not.to.contain("Visual Studio Professional");

    const getMember = sinon.stub(TeamsInfo, "getMember").resolves({ id: `29:${GRACE}`, name: "Grace Hopper", email: "Grace.Hopper@contoso.com" });
    const logs: string[] = [];
    const enroll = enrollOnFirstContact(bot.deps, [], (message) => logs.push(message));
    await enroll(new TurnContext(bot.adapter, messageFrom(GRACE)));
    await enroll(new TurnContext(bot.adapter, messageFrom(GRACE)));

    expect(logs).to.deep.equal([]);
    expect(getMember.callCount).to.equal(1);
    expect(await bot.repos.users.get(DEMO_TENANT, placeholder.id)).to.equal(undefined);
    const text = (await bot.chat(GRACE).say("what's assigned to me")).allText();
    expect(text).to.contain("What's assigned to you, Grace Hopper");
    expect(text).to.contain("Visual Studio Professional");
  });
});
