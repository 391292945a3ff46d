import { expect } from "chai";
import { TurnContext } from "botbuilder";
import { createPrivateMessenger } from "../../bot/privateMessenger";
import { noticeCard } from "../../cards/notice";
import { startTestCosmos, type TestCosmos } from "../support/cosmos";
import { ConnectorStandIn } from "../notifications/support/connectorStandIn";
import { localAdapter, personalConversation } from "../notifications/support/notificationWorld";

const TENANT = "tenant-private-a";
const OTHER_TENANT = "tenant-private-b";

describe("bot/privateMessenger", () => {
  let cosmos: TestCosmos;
  let connector: ConnectorStandIn;
  const adapter = localAdapter();
  const messenger = () => createPrivateMessenger(cosmos.repositories, () => adapter, "", () => undefined);
  const turnIn = (tenantId: string) =>
    new TurnContext(adapter, { type: "message", channelId: "msteams", conversation: { id: "19:group", isGroup: true, conversationType: "groupChat", tenantId, name: "" } });

  before(async () => {
    cosmos = await startTestCosmos();
    connector = await ConnectorStandIn.start();
    await cosmos.repositories.conversations.create(personalConversation(TENANT, "adele", connector.url));
    const groupOnly = { ...personalConversation(TENANT, "lee", connector.url), id: "lee:group", conversationId: "19:group", conversationType: "groupChat" as const };
    await cosmos.repositories.conversations.create(groupOnly);
    await cosmos.repositories.conversations.create({ ...personalConversation(TENANT, "nestor", connector.url), locale: "fr", timeZone: "Europe/Paris" });
  });
  after(async () => {
    await connector.close();
    await cosmos.stop();
  });

  it("sends the card into the person's personal chat and returns where it went when they have one", async () => {
    const before = connector.posts.length;
    const sent = await messenger().sendToUser(turnIn(TENANT), "adele", noticeCard("private hello"));
    expect(sent).to.deep.equal({ conversationId: "a:personal-adele", activityId: `sent-${before + 1}` });
    const post = connector.posts[before];
    expect(post?.conversationId).to.equal("a:personal-adele");
    expect(JSON.stringify(post?.activity)).to.contain("private hello");
  });

  it("builds a card for someone else in the language and time zone stored from their own activities", async () => {
    const readers: unknown[] = [];
    const before = connector.posts.length;
    await messenger().sendToUser(turnIn(TENANT), "nestor", (reader) => {
      readers.push(reader);
      return noticeCard(reader === "en" ? "hello" : "bonjour");
    });
    await messenger().sendToUser(turnIn(TENANT), "adele", (reader) => {
      readers.push(reader);
      return noticeCard("x");
    });
    expect(readers).to.deep.equal([{ language: "fr", timeZone: "Europe/Paris" }, { language: "en" }]);
    expect(JSON.stringify(connector.posts[before]?.activity)).to.contain("bonjour");
  });

  it("returns undefined and sends nothing when the person has only a group conversation", async () => {
    const before = connector.posts.length;
    expect(await messenger().sendToUser(turnIn(TENANT), "lee", noticeCard("x"))).to.equal(undefined);
    expect(connector.posts.length).to.equal(before);
  });

  it("never reaches a person of another tenant than the turn's", async () => {
    const before = connector.posts.length;
    expect(await messenger().sendToUser(turnIn(OTHER_TENANT), "adele", noticeCard("x"))).to.equal(undefined);
    expect(connector.posts.length).to.equal(before);
  });

  it("replaces a sent card with a PUT to the same activity when updating", async () => {
    const sent = await messenger().sendToUser(turnIn(TENANT), "adele", noticeCard("first"));
    if (sent === undefined) throw new Error("expected a sent card");
    const updated = await messenger().updateCard(turnIn(TENANT), { userId: "adele", ...sent }, noticeCard("decided"));
    expect(updated).to.equal(true);
    const last = connector.posts[connector.posts.length - 1];
    expect(last?.method).to.equal("PUT");
    expect(JSON.stringify(last?.activity)).to.contain("decided");
  });

  it("refuses to update a card recorded for another conversation", async () => {
    const before = connector.posts.length;
    const updated = await messenger().updateCard(turnIn(TENANT), { userId: "adele", conversationId: "a:elsewhere", activityId: "1" }, noticeCard("x"));
    expect(updated).to.equal(false);
    expect(connector.posts.length).to.equal(before);
  });
});
