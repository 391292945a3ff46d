import type { TurnContext } from "botbuilder";
import { CAPABILITY_ROLES, isBenefitsError, type BenefitsError, type Capability, type DirectoryUser, type ErrorCode } from "../benefits";
import { holdersOf, requireActor, type Actor, type UseCaseDeps } from "../benefits";
import { errorCard } from "../cards/errors";
import { noticeCard } from "../cards/notice";
import { t } from "../cards/strings";
import { isSharedConversation } from "./privateMessenger";
import type { AdaptiveCardAttachment } from "../cards/render";
import { turnFacts } from "./turn";

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: BenefitsError };

/** Gives the card of the item as it is now, for a refusal that only says the clicked card no longer shows the truth. */
export type CurrentState = (error: BenefitsError) => Promise<AdaptiveCardAttachment | undefined>;

/** Refusals that mean "the card you clicked no longer shows the truth": answered with the current state when there is one. */
const CURRENT_STATE_CODES: readonly ErrorCode[] = ["STALE_CARD", "ALREADY_ASSIGNED", "INVALID_STATE", "NOT_ASSIGNED"];

/**
 * Runs a use case; a refusal (BenefitsError) becomes a card telling what blocked it, and whom to ask when a role is
 * missing, or, with `currentState`, the item's current state when the refusal only says the card is outdated.
 * Anything else is a bug and goes to the adapter's onTurnError.
 */
export async function attempt<T>(context: TurnContext, run: () => Promise<T>, currentState?: CurrentState): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    if (!isBenefitsError(e)) throw e;
    await answerRefusal(context, e, currentState);
    return { ok: false, error: e };
  }
}

export async function answerRefusal(context: TurnContext, error: BenefitsError, currentState?: CurrentState): Promise<void> {
  const current = currentState !== undefined && CURRENT_STATE_CODES.includes(error.code) ? await currentState(error) : undefined;
  await sendCard(context, current ?? (await refusalCard(context, error)));
}

export type Attempted<T> =
  | { readonly kind: "ok"; readonly value: T }
  | { readonly kind: "expected"; readonly error: BenefitsError }
  | { readonly kind: "refused"; readonly error: BenefitsError };

/**
 * Like attempt(), but the refusals in `expected` (an outdated card, a value to re-ask) are handed back instead of shown:
 * the caller puts them on the next state of the same card (in Teams the first card of an invoke replaces the clicked
 * one, so a separate refusal card would hide the current state).
 */
export async function attemptExpecting<T>(context: TurnContext, expected: readonly ErrorCode[], run: () => Promise<T>): Promise<Attempted<T>> {
  try {
    return { kind: "ok", value: await run() };
  } catch (e) {
    if (!isBenefitsError(e)) throw e;
    if (expected.includes(e.code)) return { kind: "expected", error: e };
    await sendCard(context, await refusalCard(context, e));
    return { kind: "refused", error: e };
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

export async function refusalCard(context: TurnContext, error: BenefitsError): Promise<AdaptiveCardAttachment> {
  const { locale, deps, actor } = turnFacts(context);
  let holders: DirectoryUser[] = [];
  if (error.code === "NOT_AUTHORIZED") {
    const capability = String(error.details.capability ?? "");
    const roles = isCapability(capability) ? CAPABILITY_ROLES[capability] : [];
    holders = await holdersOf(deps, actor.tenantId, roles);
  }
  return errorCard(locale, error, holders);
}

function isCapability(value: string): value is Capability {
  return value in CAPABILITY_ROLES;
}

export async function sendCard(context: TurnContext, card: AdaptiveCardAttachment): Promise<void> {
  await context.sendActivity({ attachments: [card] });
}

/**
 * "That card is out of date": in a personal chat a card, which replaces the clicked one; in a group or channel a plain
 * sentence, which the bot answers to the clicker alone instead of posting it for everyone.
 */
export async function sendStaleNotice(context: TurnContext): Promise<void> {
  const text = t(turnFacts(context).locale, "common.staleCardGone");
  await context.sendActivity(isSharedConversation(context) ? text : { attachments: [noticeCard(text)] });
}

/** Whether the actor lacks `capability`: the refusal and who holds the role, without sending anything. */
export async function refusalFor(
  deps: UseCaseDeps,
  actor: Actor,
  capability: Capability,
): Promise<{ readonly error: BenefitsError; readonly holders: DirectoryUser[] } | undefined> {
  try {
    await requireActor(deps, actor, capability);
    return undefined;
  } catch (e) {
    if (!isBenefitsError(e, "NOT_AUTHORIZED")) throw e;
    return { error: e, holders: await holdersOf(deps, actor.tenantId, CAPABILITY_ROLES[capability]) };
  }
}
