import { randomUUID } from "node:crypto";
import type https from "node:https";
import type { Container } from "@azure/cosmos";
import type { Repositories } from "../../benefits/ports";
import { connectCosmos } from "../../storage/cosmos";
import { startEmbeddedCosmos } from "../../storage/embeddedCosmos";
import { createRepositories } from "../../storage/repositories";

export interface TestCosmos {
  readonly tenantData: Container;
  readonly botState: Container;
  readonly repositories: Repositories;
  ping(): Promise<void>;
  /** What a second client (a restarted process) needs to reach the same data. */
  readonly connection: {
    readonly endpoint: string;
    readonly key: string;
    readonly httpsAgent: https.Agent;
    readonly databaseId: string;
    readonly certificatePem: string;
  };
  stop(): Promise<void>;
}

/** A real (embedded) Cosmos DB on a free loopback port with a database of its own. Call stop() in after(). */
export async function startTestCosmos(): Promise<TestCosmos> {
  const server = await startEmbeddedCosmos();
  const databaseId = `test-${randomUUID()}`;
  try {
    const cosmos = await connectCosmos({ endpoint: server.endpoint, key: server.key, httpsAgent: server.httpsAgent, databaseId });
    return {
      tenantData: cosmos.tenantData,
      botState: cosmos.botState,
      repositories: createRepositories(cosmos.tenantData),
      ping: () => cosmos.ping(),
      connection: { endpoint: server.endpoint, key: server.key, httpsAgent: server.httpsAgent, databaseId, certificatePem: server.certificatePem },
      async stop() {
        cosmos.dispose();
        await server.close();
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}
