// The real bot as a child process (bot/index.ts, the separate modules; or any other node arguments that start it) on a
// Cosmos endpoint that outlives it, driven over HTTP with deliveryMode expectReplies, so a test can SIGKILL it at any
// moment and start it again.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { Activity } from "botbuilder";
import { z } from "zod";
import { collectTurn, type Turn, type TurnProcessor } from "../../support/botHarness";

const ROOT = path.resolve(__dirname, "../../..");
const LISTENING = /Bot listening on (http:\/\/127\.0\.0\.1:\d+)/;
const START_TIMEOUT_MS = 60_000;
const repliesSchema = z.object({ activities: z.array(z.record(z.string(), z.unknown())) });

export interface BotProcessEnv {
  readonly cosmosEndpoint: string;
  readonly cosmosKey: string;
  readonly databaseId: string;
  /** A PEM file holding the embedded server's certificate: the child trusts it through NODE_EXTRA_CA_CERTS. */
  readonly certificateFile: string;
}

export class BotProcess implements TurnProcessor {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly exited: Promise<void>,
  ) {}

  /** `"embedded"`: no COSMOS_ENDPOINT, so the bot starts its own in-memory server, as `npm start` runs it. */
  static async start(env: BotProcessEnv | "embedded", nodeArguments: readonly string[] = ["--require", "tsx/cjs", "bot/index.ts"]): Promise<BotProcess> {
    const cosmos =
      env === "embedded"
        ? {}
        : { COSMOS_ENDPOINT: env.cosmosEndpoint, COSMOS_KEY: env.cosmosKey, COSMOS_DATABASE: env.databaseId, NODE_EXTRA_CA_CERTS: env.certificateFile };
    const child = spawn(process.execPath, nodeArguments, {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LOCAL_MODE: "true",
        HOST: "127.0.0.1",
        PORT: "0",
        ...cosmos,
        DEMO_SEED: "true",
        // No tick during the test: what is measured is the flow and its restarts.
        SCHEDULER_INTERVAL_MS: "86400000",
      },
    });
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const output: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the bot did not start within ${START_TIMEOUT_MS} ms:\n${output.join("")}`)), START_TIMEOUT_MS);
      const watch = (chunk: Buffer) => {
        output.push(chunk.toString());
        const found = LISTENING.exec(output.join(""));
        if (found?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(found[1]);
        }
      };
      child.stdout?.on("data", watch);
      child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`the bot exited before listening:\n${output.join("")}`));
      });
    });
    return new BotProcess(child, url, exited);
  }

  async process(activity: Partial<Activity>): Promise<Turn> {
    const response = await fetch(`${this.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      // Local mode accepts only a loopback serviceUrl (bot/activitySchema.ts); nothing is sent there with expectReplies.
      body: JSON.stringify({ id: `act-${Date.now()}`, ...activity, serviceUrl: "http://127.0.0.1:9/", deliveryMode: "expectReplies" }),
    });
    const body: unknown = await response.json();
    const parsed = repliesSchema.parse(body);
    return collectTurn(parsed.activities);
  }

  /** No shutdown handler runs, no buffer is flushed: what a crash or an OOM kill does. */
  async kill(): Promise<void> {
    this.child.kill("SIGKILL");
    await this.exited;
  }
}
