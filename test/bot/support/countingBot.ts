import { randomUUID } from "node:crypto";
import { TestAdapter, type Activity, type TurnContext } from "botbuilder";
import type { UseCaseDeps } from "../../../benefits";
import { startCountingCosmos, type CosmosRequest, type CountingCosmos } from "../../../bench/support/countingCosmos";
import { describeRequest } from "../../../bench/turns";
import type { BenefitsBot } from "../../../bot/benefitsBot";
import { composeBot } from "../../../bot/composeBot";
import { ConfirmedRecords, forgetConversations, recordConversations } from "../../../bot/conversationRecorder";
import { enrollOnFirstContact } from "../../../bot/enrollment";
import { connectCosmos, type CosmosConnection } from "../../../storage/cosmos";
import { CosmosBotStorage } from "../../../storage/cosmosBotStorage";
import { seedDemoTenant } from "../../../storage/demoSeed";
import { createRepositories } from "../../../storage/repositories";
import { collectTurn, type Turn, type TurnProcessor } from "../../support/botHarness";

/** What one turn asked of Cosmos DB, as the server saw it. */
export interface CountedTurn {
  readonly turn: Turn;
  readonly requests: readonly CosmosRequest[];
  /** method, path and query of each request, as the bench lists them. */
  readonly described: readonly string[];
}

/**
 * The bot composed as bot/index.ts composes it (enrollment and conversation records on every activity, bot state and
 * business data in Cosmos), behind a TestAdapter, on a Cosmos-protocol server that counts every request it answers.
 */
export class CountingBot implements TurnProcessor {
  readonly adapter = new TestAdapter();
  private last: CountedTurn | undefined;

  private constructor(
    readonly cosmos: CountingCosmos,
    readonly connection: CosmosConnection,
    readonly deps: UseCaseDeps,
    readonly bot: BenefitsBot,
  ) {}

  static async start(): Promise<CountingBot> {
    const cosmos = await startCountingCosmos();
    const connection = await connectCosmos({ endpoint: cosmos.endpoint, key: cosmos.key, httpsAgent: cosmos.newAgent(), databaseId: `count-${randomUUID()}` });
    const repos = createRepositories(connection.tenantData);
    const deps: UseCaseDeps = { repos, now: () => new Date(), newId: () => randomUUID() };
    await seedDemoTenant(repos, deps.now());
    const confirmed = new ConfirmedRecords();
    const enroll = enrollOnFirstContact(deps, [], () => undefined);
    const record = recordConversations(repos, deps.now, confirmed);
    const bot = composeBot({
      storage: new CosmosBotStorage(connection.botState),
      domain: deps,
      log: () => undefined,
      onActivity: async (context: TurnContext) => {
        await enroll(context);
        await record(context);
      },
      onUninstall: forgetConversations(repos, confirmed),
    });
    return new CountingBot(cosmos, connection, deps, bot);
  }

  async process(activity: Partial<Activity>): Promise<Turn> {
    const before = this.cosmos.requests.length;
    this.adapter.activeQueue.splice(0);
    await this.adapter.processActivity(activity, (context) => this.bot.run(context));
    const turn = collectTurn(this.adapter.activeQueue.splice(0));
    await this.cosmos.settled(before);
    const requests = this.cosmos.requests.slice(before);
    this.last = { turn, requests, described: requests.map(describeRequest) };
    return turn;
  }

  /** The Cosmos requests of the turn processed last. */
  lastTurn(): CountedTurn {
    if (this.last === undefined) throw new Error("no turn processed yet");
    return this.last;
  }

  async stop(): Promise<void> {
    this.connection.dispose();
    await this.cosmos.close();
  }
}
