import type https from "node:https";
import { Container, CosmosClient, Database } from "@azure/cosmos";
import { DefaultAzureCredential } from "@azure/identity";
import { withCosmosErrors } from "./cosmosErrors";

export const TENANT_DATA_CONTAINER = "tenantData";
export const BOT_STATE_CONTAINER = "botState";

export interface CosmosConnectionOptions {
  readonly endpoint: string;
  /** Account key. Without it the client signs in with DefaultAzureCredential (managed identity in Azure). */
  readonly key?: string;
  /** Says which of key or Entra ID is meant, so a half-written configuration fails instead of guessing. */
  readonly useManagedIdentity?: boolean;
  readonly databaseId: string;
  /** For the embedded server: an agent that trusts its certificate only. */
  readonly httpsAgent?: https.Agent;
}

export interface CosmosConnection {
  readonly client: CosmosClient;
  readonly database: Database;
  /** Business documents, partition key /tenantId. */
  readonly tenantData: Container;
  /** Bot dialog state only, partition key /id. */
  readonly botState: Container;
  /** Reads the database; rejects (coded UNAVAILABLE, NOT_FOUND...) when the store cannot serve. Backs GET /readyz. */
  ping(): Promise<void>;
  dispose(): void;
}

function createClient(opts: CosmosConnectionOptions): CosmosClient {
  if (opts.key !== undefined && opts.useManagedIdentity === true) {
    throw new Error("Cosmos: give either a key or useManagedIdentity, not both.");
  }
  if (opts.key === undefined && opts.useManagedIdentity === false) {
    throw new Error("Cosmos: no key and managed identity turned off: no way to authenticate.");
  }
  const credentials = opts.key !== undefined ? { key: opts.key } : { aadCredentials: new DefaultAzureCredential() };
  return new CosmosClient({
    endpoint: opts.endpoint,
    ...credentials,
    agent: opts.httpsAgent,
    connectionPolicy: {
      // A chat turn cannot wait the SDK's default 30 s of throttling retries: give up sooner and let the user retry.
      retryOptions: { maxRetryAttemptCount: 3, maxWaitTimeInSeconds: 5 },
    },
  });
}

/**
 * One client for the process, the database and both containers.
 * With Entra ID, creating a database or container is a control-plane operation the data-plane role cannot do:
 * there they must exist beforehand, and createIfNotExists then only reads them.
 */
export async function connectCosmos(opts: CosmosConnectionOptions): Promise<CosmosConnection> {
  const client = createClient(opts);
  try {
    const { database } = await withCosmosErrors(() => client.databases.createIfNotExists({ id: opts.databaseId }));
    const [tenantData, botState] = await Promise.all([
      // defaultTtl -1: TTL on with no default, so only documents carrying a `ttl` expire (settled notifications). An
      // existing container keeps its settings: infra/azuredeploy.json sets the same for Azure.
      withCosmosErrors(() => database.containers.createIfNotExists({ id: TENANT_DATA_CONTAINER, partitionKey: { paths: ["/tenantId"] }, defaultTtl: -1 })),
      withCosmosErrors(() => database.containers.createIfNotExists({ id: BOT_STATE_CONTAINER, partitionKey: { paths: ["/id"] } })),
    ]);
    return {
      client,
      database,
      tenantData: tenantData.container,
      botState: botState.container,
      async ping() {
        await withCosmosErrors(() => database.read());
      },
      dispose() {
        client.dispose();
      },
    };
  } catch (error) {
    client.dispose();
    throw error;
  }
}
