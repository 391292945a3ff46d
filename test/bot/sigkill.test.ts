// Bot state survives a kill at any point of a flow: the bot runs as a child process on an embedded Cosmos server that
// this test owns (so the data outlives the child), is SIGKILLed after each step of the Visual Studio assign flow and in
// the middle of its final turn, right as the seat is written, and is started again each time. The next click either
// continues the flow, or says it is done, already done or out of date; no business document is half-written, and no change is left
// without its audit entry.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { sweepAuditOutbox } from "../../benefits/useCases/auditOutbox";
import { connectCosmos, type CosmosConnection } from "../../storage/cosmos";
import { startEmbeddedCosmos, type EmbeddedCosmos } from "../../storage/embeddedCosmos";
import { createRepositories } from "../../storage/repositories";
import type { Repositories } from "../../benefits";
import { ADELE, ALEX, DEMO_TENANT, LEE, TestChat, type Turn } from "../support/botHarness";
import { BotProcess, type BotProcessEnv } from "./support/botProcess";

const GENERIC_ERROR = "Sorry, something went wrong";
/** What the flow says when the card's action was already carried out (the seat rule, not the version, decides). */
const ANSWERS_TO_A_DONE_CLICK = ["out of date", "It is already assigned."];
const DONE = "Lee Gu now has a seat of Visual Studio Enterprise subscription.";

/** Every business document of the tenant, each parsed by its schema: a half-written one would throw here. */
async function readEverything(repos: Repositories): Promise<number> {
  const lists = await Promise.all([
    repos.users.list(DEMO_TENANT),
    repos.packages.list(DEMO_TENANT),
    repos.benefits.list(DEMO_TENANT),
    repos.marketingContacts.list(DEMO_TENANT),
    repos.serviceRequests.list(DEMO_TENANT),
    repos.benefitRequests.list(DEMO_TENANT),
  ]);
  return lists.reduce((n, l) => n + l.length, 0);
}

/** A chat whose bot can be swapped: the same person, the same conversation, across restarts. */
class RestartableBot {
  constructor(public current: BotProcess) {}
  process: BotProcess["process"] = (activity) => this.current.process(activity);
}

describe("bot state across a SIGKILL (child process, embedded Cosmos owned by the test)", function () {
  this.timeout(240_000);
  let dir: string;
  let cosmos: EmbeddedCosmos;
  let reader: CosmosConnection;
  let env: BotProcessEnv;
  /** Set by the test: called for each request the Cosmos server receives. */
  let watchRequest: (method: string, path: string) => void = () => undefined;

  before(async () => {
    cosmos = await startEmbeddedCosmos({ onRequest: (method, requestPath) => watchRequest(method, requestPath) });
    dir = await mkdtemp(path.join(os.tmpdir(), "benefits-sigkill-"));
    const certificateFile = path.join(dir, "embedded-cosmos.pem");
    await writeFile(certificateFile, cosmos.certificate.cert);
    env = { cosmosEndpoint: cosmos.endpoint, cosmosKey: cosmos.key, databaseId: `sigkill-${randomUUID()}`, certificateFile };
  });
  after(async () => {
    reader?.dispose();
    await cosmos.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("continues after a kill between steps, and after a kill while the seat is written says done or out of date, assigning once", async () => {
    const bot = new RestartableBot(await BotProcess.start(env));
    const restart = async () => {
      await bot.current.kill();
      bot.current = await BotProcess.start(env);
    };
    const chat = new TestChat(bot, ALEX, { name: "Alex Wilber" });
    const expectNoError = (turn: Turn, step: string) => expect(turn.allText(), step).not.to.include(GENERIC_ERROR);

    const picker = await chat.say("assign visual studio");
    expect(picker.allText()).to.include("Visual Studio Enterprise subscription");
    const people = await chat.press(picker.findAction("vs.pickSubscription"), { subscriptionId: "vs-enterprise" });
    expect(people.allText()).to.include("Who gets a seat of Visual Studio Enterprise subscription?");
    // Each start of the child costs seconds on a shared machine: one kill between steps, one in the middle of a turn.
    await restart();

    const confirm = await chat.press(people.findAction("vs.pickPeople"), { userId: LEE });
    expectNoError(confirm, "after the kill that followed the people picker");
    expect(confirm.allText(), "the flow continues where it was").to.include("Assign this seat?");

    // Killed the moment the seat's write reaches Cosmos: the write is one document, so it happened or it did not.
    const assign = confirm.findAction("vs.confirm.assign");
    const killedMidTurn = new Promise<void>((resolve) => {
      watchRequest = (method, requestPath) => {
        if (method === "PUT" && requestPath.endsWith("/docs/vs-enterprise")) {
          watchRequest = () => undefined;
          void bot.current.kill().then(resolve);
        }
      };
    });
    const interrupted = chat.press(assign).then(
      () => "answered",
      () => "connection lost",
    );
    await killedMidTurn;
    expect(await interrupted).to.equal("connection lost");
    bot.current = await BotProcess.start(env);

    const again = await chat.press(assign);
    expectNoError(again, "the click after the mid-write kill");
    const text = again.allText();
    const truthful = [DONE, ...ANSWERS_TO_A_DONE_CLICK].some((answer) => text.includes(answer));
    expect(truthful, `says done, already assigned or out of date; said: ${text}`).to.equal(true);

    reader = await connectCosmos({ endpoint: cosmos.endpoint, key: cosmos.key, httpsAgent: cosmos.httpsAgent, databaseId: env.databaseId });
    const repos = createRepositories(reader.tenantData);
    expect(await readEverything(repos)).to.be.greaterThan(0);
    const seat = (await repos.benefits.get(DEMO_TENANT, "vs-enterprise"))?.value;
    if (seat?.category !== "visualStudio") throw new Error("vs-enterprise is not stored as a Visual Studio subscription");
    expect(seat.assignments.map((a) => a.userId).sort()).to.deep.equal([ADELE, LEE].sort());
    // The scheduler's sweep (run here, since the child never ticks) finishes any relay the kill interrupted.
    await sweepAuditOutbox({ repos, now: () => new Date(), newId: () => randomUUID() }, DEMO_TENANT);
    const audited = (await repos.audit.recent(DEMO_TENANT, 100)).filter((e) => e.targetId === "vs-enterprise").map((e) => e.id);
    expect(audited).to.deep.equal([`audit:vs-enterprise:${seat.version}`]);
    await bot.current.kill();
  });
});
