import { expect } from "chai";
import { TestAdapter, TurnContext, type Activity } from "botbuilder";
import { conversationRecordId, forgetConversations, recordConversations } from "../../bot/conversationRecorder";
import { startTestCosmos, type TestCosmos } from "../support/cosmos";
import { idSchema } from "../../benefits";
import { freshTenantId, TestClock } from "./support/notificationWorld";

const USER = "0a0a0a0a-0000-4000-8000-000000000001";

describe("bot/conversationRecorder", () => {
  let cosmos: TestCosmos;
  let tenantId: string;
  let clock: TestClock;

  before(async () => {
    cosmos = await startTestCosmos();
  });
  after(async () => {
    await cosmos.stop();
  });
  beforeEach(() => {
    tenantId = freshTenantId();
    clock = new TestClock();
  });

  function turn(overrides: Partial<Activity> = {}): TurnContext {
    const activity: Partial<Activity> = {
      type: "message",
      id: `activity-${Math.random()}`,
      channelId: "msteams",
      serviceUrl: "https://smba.trafficmanager.net/emea/",
      locale: "en-US",
      from: { id: "29:user", name: "Megan", aadObjectId: USER },
      recipient: { id: "28:bot", name: "Benefits Bot" },
      conversation: { id: "a:1personal", conversationType: "personal", tenantId, isGroup: false, name: "" },
      ...overrides,
    };
    return new TurnContext(new TestAdapter(), activity);
  }
  const record = () => recordConversations(cosmos.repositories, clock.now);
  const stored = async () => cosmos.repositories.conversations.list(tenantId);

  it("stores the tenant, user, conversation, service URL, language and a reference without the message id", async () => {
    await record()(turn({ locale: "fr-FR" }));

    const [saved] = await stored();
    expect(saved.value).to.include({ tenantId, userId: USER, conversationId: "a:1personal", conversationType: "personal", serviceUrl: "https://smba.trafficmanager.net/emea/", locale: "fr" });
    expect(saved.value.reference).to.not.have.property("activityId");
    expect(saved.value.reference).to.have.nested.property("conversation.id", "a:1personal");
  });

  it("does not write again when the next message comes from the same conversation unchanged", async () => {
    await record()(turn());
    const [first] = await stored();
    clock.advance(60_000);

    await record()(turn());

    const [second] = await stored();
    expect(second.etag).to.equal(first.etag);
  });

  it("replaces the record with a new version when the service URL changes", async () => {
    await record()(turn());

    await record()(turn({ serviceUrl: "https://smba.trafficmanager.net/amer/" }));

    const [saved] = await stored();
    expect(saved.value.version).to.equal(1);
    expect(saved.value.serviceUrl).to.equal("https://smba.trafficmanager.net/amer/");
  });

  it("records the person's time zone from their own activity and a new version when it changes", async () => {
    await record()(turn({ localTimezone: "Europe/Paris" }));
    expect((await stored())[0]?.value).to.include({ timeZone: "Europe/Paris", version: 0 });

    await record()(turn({ localTimezone: "America/New_York" }));
    expect((await stored())[0]?.value).to.include({ timeZone: "America/New_York", version: 1 });
  });

  it("stores one record when two messages of a new conversation arrive at once", async () => {
    await Promise.all([record()(turn()), record()(turn()), record()(turn())]);

    expect(await stored()).to.have.length(1);
  });

  it("stores nothing when the activity has no Entra user or an invalid service URL", async () => {
    await record()(turn({ from: { id: "29:anonymous", name: "x" } }));
    await record()(turn({ serviceUrl: "not a url" }));

    expect(await stored()).to.deep.equal([]);
  });

  it("builds valid, deterministic ids from Teams channel thread ids", () => {
    const threadId = "19:abcdef@thread.tacv2;messageid=1700000000000";
    expect(idSchema.safeParse(conversationRecordId(USER, threadId)).success).to.equal(true);
    expect(conversationRecordId(USER, threadId)).to.equal(conversationRecordId(USER, threadId));
    expect(conversationRecordId(USER, threadId)).to.not.equal(conversationRecordId(USER, "19:abcdef@thread.tacv2"));
    expect(idSchema.safeParse(conversationRecordId("u".repeat(128), threadId)).success).to.equal(true);
  });

  it("forgets the conversation and its channel threads on uninstall, and keeps the person's other conversations", async () => {
    const team = "19:team@thread.tacv2";
    await record()(turn({ conversation: { id: team, conversationType: "channel", tenantId, isGroup: true, name: "" } }));
    await record()(turn({ conversation: { id: `${team};messageid=42`, conversationType: "channel", tenantId, isGroup: true, name: "" } }));
    await record()(turn());

    await forgetConversations(cosmos.repositories)(turn({ type: "installationUpdate", action: "remove", conversation: { id: team, conversationType: "channel", tenantId, isGroup: true, name: "" } }));

    expect((await stored()).map((r) => r.value.conversationId)).to.deep.equal(["a:1personal"]);
  });
});
