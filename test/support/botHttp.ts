import { randomUUID } from "node:crypto";
import { ActivityHandler, type TurnContext } from "botbuilder";
import { z } from "zod";
import { createAdapter, type AdapterDeps } from "../../bot/adapter";
import { loadConfig } from "../../bot/config";
import { createServer, listen, type ServerDeps } from "../../bot/server";

export const DEMO_TENANT = "5f1d6c9e-7a43-4a8e-9b1c-0d2e3f4a5b6c";
export const ALEX = "a1a1a1a1-0000-4000-8000-000000000001";

/** The trivial bot of these tests: answers "pong" and counts how often it ran. */
export class PongBot extends ActivityHandler {
  runs = 0;

  constructor(private readonly reply: (context: TurnContext) => Promise<void> = async (context) => void (await context.sendActivity("pong"))) {
    super();
    this.onMessage(async (context, next) => {
      this.runs += 1;
      await this.reply(context);
      await next();
    });
  }
}

export interface RunningBot {
  readonly url: string;
  readonly bot: PongBot;
  readonly logs: string[];
  close(): Promise<void>;
}

export interface BotOptions {
  readonly env?: Record<string, string>;
  readonly bot?: PongBot;
  readonly ready?: ServerDeps["ready"];
  readonly events?: ServerDeps["events"];
  readonly exports?: ServerDeps["exports"];
  readonly adapterDeps?: Partial<AdapterDeps>;
}

/** The real adapter and server on a free loopback port, in local mode unless `env` says otherwise. */
export async function startBot(options: BotOptions = {}): Promise<RunningBot> {
  const config = loadConfig({ LOCAL_MODE: "true", PORT: "0", ...options.env });
  const logs: string[] = [];
  const adapter = createAdapter(config, {
    log: (message) => void logs.push(message),
    errorText: (locale) => (locale === "fr" ? "Désolé, un problème est survenu." : "Sorry, something went wrong."),
    ...options.adapterDeps,
  });
  const bot = options.bot ?? new PongBot();
  const server = createServer({ adapter, bot, localMode: config.localMode, ready: options.ready ?? (async () => undefined), events: options.events, exports: options.exports });
  const url = await listen(server, "127.0.0.1", 0);
  return { url, bot, logs, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A personal-chat message shaped like the ones Teams (and the Agents Playground) post, on a fresh conversation. */
export function teamsMessage(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "message",
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    // Never called: replies come back in the HTTP response (expectReplies).
    serviceUrl: "http://127.0.0.1:9/",
    from: { id: "29:alex", name: "Alex Wilber", aadObjectId: ALEX },
    recipient: { id: "28:benefits-bot", name: "Benefits Bot" },
    conversation: { id: `a:${randomUUID()}`, conversationType: "personal", tenantId: DEMO_TENANT },
    channelData: { tenant: { id: DEMO_TENANT } },
    locale: "en-US",
    text: "ping",
    deliveryMode: "expectReplies",
    ...overrides,
  };
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await readBody(response) };
}

export async function get(url: string): Promise<HttpAnswer> {
  const response = await fetch(url);
  return { status: response.status, body: await readBody(response) };
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The texts of the replies an expectReplies answer carries. */
export function replyTexts(body: unknown): string[] {
  return expectedReplies.parse(body).activities.flatMap((activity) => (activity.text === undefined ? [] : [activity.text]));
}

const expectedReplies = z.object({ activities: z.array(z.object({ text: z.string().optional() })) });
