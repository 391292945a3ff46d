import { ConversationState, TestAdapter } from "botbuilder";
import { expect } from "chai";
import { isBenefitsError } from "../../benefits/errors";
import { botStateDocumentId } from "../../storage/botStateDocumentId";
import { connectCosmos, type CosmosConnection } from "../../storage/cosmos";
import { CosmosBotStorage } from "../../storage/cosmosBotStorage";
import { startTestCosmos, type TestCosmos } from "../support/cosmos";

describe("CosmosBotStorage", () => {
  let cosmos: TestCosmos;
  let restarted: CosmosConnection;
  before(async () => {
    cosmos = await startTestCosmos();
    // A second client on the same database stands for the bot process after a restart.
    restarted = await connectCosmos({ ...cosmos.connection });
  });
  after(async () => {
    restarted.dispose();
    await cosmos.stop();
  });

  const storage = () => new CosmosBotStorage(cosmos.botState);
  const storageAfterRestart = () => new CosmosBotStorage(restarted.botState);

  const keys = [
    { when: "the key is 300 characters long", key: `msteams/conversations/${"a".repeat(278)}` },
    { when: "the key has '/'", key: "msteams/conversations/19:abc@thread.v2/" },
    { when: "the key has '?' and '#'", key: "msteams/users/29:x?y#z" },
    { when: "the key has '\\'", key: "msteams/users/back\\slash" },
  ];
  for (const { when, key } of keys) {
    it(`reads the state back from a new instance when ${when}`, async () => {
      await storage().write({ [key]: { dialogStack: [{ id: "main", state: { step: 2 } }] } });
      const items = await storageAfterRestart().read([key]);
      expect(Object.keys(items)).to.deep.equal([key]);
      expect(items[key].dialogStack).to.deep.equal([{ id: "main", state: { step: 2 } }]);
      expect(items[key].eTag).to.be.a("string");
    });
  }

  it("returns nothing for a key when it was never written", async () => {
    expect(await storage().read(["msteams/conversations/never"])).to.deep.equal({});
  });

  it("returns nothing when the document under the key's id holds another key's state", async () => {
    const key = "msteams/conversations/impostor";
    const id = botStateDocumentId(key);
    await cosmos.botState.items.create({ id, realId: "msteams/conversations/someone-else", document: { secret: 1 } });
    expect(await storage().read([key])).to.deep.equal({});
  });

  it("fails with CONFLICT and keeps the newer state when writing with a stale eTag", async () => {
    const key = "msteams/conversations/etag";
    await storage().write({ [key]: { count: 1 } });
    const { eTag: first } = (await storage().read([key]))[key];
    await storage().write({ [key]: { count: 2, eTag: first } });
    const error = await storage().write({ [key]: { count: 3, eTag: first } }).catch((e: unknown) => e);
    expect(isBenefitsError(error, "CONFLICT")).to.equal(true);
    expect((await storage().read([key]))[key].count).to.equal(2);
  });

  it("lets the last writer win when the eTag is '*' or absent", async () => {
    const key = "msteams/conversations/star";
    await storage().write({ [key]: { count: 1 } });
    await storage().write({ [key]: { count: 2, eTag: "*" } });
    expect((await storage().read([key]))[key].count).to.equal(2);
    await storage().write({ [key]: { count: 3 } });
    expect((await storage().read([key]))[key].count).to.equal(3);
  });

  it("accepts a second save of the same state object when it saved it once already", async () => {
    const key = "msteams/conversations/twice";
    await storage().write({ [key]: { count: 1 } });
    const state = (await storage().read([key]))[key];
    state.count = 2;
    await storage().write({ [key]: state });
    state.count = 3;
    await storage().write({ [key]: state });
    expect((await storage().read([key]))[key].count).to.equal(3);
  });

  it("fails with CONFLICT when the state was deleted since it was read", async () => {
    const key = "msteams/conversations/deleted";
    await storage().write({ [key]: { count: 1 } });
    const { eTag } = (await storage().read([key]))[key];
    await storage().delete([key]);
    const error = await storage().write({ [key]: { count: 2, eTag } }).catch((e: unknown) => e);
    expect(isBenefitsError(error, "CONFLICT")).to.equal(true);
    expect(await storage().read([key])).to.deep.equal({});
  });

  it("forgets the state when deleted, and resolves when deleting a key that was never written", async () => {
    const key = "msteams/conversations/gone";
    await storage().write({ [key]: { count: 1 } });
    await storage().delete([key, "msteams/conversations/never-written"]);
    expect(await storage().read([key])).to.deep.equal({});
  });

  it("carries ConversationState across a restart when a bot uses it", async () => {
    const runBot = (botStorage: CosmosBotStorage) => {
      const conversationState = new ConversationState(botStorage);
      const turns = conversationState.createProperty<number>("turns");
      return new TestAdapter(async (context) => {
        const count = (await turns.get(context, 0)) + 1;
        await turns.set(context, count);
        await context.sendActivity(`turn ${count}`);
        await conversationState.saveChanges(context);
      });
    };
    await runBot(storage()).send("hi").assertReply("turn 1").send("hi").assertReply("turn 2");
    await runBot(storageAfterRestart()).send("hi").assertReply("turn 3");
  });
});
