import { expect } from "chai";
import { connectCosmos } from "../../storage/cosmos";
import { startEmbeddedCosmos, type EmbeddedCosmos } from "../../storage/embeddedCosmos";

describe("connectCosmos", () => {
  let server: EmbeddedCosmos;
  before(async () => {
    server = await startEmbeddedCosmos();
  });
  after(async () => {
    await server.close();
  });

  it("creates tenantData partitioned by /tenantId and botState partitioned by /id when the database is new", async () => {
    const cosmos = await connectCosmos({ ...server, databaseId: "fresh" });
    const [tenantData, botState] = await Promise.all([cosmos.tenantData.read(), cosmos.botState.read()]);
    expect(tenantData.resource?.partitionKey?.paths).to.deep.equal(["/tenantId"]);
    expect(botState.resource?.partitionKey?.paths).to.deep.equal(["/id"]);
    cosmos.dispose();
  });

  it("keeps existing documents when connecting again to the same database", async () => {
    const first = await connectCosmos({ ...server, databaseId: "again" });
    await first.tenantData.items.create({ id: "kept", tenantId: "t1" });
    first.dispose();
    const second = await connectCosmos({ ...server, databaseId: "again" });
    const { resource } = await second.tenantData.item("kept", "t1").read();
    expect(resource?.id).to.equal("kept");
    second.dispose();
  });

  const refusedCredentials = [
    { when: "both a key and managed identity are asked for", key: "k", useManagedIdentity: true },
    { when: "there is no key and managed identity is turned off", key: undefined, useManagedIdentity: false },
  ];
  for (const { when, key, useManagedIdentity } of refusedCredentials) {
    it(`refuses to start when ${when}`, async () => {
      let refused: unknown;
      await connectCosmos({ endpoint: server.endpoint, key, useManagedIdentity, databaseId: "x" }).catch((error: unknown) => {
        refused = error;
      });
      expect(refused).to.be.instanceOf(Error);
    });
  }
});
