import type { TurnContext } from "botbuilder";
import { CAPABILITY_ROLES, holdersOf, isBenefitsError, requireActor, type Actor, type BenefitsError, type Capability, type DirectoryUser, type ErrorCode, type UseCaseDeps } from "../benefits";
import { errorCard, errorText } from "../cards/errors";
import { noticeCard } from "../cards/notice";
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCardAttachment } from "../cards/render";
import { t } from "../cards/strings";
import { isSharedConversation } from "./privateMessenger";
import { turnOf } from "./turn";

/**
 * What a step tells the person. `card`: the answer to what they did (in a personal chat it replaces the card they
 * clicked); `post`: a new message that never replaces anything; `text`: a sentence for the person who acted.
 */
export type Reply =
  | { readonly card: AdaptiveCardAttachment }
  | { readonly post: AdaptiveCardAttachment }
  | { readonly text: string };

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: BenefitsError };

export type Attempted<T> =
  | { readonly kind: "ok"; readonly value: T }
  | { readonly kind: "expected"; readonly error: BenefitsError }
  | { readonly kind: "refused"; readonly error: BenefitsError };

/** The card of the item as it is now, for a refusal that only says the clicked card no longer shows the truth. */
export type CurrentState = (error: BenefitsError) => Promise<AdaptiveCardAttachment | undefined>;

/** Refusals that mean "the card you clicked no longer shows the truth": answered with the current state when there is one. */
const CURRENT_STATE_CODES: readonly ErrorCode[] = ["STALE_CARD", "ALREADY_ASSIGNED", "INVALID_STATE", "NOT_ASSIGNED"];

const MESSAGE_CONTENT_TYPE = "application/vnd.microsoft.activity.message";

/** The body of an Action.Execute answer: a card that replaces the clicked one, or a message shown to the clicker. */
export type CardActionAnswer =
  | { readonly statusCode: 200; readonly type: typeof ADAPTIVE_CARD_CONTENT_TYPE; readonly value: Record<string, unknown> }
  | { readonly statusCode: 200; readonly type: typeof MESSAGE_CONTENT_TYPE; readonly value: string };

interface ClickReplies {
  replacement?: AdaptiveCardAttachment;
  readonly texts: string[];
}

/**
 * The one place that decides how a reply reaches the person. Outside a card click everything is sent. On a click in
 * a personal chat the first `card` becomes the clicked card's new state (no stale buttons left behind); in a group or
 * channel the clicked card is everyone's, so it stays, sentences go to the clicker alone and cards are posted.
 */
export class Responder {
  private readonly clicks = new WeakMap<TurnContext, ClickReplies>();

  constructor(private readonly domain: UseCaseDeps) {}

  async reply(context: TurnContext, reply: Reply): Promise<void> {
    const click = this.clickOf(context);
    const shared = isSharedConversation(context);
    if ("post" in reply) {
      await context.sendActivity({ attachments: [reply.post] });
    } else if ("card" in reply) {
      if (click !== undefined && !shared && click.replacement === undefined) click.replacement = reply.card;
      else await context.sendActivity({ attachments: [reply.card] });
    } else if (click !== undefined && shared) {
      click.texts.push(reply.text);
    } else {
      click?.texts.push(reply.text);
      await context.sendActivity(reply.text);
    }
  }

  /** Shorthands for the two common replies. */
  card(context: TurnContext, card: AdaptiveCardAttachment): Promise<void> {
    return this.reply(context, { card });
  }

  text(context: TurnContext, text: string): Promise<void> {
    return this.reply(context, { text });
  }

  /**
   * The answer to a card's refresh: the card as this reader should see it. It goes back in the invoke response, which
   * Teams shows on the asking client only (a user-specific view), so it is never posted, in a group chat neither.
   */
  view(context: TurnContext, card: AdaptiveCardAttachment): void {
    const click = this.clickOf(context);
    if (click !== undefined) click.replacement = card;
  }

  /** What the Action.Execute invoke answers, once the turn has run. */
  clickAnswer(context: TurnContext): CardActionAnswer {
    const click = this.clickOf(context);
    const texts = click?.texts.join("\n\n") ?? "";
    if (click?.replacement !== undefined) return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: click.replacement.content };
    if (isSharedConversation(context)) return { statusCode: 200, type: MESSAGE_CONTENT_TYPE, value: texts };
    // A personal chat's card is replaced by what the turn said, so no button of it stays clickable.
    return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: noticeCard(texts).content };
  }

  /**
   * The one function that turns a coded refusal into what the person sees: the item's current state when the refusal
   * only says the card is outdated (and `currentState` has one), else the refusal in words, naming whom to ask.
   */
  async errorReply(context: TurnContext, error: BenefitsError, currentState?: CurrentState): Promise<Reply> {
    const current = currentState !== undefined && CURRENT_STATE_CODES.includes(error.code) ? await currentState(error) : undefined;
    return { card: current ?? (await this.refusalCard(context, error)) };
  }

  async refuse(context: TurnContext, error: BenefitsError, currentState?: CurrentState): Promise<void> {
    await this.reply(context, await this.errorReply(context, error, currentState));
  }

  /** Runs a use case; a refusal is answered (errorReply), anything else is a bug and goes to the adapter's onTurnError. */
  async attempt<T>(context: TurnContext, run: () => Promise<T>, currentState?: CurrentState): Promise<Outcome<T>> {
    try {
      return { ok: true, value: await run() };
    } catch (e) {
      if (!isBenefitsError(e)) throw e;
      await this.refuse(context, e, currentState);
      return { ok: false, error: e };
    }
  }

  /** Like attempt(), but the refusals in `expected` are handed back for the caller to put on the same card. */
  async attemptExpecting<T>(context: TurnContext, expected: readonly ErrorCode[], run: () => Promise<T>): Promise<Attempted<T>> {
    try {
      return { kind: "ok", value: await run() };
    } catch (e) {
      if (!isBenefitsError(e)) throw e;
      if (expected.includes(e.code)) return { kind: "expected", error: e };
      await this.refuse(context, e);
      return { kind: "refused", error: e };
    }
  }

  async refusalCard(context: TurnContext, error: BenefitsError): Promise<AdaptiveCardAttachment> {
    return errorCard(turnOf(context).locale, error, await this.holdersFor(context, error));
  }

  /** The refusal in words, for a card that shows it in place (a form that stays). */
  async errorText(context: TurnContext, error: BenefitsError): Promise<string> {
    return errorText(turnOf(context).locale, error, await this.holdersFor(context, error));
  }

  /** Whom to ask when a role is missing. */
  private async holdersFor(context: TurnContext, error: BenefitsError): Promise<DirectoryUser[]> {
    if (error.code !== "NOT_AUTHORIZED") return [];
    const capability = String(error.details.capability ?? "");
    const roles = isCapability(capability) ? CAPABILITY_ROLES[capability] : [];
    return holdersOf(this.domain, turnOf(context).actor.tenantId, roles);
  }

  /** "That card is out of date": a card in a personal chat (it replaces the clicked one), a sentence elsewhere. */
  async stale(context: TurnContext): Promise<void> {
    const text = t(turnOf(context).locale, "common.staleCardGone");
    await this.reply(context, isSharedConversation(context) ? { text } : { card: noticeCard(text) });
  }

  /** Whether the actor lacks `capability`: the refusal and who holds the role, without sending anything. */
  async refusalFor(actor: Actor, capability: Capability): Promise<{ readonly error: BenefitsError; readonly holders: DirectoryUser[] } | undefined> {
    try {
      await requireActor(this.domain, actor, capability);
      return undefined;
    } catch (e) {
      if (!isBenefitsError(e, "NOT_AUTHORIZED")) throw e;
      return { error: e, holders: await holdersOf(this.domain, actor.tenantId, CAPABILITY_ROLES[capability]) };
    }
  }

  private clickOf(context: TurnContext): ClickReplies | undefined {
    const activity = context.activity;
    if (activity.type !== "invoke" || activity.name !== "adaptiveCard/action") return undefined;
    let found = this.clicks.get(context);
    if (found === undefined) {
      found = { texts: [] };
      this.clicks.set(context, found);
    }
    return found;
  }
}

/** Loads something to show; a refusal while loading (e.g. the item vanished) yields nothing, the caller shows the refusal. */
export async function loadQuietly<T>(run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (e) {
    if (!isBenefitsError(e)) throw e;
    return undefined;
  }
}

function isCapability(value: string): value is Capability {
  return value in CAPABILITY_ROLES;
}
