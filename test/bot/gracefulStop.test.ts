import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { expect } from "chai";
import { z } from "zod";
import { shardLeaseId } from "../../benefits/notifications/lease";
import { SYSTEM_PARTITION } from "../../benefits/notificationTypes";
import { connectCosmos, type CosmosConnection } from "../../storage/cosmos";
import { startEmbeddedCosmos, type EmbeddedCosmos } from "../../storage/embeddedCosmos";
import { createRepositories } from "../../storage/repositories";
import { post, teamsMessage } from "../support/botHttp";

const ROOT = path.resolve(__dirname, "../..");
/** Far above the 8 s the bot gives itself, far below anything a host would wait: only a hung process fails it. */
const EXIT_BOUND_MS = 20_000;
const logLine = z.object({ msg: z.string(), url: z.string().optional(), clean: z.boolean().optional() }).loose();

/** The Bot Framework connector's side: answers every call, but holds the first reply until the test lets it go. */
class HoldingConnector {
  readonly url: string;
  private releaseHeld!: () => void;
  private readonly held = new Promise<void>((resolve) => (this.releaseHeld = resolve));
  private receivedFirst!: () => void;
  readonly firstReplyArrived = new Promise<void>((resolve) => (this.receivedFirst = resolve));
  private replies = 0;

  private constructor(private readonly server: http.Server) {
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on("request", (req, res) => this.handle(req, res));
  }

  static async start(): Promise<HoldingConnector> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return new HoldingConnector(server);
  }

  release(): void {
    this.releaseHeld();
  }

  close(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.resume();
    req.on("end", () => {
      const isReply = req.method === "POST" && /\/activities(\/|$)/.test(req.url ?? "");
      const answer = () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id: `reply-${randomUUID()}` }));
      };
      if (!isReply || this.replies++ > 0) return answer();
      this.receivedFirst();
      void this.held.then(answer);
    });
  }
}

/** The bot as `node` runs it (through tsx), with its stdout read line by line. */
class BotProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<number | null>;
  private waiters: { test: (entry: z.infer<typeof logLine>) => boolean; resolve: (entry: z.infer<typeof logLine>) => void }[] = [];

  constructor(readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
    if (child.stdout === null) throw new Error("no stdout");
    createInterface({ input: child.stdout }).on("line", (line) => {
      this.lines.push(line);
      const entry = logLine.safeParse(JSON.parse(line));
      if (!entry.success) return;
      for (const waiter of this.waiters.filter((w) => w.test(entry.data))) waiter.resolve(entry.data);
    });
  }

  /** The first line (from now on) whose message starts with `prefix`. */
  nextLine(prefix: string): Promise<z.infer<typeof logLine>> {
    return new Promise((resolve) => this.waiters.push({ test: (entry) => entry.msg.startsWith(prefix), resolve }));
  }
}

describe("graceful stop on SIGTERM (the bot as a child process, real Cosmos)", function () {
  // A cold tsx start of the whole bot on a busy 2-core machine.
  this.timeout(120_000);

  let cosmosServer: EmbeddedCosmos;
  let cosmos: CosmosConnection;
  let connector: HoldingConnector;
  let directory: string;
  let bot: BotProcess | undefined;

  before(async () => {
    cosmosServer = await startEmbeddedCosmos();
    directory = mkdtempSync(path.join(tmpdir(), "benefits-stop-"));
  });

  after(async () => {
    if (bot !== undefined && bot.child.exitCode === null) bot.child.kill("SIGKILL");
    await connector?.close();
    cosmos?.dispose();
    await cosmosServer.close();
    rmSync(directory, { recursive: true, force: true });
  });

  // Alone, the instance holds every shard.
  const FIRST_SHARD_LEASE = shardLeaseId(0);

  it("finishes the turn in flight, answers 503 to a new one, releases the scheduler's leases and exits with 0", async () => {
    const databaseId = `test-${randomUUID()}`;
    cosmos = await connectCosmos({ endpoint: cosmosServer.endpoint, key: cosmosServer.key, httpsAgent: cosmosServer.httpsAgent, databaseId });
    const leases = createRepositories(cosmos.tenantData).leases;
    connector = await HoldingConnector.start();
    const caFile = path.join(directory, "embedded-cosmos.pem");
    writeFileSync(caFile, cosmosServer.certificate.cert);

    // Its own working directory: no developer's .env is read. The process trusts exactly the test server's certificate.
    const child = spawn(process.execPath, ["--disable-warning=DEP0111", "--require", require.resolve("tsx/cjs"), path.join(ROOT, "bot", "index.ts")], {
      cwd: directory,
      env: {
        PATH: process.env.PATH,
        LOCAL_MODE: "true",
        PORT: "0",
        COSMOS_ENDPOINT: cosmosServer.endpoint,
        COSMOS_KEY: cosmosServer.key,
        COSMOS_DATABASE: databaseId,
        DEMO_SEED: "true",
        SCHEDULER_INTERVAL_MS: "1000",
        NODE_EXTRA_CA_CERTS: caFile,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    bot = new BotProcess(child);
    const listening = await Promise.race([bot.nextLine("Bot listening on"), bot.exited.then((code) => Promise.reject(new Error(`bot exited early (${code})`)))]);
    const messages = `${listening.url}/api/messages`;
    const leaseHolder = await waitFor(async () => (await leases.get(SYSTEM_PARTITION, FIRST_SHARD_LEASE))?.value.holder);
    expect(leaseHolder).to.match(/^scheduler-/);

    const slowTurn = post(messages, teamsMessage({ text: "help", serviceUrl: connector.url, deliveryMode: undefined }));
    await connector.firstReplyArrived;
    const stopping = bot.nextLine("Stopping");
    child.kill("SIGTERM");
    await stopping;

    const refused = await post(messages, teamsMessage({ text: "help" }));
    connector.release();
    const finished = await slowTurn;
    const exitCode = await Promise.race([bot.exited, delay(EXIT_BOUND_MS).then(() => "still running")]);

    expect(refused.status).to.equal(503);
    expect(finished.status).to.equal(200);
    expect(exitCode).to.equal(0);
    expect(await leases.get(SYSTEM_PARTITION, FIRST_SHARD_LEASE)).to.equal(undefined);
    // Every line the process wrote to stdout is one JSON object.
    const entries = bot.lines.map((line) => logLine.parse(JSON.parse(line)));
    expect(entries.at(-1)).to.include({ msg: "Stopped", clean: true });
  });
});

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

async function waitFor<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    await delay(200);
  }
}
