import net from "node:net";
import { expect } from "chai";
import { isBenefitsError } from "../../benefits/errors";
import { connectCosmos } from "../../storage/cosmos";
import { startEmbeddedCosmos, type EmbeddedCosmos } from "../../storage/embeddedCosmos";

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

async function expectUnavailable(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    expect(isBenefitsError(error, "UNAVAILABLE"), String(error)).to.equal(true);
    return isBenefitsError(error) ? { ...error.details } : {};
  }
  throw new Error("expected the connection to be refused");
}

describe("startEmbeddedCosmos", () => {
  const started: EmbeddedCosmos[] = [];
  const start = async (port?: number) => {
    const server = await startEmbeddedCosmos({ port });
    started.push(server);
    return server;
  };
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close()));
  });

  it("serves Cosmos over verified TLS on a free loopback port when started with defaults", async () => {
    const server = await start();
    expect(server.endpoint).to.match(/^https:\/\/127\.0\.0\.1:\d+$/);
    const cosmos = await connectCosmos({ ...server, databaseId: "tls-ok" });
    await cosmos.ping();
    cosmos.dispose();
  });

  it("listens on the given port when one is asked for", async () => {
    const port = await freePort();
    const server = await start(port);
    expect(server.endpoint).to.equal(`https://127.0.0.1:${port}`);
  });

  // TLS stays verified: a client that was not handed the agent (so trusts only the public CAs) is refused.
  it("refuses a client when the client does not trust the server's certificate", async () => {
    const server = await start();
    const details = await expectUnavailable(connectCosmos({ endpoint: server.endpoint, key: server.key, databaseId: "no-ca" }));
    expect(String(details.cause)).to.match(/SELF_SIGNED|CERT/);
  });

  it("refuses a client when the client trusts another server's certificate", async () => {
    const [first, second] = [await start(), await start()];
    await expectUnavailable(
      connectCosmos({ endpoint: second.endpoint, key: second.key, httpsAgent: first.httpsAgent, databaseId: "wrong-ca" }),
    );
  });

  it("stops answering when closed", async () => {
    const server = await startEmbeddedCosmos();
    const cosmos = await connectCosmos({ ...server, databaseId: "closing" });
    await server.close();
    await expectUnavailable(cosmos.ping());
    cosmos.dispose();
  });
});
