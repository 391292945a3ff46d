import type { TurnContext } from "botbuilder";
import type { SentCardRef } from "../benefits";
import type { AdaptiveCardAttachment } from "../cards/render";
import type { Locale } from "../cards/strings";

/**
 * A card for someone else is built for its reader: given their stored language and time zone (recorded from their
 * own activities), never the sender's. A ready card is sent as it is.
 */
export type CardForReader = AdaptiveCardAttachment | ((reader: Locale) => AdaptiveCardAttachment);

export function cardFor(card: CardForReader, reader: Locale): AdaptiveCardAttachment {
  return typeof card === "function" ? card(reader) : card;
}

/**
 * Sends cards to one person in their 1:1 chat with the bot, outside the conversation of the current turn.
 * bot/ implements it over proactive messaging and sets it on each turn; tests set a recording one.
 */
export interface PrivateMessenger {
  /** The sent card's address, or undefined when the person cannot be reached privately (no 1:1 chat known, blocked). */
  sendToUser(context: TurnContext, userId: string, card: CardForReader): Promise<SentCard | undefined>;
  /** Replaces a card sent earlier; false when it could not be updated (deleted, unreachable). */
  updateCard(context: TurnContext, sent: SentCardRef, card: CardForReader): Promise<boolean>;
}

/** Where a card went, so it can be replaced later. */
export interface SentCard {
  readonly conversationId: string;
  readonly activityId: string;
}

const PRIVATE_MESSENGER = Symbol("benefitsBot.privateMessenger");

export function setPrivateMessenger(context: TurnContext, messenger: PrivateMessenger): void {
  context.turnState.set(PRIVATE_MESSENGER, messenger);
}

/** Without a messenger nobody can be reached privately: the flows say so instead of failing. */
const UNREACHABLE: PrivateMessenger = {
  sendToUser: async () => undefined,
  updateCard: async () => false,
};

export function privateMessengerOf(context: TurnContext): PrivateMessenger {
  const found: unknown = context.turnState.get(PRIVATE_MESSENGER);
  return isPrivateMessenger(found) ? found : UNREACHABLE;
}

function isPrivateMessenger(value: unknown): value is PrivateMessenger {
  return typeof value === "object" && value !== null && "sendToUser" in value && "updateCard" in value;
}

/** Group chats and channels are shared: what belongs to one person is sent to them privately. */
export function isSharedConversation(context: TurnContext): boolean {
  const type = context.activity.conversation?.conversationType;
  return type === "groupChat" || type === "channel";
}
