import { randomUUID } from "node:crypto";
import type { TurnContext } from "botbuilder";
import { redeemExportLink, type UseCaseDeps } from "../benefits";
import { t } from "../cards/strings";
import { connectCosmos, type CosmosConnection } from "../storage/cosmos";
import { CosmosBotStorage } from "../storage/cosmosBotStorage";
import { seedDemoTenant } from "../storage/demoSeed";
import type { EmbeddedCosmos } from "../storage/embeddedCosmos";
import { createRepositories } from "../storage/repositories";
import { createAdapter } from "./adapter";
import { attachmentFiles } from "./attachmentDownload";
import { enrollOnFirstContact } from "./enrollment";
import { composeBot } from "./composeBot";
import { ConfigError, exportLinkBase, loadConfigFromProcess, type Config } from "./config";
import { createServer, listen } from "./server";
import { SendPacer } from "../benefits/notifications/pacer";
import { ConfirmedRecords, forgetConversations, recordConversations } from "./conversationRecorder";
import { createEventsHandler } from "./events";
import { createPrivateMessenger } from "./privateMessenger";
import { botCredentialFor, installForUser } from "./graphInstaller";
import { personalChatOpener } from "./personalChat";
import { sendCardTo } from "./proactive";
import { Scheduler } from "./scheduler";
import { createLogger, logTo, type Log, type Logger } from "./logger";
import { logCacheRewrite, logLaunch, type LaunchNote } from "./launch/launchNote";
import { stopGracefully } from "./shutdown";
import { DrainGate } from "./drain";
import { RosterPacer, realClock } from "./rosterPacer";
import { createRosterReader } from "./rosterReader";
import { TeamsPeopleSync } from "./rosterSync";

async function openStorage(config: Config, log: Log): Promise<{ cosmos: CosmosConnection; embedded?: EmbeddedCosmos }> {
  const c = config.cosmos;
  if (c.kind === "embedded") {
    // Loaded only here: the embedded server (its SQL parser, its certificate generator) was a fifth of the bot's
    // module loading at start, and a bot given COSMOS_ENDPOINT never needs it. A require, not import(): the tests run
    // this file through tsx's require hook, which a native import() bypasses.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
    const { startEmbeddedCosmos }: typeof import("../storage/embeddedCosmos") = require("../storage/embeddedCosmos");
    const embedded = await startEmbeddedCosmos();
    log(`No COSMOS_ENDPOINT: started the embedded Cosmos DB server at ${embedded.endpoint} (data lives in memory)`);
    const cosmos = await connectCosmos({ endpoint: embedded.endpoint, key: embedded.key, httpsAgent: embedded.httpsAgent, databaseId: c.database });
    return { cosmos, embedded };
  }
  if (c.kind === "accountKey") return { cosmos: await connectCosmos({ endpoint: c.endpoint, key: c.key, databaseId: c.database }) };
  return { cosmos: await connectCosmos({ endpoint: c.endpoint, useManagedIdentity: true, databaseId: c.database }) };
}

const CACHE_REWRITE_DELAY_MS = 10_000;

/** The composition root: config → Cosmos → stores → use-case deps → bot → adapter → server. */
async function main(launch: LaunchNote | undefined): Promise<void> {
  const config = loadConfigFromProcess();
  const logger = createLogger(config.logLevel);
  const log = logTo(logger);
  if (launch !== undefined) logLaunch(logger, launch);
  const { cosmos, embedded } = await openStorage(config, log);
  const repos = createRepositories(cosmos.tenantData);
  const domain: UseCaseDeps = { repos, now: () => new Date(), newId: () => randomUUID() };
  if (config.demoSeed) {
    const seeded = await seedDemoTenant(repos, domain.now());
    log(`Demo tenant ready (${JSON.stringify(seeded)})`);
  }
  // The adapter is built after the bot (its error handler clears the bot's dialogs), hence the deferred lookups.
  const privateMessenger = createPrivateMessenger(repos, () => adapter, config.microsoftApp.id, log);
  const people = new TeamsPeopleSync({
    domain,
    read: createRosterReader({ adapter: () => adapter, appId: config.microsoftApp.id, pacer: new RosterPacer(realClock()), log }),
    messenger: privateMessenger,
    options: { isBootstrapAdmin: (tenantId, userId) => config.bootstrapAdmins.some((a) => a.tenantId === tenantId && a.userId === userId) },
    log,
  });
  const confirmedRecords = new ConfirmedRecords();
  // Known once the server listens; export links made before then (none: no turn runs yet) would have no address.
  const own: { url?: string } = {};
  const bot = composeBot({
    storage: new CosmosBotStorage(cosmos.botState),
    domain,
    log,
    onActivity: allOf(enrollOnFirstContact(domain, config.bootstrapAdmins, log), recordConversations(repos, domain.now, confirmedRecords)),
    onUninstall: allOf(forgetConversations(repos, confirmedRecords), (context) => people.onUninstall(context)),
    privateMessenger,
    files: attachmentFiles({ localMode: config.localMode }),
    people,
    onRosterEvent: (context) => people.onRosterEvent(context),
    exportBaseUrl: () => exportLinkBase(config, own.url),
  });
  const adapter = createAdapter(config, {
    log,
    logger,
    errorText: (locale, afterAnswer) => t(locale, afterAnswer ? "common.error.afterAnswer" : "common.error.generic"),
    onTurnErrorCleanup: (context) => bot.clearDialog(context),
  });
  const events = createEventsHandler({ domain, secret: config.eventsSecret, allowedTenants: config.allowedTenants, log });
  if (config.eventsSecret === undefined) log("EVENTS_SECRET is not set: POST /api/events answers 401 to every request");
  const drain = new DrainGate();
  const server = createServer({ adapter, bot, localMode: config.localMode, ready: () => cosmos.ping(), log, events, exports: (token) => redeemExportLink(domain, token) });
  server.pre(drain.handler);
  const url = await listen(server, config.host, config.port);
  own.url = url;
  if (launch?.rewriteCache !== undefined) {
    const { rewriteCache } = launch;
    // Its createCachedData holds the event loop for about 100 ms: not while the first requests come in.
    setTimeout(() => void rewriteCache().then((rewrite) => logCacheRewrite(logger, launch, rewrite)), CACHE_REWRITE_DELAY_MS).unref();
  }
  logger.info({ url }, `Bot listening on ${url} (messages at ${url}/api/messages${config.localMode ? ", local mode: unsigned requests accepted on loopback" : ""})`);

  const scheduler = new Scheduler({
    domain,
    log,
    pacer: new SendPacer({ now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) }),
    send: (record, card) => sendCardTo(adapter, config.microsoftApp.id, record, card, domain.now),
    reach: personalChatOpener({ adapter, appId: config.microsoftApp.id, now: domain.now, install: graphInstall(config) }),
    intervalMs: config.schedulerIntervalMs,
    demoAutoActivateMs: config.localMode ? config.demoAutoActivateMs : 0,
    allowedTenants: config.allowedTenants,
  });
  scheduler.start();

  // A terminal's Ctrl-C reaches the bot twice under `npm start` (from the terminal and forwarded): stop once, and
  // keep the handler so the second signal does not kill the process mid-stop.
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "Stopping: new requests get 503, turns and the notification in progress finish");
    void stopGracefully({ drain, scheduler, server, cosmos, embedded, logger }).then((code) => process.exit(code));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

function graphInstall(config: Config) {
  const { proactiveInstall, baseUrl } = config.graph;
  if (proactiveInstall === false) return undefined;
  const options = { baseUrl, catalogAppId: proactiveInstall.catalogAppId, credentialFor: botCredentialFor(config.microsoftApp) };
  return (tenantId: string, userId: string) => installForUser(options, tenantId, userId);
}

function allOf(...hooks: ((context: TurnContext) => Promise<void>)[]): (context: TurnContext) => Promise<void> {
  return async (context) => {
    for (const hook of hooks) await hook(context);
  };
}

/** Starts the bot; a failure to start is written and ends the process with code 1. */
export function runBot(launch?: LaunchNote): void {
  main(launch).catch((error: unknown) => {
    // The configured level may be what failed to parse: a startup failure is always written.
    const logger: Logger = createLogger("info");
    if (error instanceof ConfigError) logger.fatal({ settings: error.settings }, error.message);
    else logger.fatal({ err: error }, "Benefits Bot failed to start");
    process.exit(1);
  });
}
