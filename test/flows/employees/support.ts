import type { TurnContext } from "botbuilder";
import type { Benefit, SentCardRef } from "../../../benefits";
import type { Locale } from "../../../cards/strings";
import { cardFor, setPrivateMessenger, type CardForReader, type PrivateMessenger, type SentCard } from "../../../dialogs/privateMessenger";
import { Turn, type CardAction, type TestBot } from "../../support/botHarness";

export interface PrivateSend {
  readonly userId: string;
  readonly card: Record<string, unknown>;
  readonly sent: SentCard | undefined;
}

/** Stands in for bot/'s proactive sender: records every private card and lets a test make people unreachable. */
export class RecordingMessenger implements PrivateMessenger {
  readonly sends: PrivateSend[] = [];
  readonly updates: { readonly ref: SentCardRef; readonly card: Record<string, unknown> }[] = [];
  readonly unreachable = new Set<string>();
  /** The language and time zone stored for each recipient, as bot/ reads them from their conversation records; default English. */
  readonly readers = new Map<string, Locale>();
  private counter = 0;

  async sendToUser(_context: TurnContext, userId: string, card: CardForReader): Promise<SentCard | undefined> {
    const sent = this.unreachable.has(userId) ? undefined : { conversationId: `personal:${userId}`, activityId: `activity-${++this.counter}` };
    this.sends.push({ userId, card: cardFor(card, this.readers.get(userId) ?? "en").content, sent });
    return sent;
  }

  async updateCard(_context: TurnContext, ref: SentCardRef, card: CardForReader): Promise<boolean> {
    this.updates.push({ ref, card: cardFor(card, this.readers.get(ref.userId) ?? "en").content });
    return true;
  }

  sentTo(userId: string): PrivateSend[] {
    return this.sends.filter((s) => s.userId === userId && s.sent !== undefined);
  }

  clear(): void {
    this.sends.splice(0);
    this.updates.splice(0);
    this.unreachable.clear();
    this.readers.clear();
  }
}

export function installMessenger(bot: TestBot): RecordingMessenger {
  const messenger = new RecordingMessenger();
  bot.adapter.use(async (context, next) => {
    setPrivateMessenger(context, messenger);
    await next();
  });
  return messenger;
}

export function textOf(card: Record<string, unknown>): string {
  return JSON.stringify(card);
}

/** Writes a benefit as a test fixture (bypassing the use cases on purpose: the state is the test's premise). */
export async function putBenefit(bot: TestBot, benefit: Benefit): Promise<void> {
  const current = await bot.repos.benefits.get(benefit.tenantId, benefit.id);
  if (current === undefined) await bot.repos.benefits.create(benefit);
  else await bot.repos.benefits.replace(benefit, current.etag);
}

export async function benefitOf(bot: TestBot, tenantId: string, id: string): Promise<Benefit> {
  const found = await bot.repos.benefits.get(tenantId, id);
  if (found === undefined) throw new Error(`no benefit ${id}`);
  return found.value;
}

/** The actions of a card that was sent privately (not part of a turn). */
export function actionOf(card: Record<string, unknown>, verb: string): CardAction {
  return new Turn([], [card], [], undefined).findAction(verb);
}

export function allTextOf(card: Record<string, unknown>): string {
  return new Turn([], [card], [], undefined).allText();
}
