import { randomUUID } from "node:crypto";
import { TestAdapter, type Activity } from "botbuilder";
import { z } from "zod";
import type { Repositories, UseCaseDeps } from "../../benefits";
import { attachmentFiles } from "../../bot/attachmentDownload";
import type { BenefitsBot } from "../../bot/benefitsBot";
import { composeBot } from "../../bot/composeBot";
import type { PrivateMessenger } from "../../dialogs/privateMessenger";
import { CosmosBotStorage } from "../../storage/cosmosBotStorage";
import { seedDemoTenant } from "../../storage/demoSeed";
import { startTestCosmos, type TestCosmos } from "./cosmos";

export const DEMO_TENANT = "5f1d6c9e-7a43-4a8e-9b1c-0d2e3f4a5b6c";
export const ALEX = "a1a1a1a1-0000-4000-8000-000000000001";
export const MEGAN = "a1a1a1a1-0000-4000-8000-000000000002";
export const ADELE = "a1a1a1a1-0000-4000-8000-000000000003";
export const LEE = "a1a1a1a1-0000-4000-8000-000000000004";
export const NESTOR = "a1a1a1a1-0000-4000-8000-000000000005";
export const ISAIAH = "a1a1a1a1-0000-4000-8000-000000000006";

const CARD_TYPE = "application/vnd.microsoft.card.adaptive";
const MESSAGE_TYPE = "application/vnd.microsoft.activity.message";
const jsonObject = z.record(z.string(), z.unknown());
const invokeResponseValue = z.object({ status: z.number(), body: z.object({ statusCode: z.number(), type: z.string(), value: z.unknown() }).optional() });

export interface CardAction {
  readonly type: string;
  readonly title: string;
  readonly verb: string;
  readonly data: Record<string, unknown>;
}

/** What the bot sent during one turn. */
export class Turn {
  constructor(
    readonly activities: readonly Partial<Activity>[],
    /** Card contents, the invoke response's card (the one that replaced the clicked card) first. */
    readonly cards: readonly Record<string, unknown>[],
    readonly texts: readonly string[],
    readonly invokeStatus: number | undefined,
  ) {}

  /** The last card sent (what the person now looks at). */
  card(): Record<string, unknown> {
    const last = this.cards[this.cards.length - 1];
    if (last === undefined) throw new Error(`no card in this turn; texts: ${JSON.stringify(this.texts)}`);
    return last;
  }

  /** Every text shown: plain messages and every string value found in the cards (TextBlocks, facts, titles, choices). */
  allText(): string {
    return [...this.texts, ...this.cards.flatMap((c) => stringsIn(c))].join("\n");
  }

  actions(): CardAction[] {
    return this.cards.flatMap((c) => actionsIn(c));
  }

  /** The first Action.Execute whose title or verb matches. */
  findAction(titleOrVerb: string | RegExp): CardAction {
    const found = this.actions().find((a) => (typeof titleOrVerb === "string" ? a.title === titleOrVerb || a.verb === titleOrVerb : titleOrVerb.test(a.title) || titleOrVerb.test(a.verb)));
    if (found === undefined) throw new Error(`no action ${String(titleOrVerb)} among ${JSON.stringify(this.actions().map((a) => [a.title, a.verb]))}`);
    return found;
  }
}

export interface ChatOptions {
  readonly locale?: string;
  readonly tenantId?: string;
  readonly name?: string;
  readonly conversationType?: "personal" | "groupChat" | "channel";
}

/** Whatever runs a turn: the in-process TestBot, or a bot process over HTTP. */
export interface TurnProcessor {
  process(activity: Partial<Activity>): Promise<Turn>;
}

export class TestChat {
  readonly conversation = `a:${randomUUID()}`;

  constructor(
    private readonly harness: TurnProcessor,
    readonly userId: string,
    private readonly options: ChatOptions,
  ) {}

  say(text: string): Promise<Turn> {
    return this.send({ type: "message", text });
  }

  /** Action.Execute, as Teams sends it: an adaptiveCard/action invoke. */
  click(verb: string, data: Record<string, unknown> = {}): Promise<Turn> {
    return this.send({ type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" } });
  }

  /** Clicks an action found on a card, with the inputs the person filled in merged into its data (as Teams does). */
  press(action: CardAction, inputs: Record<string, unknown> = {}): Promise<Turn> {
    return this.click(action.verb, { ...action.data, ...inputs });
  }

  /** The Action.Submit fallback, as older clients send it: a message whose value is the data. */
  submit(verb: string, data: Record<string, unknown> = {}): Promise<Turn> {
    return this.send({ type: "message", value: { ...data, verb } });
  }

  send(partial: Partial<Activity>): Promise<Turn> {
    const tenantId = this.options.tenantId ?? DEMO_TENANT;
    return this.harness.process({
      channelId: "msteams",
      serviceUrl: "https://smba.example.test/",
      locale: this.options.locale ?? "en-US",
      from: { id: `29:${this.userId}`, aadObjectId: this.userId, name: this.options.name ?? "Test User" },
      recipient: { id: "28:benefits-bot", name: "Benefits Bot" },
      conversation: { id: this.conversation, tenantId, conversationType: this.options.conversationType ?? "personal", isGroup: false, name: "" },
      channelData: { tenant: { id: tenantId } },
      ...partial,
    });
  }
}

export interface TestBotOptions {
  /** The clock the use cases see (the demo tenant's dates are relative to it). */
  readonly now?: Date;
  readonly seed?: boolean;
  /** Where export links point (the bot's composition reads it per link); absent, exports are not set up. */
  readonly exportBaseUrl?: () => string | undefined;
}

/** The bot's private messenger in tests: nobody is reachable until a test puts a recording messenger behind it. */
export class SwappableMessenger implements PrivateMessenger {
  target: PrivateMessenger | undefined;

  sendToUser(...args: Parameters<PrivateMessenger["sendToUser"]>): ReturnType<PrivateMessenger["sendToUser"]> {
    return this.target === undefined ? Promise.resolve(undefined) : this.target.sendToUser(...args);
  }

  updateCard(...args: Parameters<PrivateMessenger["updateCard"]>): ReturnType<PrivateMessenger["updateCard"]> {
    return this.target === undefined ? Promise.resolve(false) : this.target.updateCard(...args);
  }
}

/** The real bot (dialogs, cards, use cases, Cosmos storage on the embedded server) behind a TestAdapter. */
export class TestBot {
  readonly adapter = new TestAdapter();
  private queueSerial = Promise.resolve();

  constructor(
    readonly cosmos: TestCosmos,
    readonly bot: BenefitsBot,
    readonly deps: UseCaseDeps,
    readonly logs: string[],
    readonly messenger: SwappableMessenger,
  ) {}

  get repos(): Repositories {
    return this.cosmos.repositories;
  }

  chat(userId: string, options: ChatOptions = {}): TestChat {
    return new TestChat(this, userId, options);
  }

  /** Runs one activity through the bot and returns what it sent. Turns are serialized: the queue is shared. */
  process(activity: Partial<Activity>): Promise<Turn> {
    const run = this.queueSerial.then(async () => {
      this.adapter.activeQueue.splice(0);
      await this.adapter.processActivity(activity, (context) => this.bot.run(context));
      return collectTurn(this.adapter.activeQueue.splice(0));
    });
    this.queueSerial = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  async stop(): Promise<void> {
    await this.cosmos.stop();
  }
}

export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const cosmos = await startTestCosmos();
  const now = options.now ?? new Date();
  const deps: UseCaseDeps = { repos: cosmos.repositories, now: () => now, newId: () => randomUUID() };
  if (options.seed !== false) await seedDemoTenant(cosmos.repositories, now);
  const logs: string[] = [];
  const messenger = new SwappableMessenger();
  const bot = composeBot({ storage: new CosmosBotStorage(cosmos.botState), domain: deps, log: (message) => logs.push(message), privateMessenger: messenger, files: attachmentFiles({ localMode: true }), exportBaseUrl: options.exportBaseUrl });
  return new TestBot(cosmos, bot, deps, logs, messenger);
}

export function collectTurn(sent: readonly Partial<Activity>[]): Turn {
  const cards: Record<string, unknown>[] = [];
  const texts: string[] = [];
  let invokeStatus: number | undefined;
  for (const activity of sent) {
    if (activity.type === "invokeResponse") {
      const response = invokeResponseValue.parse(activity.value);
      invokeStatus = response.status;
      if (response.body?.type === CARD_TYPE) cards.unshift(jsonObject.parse(response.body.value));
      // A message answer is shown to the clicker only (group chats), the clicked card staying as it was.
      if (response.body?.type === MESSAGE_TYPE && typeof response.body.value === "string" && response.body.value !== "") texts.push(response.body.value);
      continue;
    }
    if (activity.text) texts.push(activity.text);
    for (const attachment of activity.attachments ?? []) {
      if (attachment.contentType === CARD_TYPE) cards.push(jsonObject.parse(attachment.content));
    }
  }
  // The invoke-response card was unshifted but was produced first; keep it first, others in order.
  return new Turn(sent, cards, texts, invokeStatus);
}

function stringsIn(node: unknown): string[] {
  if (typeof node === "string") return [node];
  if (Array.isArray(node)) return node.flatMap(stringsIn);
  const obj = jsonObject.safeParse(node);
  if (!obj.success) return [];
  return Object.entries(obj.data)
    .filter(([key]) => key !== "type" && key !== "$schema" && key !== "version" && key !== "verb" && key !== "id" && key !== "data")
    .flatMap(([, value]) => stringsIn(value));
}

const actionSchema = z.object({ type: z.string(), title: z.string().default(""), verb: z.string(), data: jsonObject.default({}) }).loose();

function actionsIn(node: unknown): CardAction[] {
  if (Array.isArray(node)) return node.flatMap(actionsIn);
  const obj = jsonObject.safeParse(node);
  if (!obj.success) return [];
  const here: CardAction[] = [];
  if (obj.data.type === "Action.Execute") {
    const parsed = actionSchema.safeParse(obj.data);
    if (parsed.success) here.push({ type: parsed.data.type, title: parsed.data.title, verb: parsed.data.verb, data: parsed.data.data });
  }
  return [...here, ...Object.entries(obj.data).filter(([key]) => key !== "fallback").flatMap(([, value]) => actionsIn(value))];
}
