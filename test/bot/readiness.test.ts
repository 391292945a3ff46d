import { randomUUID } from "node:crypto";
import { CosmosClient } from "@azure/cosmos";
import { expect } from "chai";
import { connectCosmos, type CosmosConnection } from "../../storage/cosmos";
import { startEmbeddedCosmos, type EmbeddedCosmos } from "../../storage/embeddedCosmos";
import { get, startBot, type RunningBot } from "../support/botHttp";

describe("GET /readyz while Cosmos DB goes away and comes back (real server, real SDK)", () => {
  let server: EmbeddedCosmos | undefined;
  let cosmos: CosmosConnection | undefined;
  let running: RunningBot | undefined;

  afterEach(async () => {
    await running?.close();
    cosmos?.dispose();
    await server?.close();
    running = cosmos = server = undefined;
  });

  it("answers 503 while the server is stopped and 200 again once it listens on the same port", async () => {
    const databaseId = `test-${randomUUID()}`;
    server = await startEmbeddedCosmos();
    const { port, certificate } = server;
    cosmos = await connectCosmos({ endpoint: server.endpoint, key: server.key, httpsAgent: server.httpsAgent, databaseId });
    const connection = cosmos;
    running = await startBot({ ready: () => connection.ping() });
    const readyz = `${running.url}/readyz`;
    expect(await get(readyz)).to.deep.equal({ status: 200, body: { status: "ready" } });

    await server.close();
    server = undefined;
    expect(await get(readyz)).to.deep.equal({ status: 503, body: { status: "not ready" } });

    server = await startEmbeddedCosmos({ port, certificate });
    // The embedded server keeps its data in memory: the database comes back the way a real account would still have it.
    const restorer = new CosmosClient({ endpoint: server.endpoint, key: server.key, agent: server.httpsAgent });
    await restorer.databases.createIfNotExists({ id: databaseId });
    restorer.dispose();
    expect(await get(readyz)).to.deep.equal({ status: 200, body: { status: "ready" } });
  });
});
