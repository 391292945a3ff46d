// The real bot whose business store is reached through the fault proxy, and the truth read straight from the server.
import { randomUUID } from "node:crypto";
import type { Container } from "@azure/cosmos";
import type { TurnContext } from "botbuilder";
import type { Benefit, BenefitRequest, DirectoryUser, UseCaseDeps } from "../../benefits";
import { benefitRequestSchema } from "../../benefits/requestTypes";
import { benefitSchema, directoryUserSchema } from "../../benefits/types";
import type { DocumentRepository, Repositories, TenantScoped } from "../../benefits/ports";
import type { PrivateMessenger } from "../../dialogs/privateMessenger";
import { RecordingMessenger } from "../flows/employees/support";
import { attachmentFiles } from "../../bot/attachmentDownload";
import { composeBot } from "../../bot/composeBot";
import { connectCosmos, type CosmosConnection } from "../../storage/cosmos";
import { CosmosBotStorage } from "../../storage/cosmosBotStorage";
import { seedDemoTenant } from "../../storage/demoSeed";
import { createRepositories } from "../../storage/repositories";
import { DEMO_TENANT, SwappableMessenger, TestBot } from "../support/botHarness";
import { startTestCosmos } from "../support/cosmos";
import { startFaultProxy, type FaultProxy } from "../support/faultProxy";

export interface FlakyBot {
  readonly bot: TestBot;
  readonly proxy: FaultProxy;
  /** One copy of the demo tenant per lane: lanes run side by side without touching each other's truth. */
  readonly tenants: readonly string[];
  /** Private cards sent in each tenant. */
  readonly messengers: ReadonlyMap<string, RecordingMessenger>;
  stop(): Promise<void>;
}

function laneTenant(lane: number): string {
  return `5f1d6c9e-7a43-4a8e-9b1c-0d2e3f4a${(0x5b00 + lane).toString(16)}`;
}

/** The demo tenant's starting documents, copied as they are into another tenant. */
export async function cloneDemoTenant(repos: Repositories, tenantId: string): Promise<void> {
  const copy = async <T extends TenantScoped>(repo: DocumentRepository<T>) => {
    for (const stored of await repo.list(DEMO_TENANT)) await repo.create({ ...stored.value, tenantId });
  };
  await copy(repos.users);
  await copy(repos.packages);
  await copy(repos.benefits);
  await copy(repos.marketingContacts);
  await copy(repos.adminSets);
}

/** Private cards go to the recording messenger of the tenant they were sent in. */
class MessengerByTenant implements PrivateMessenger {
  constructor(private readonly byTenant: ReadonlyMap<string, RecordingMessenger>) {}

  private of(context: TurnContext): RecordingMessenger {
    const found = this.byTenant.get(context.activity.conversation.tenantId ?? "");
    if (found === undefined) throw new Error("a private card from an unknown tenant");
    return found;
  }

  sendToUser(...args: Parameters<PrivateMessenger["sendToUser"]>): ReturnType<PrivateMessenger["sendToUser"]> {
    return this.of(args[0]).sendToUser(...args);
  }

  updateCard(...args: Parameters<PrivateMessenger["updateCard"]>): ReturnType<PrivateMessenger["updateCard"]> {
    return this.of(args[0]).updateCard(...args);
  }
}

/**
 * Both containers go through the faults: the business documents, and the dialog state (botState), whose read fails a
 * turn before anything is done and whose save fails it after the answer was sent (FAULTS_STATE=0 leaves it alone).
 */
const FAULTED = process.env.FAULTS_STATE === "0" ? /\/colls\/tenantData(\/|$)/ : /\/colls\/(tenantData|botState)(\/|$)/;

export async function startFlakyBot(seed: number, rate: number, now: Date, lanes: number, journal = false): Promise<FlakyBot> {
  const cosmos = await startTestCosmos();
  await seedDemoTenant(cosmos.repositories, now);
  const tenants = Array.from({ length: lanes }, (_, lane) => laneTenant(lane));
  for (const tenantId of tenants) await cloneDemoTenant(cosmos.repositories, tenantId);
  const messengers = new Map(tenants.map((tenantId) => [tenantId, new RecordingMessenger()]));
  const { endpoint, httpsAgent, key, databaseId } = cosmos.connection;
  const proxy = await startFaultProxy({ upstream: { endpoint, httpsAgent }, seed, rate, journal, eligible: (_method, path) => FAULTED.test(path) });
  let proxied: CosmosConnection | undefined;
  try {
    proxied = await connectCosmos({ endpoint: proxy.endpoint, key, httpsAgent: proxy.httpsAgent, databaseId });
    const deps: UseCaseDeps = { repos: createRepositories(proxied.tenantData), now: () => now, newId: () => randomUUID() };
    const logs: string[] = [];
    const messenger = new SwappableMessenger();
    messenger.target = new MessengerByTenant(messengers);
    const composed = composeBot({ storage: new CosmosBotStorage(proxied.botState), domain: deps, log: (line) => logs.push(line), privateMessenger: messenger, files: attachmentFiles({ localMode: true }) });
    const bot = new TestBot(cosmos, composed, deps, logs, messenger);
    const connection = proxied;
    return {
      bot,
      proxy,
      tenants,
      messengers,
      async stop() {
        connection.dispose();
        await proxy.close();
        await cosmos.stop();
      },
    };
  } catch (error) {
    proxied?.dispose();
    await proxy.close();
    await cosmos.stop();
    throw error;
  }
}

/** The tenant's business documents as the server holds them (pending audit entries are bookkeeping, left out). */
export interface Truth {
  readonly benefits: ReadonlyMap<string, Benefit>;
  readonly users: ReadonlyMap<string, DirectoryUser>;
  readonly requests: readonly BenefitRequest[];
  readonly serviceRequests: number;
  readonly contactUserId: string | undefined;
  /** Canonical JSON of everything above plus packages and contacts: equal strings, nothing changed. */
  readonly fingerprint: string;
}


const BUSINESS_TYPES = ["benefit", "user", "benefitRequest", "serviceRequest", "package", "marketingContact"];

/** One query for the whole tenant, straight from the server (the caller's container is never the proxied one). */
export async function readTruth(tenantData: Container, tenantId: string): Promise<Truth> {
  const query = { query: "SELECT * FROM c WHERE c.tenantId = @tenantId", parameters: [{ name: "@tenantId", value: tenantId }] };
  const { resources } = await tenantData.items.query<Record<string, unknown>>(query).fetchAll();
  const docs = resources.filter((d) => BUSINESS_TYPES.includes(String(d.type)));
  const content = docs.map((d) => {
    const { outbox: _pending, _etag, _ts, _rid, _self, _attachments, ...rest } = d;
    return rest;
  });
  // What a person can see: a write that was undone (a released claim) moves the version but changes nothing.
  const seen = content.map((d) => {
    const { version: _version, ...rest } = d;
    return rest;
  });
  const ofType = <T>(type: string, schema: { parse(value: unknown): T }) => content.filter((d) => d.type === type).map((d) => schema.parse(d));
  const benefits = ofType("benefit", benefitSchema);
  const users = ofType("user", directoryUserSchema);
  return {
    benefits: new Map(benefits.map((b) => [b.id, b])),
    users: new Map(users.map((u) => [u.id, u])),
    requests: ofType("benefitRequest", benefitRequestSchema),
    serviceRequests: content.filter((d) => d.type === "serviceRequest").length,
    contactUserId: content.filter((d) => d.type === "marketingContact").map((d) => String(d.userId))[0],
    fingerprint: JSON.stringify(seen.map((d) => JSON.stringify(d)).sort()),
  };
}
