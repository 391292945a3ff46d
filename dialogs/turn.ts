import type { TurnContext } from "botbuilder";
import type { Actor, UseCaseDeps } from "../benefits";
import type { Locale } from "../cards/strings";

/**
 * Facts bot/ establishes before any dialog runs: who acts and in which tenant (from the authenticated activity,
 * never from card data), the language and time zone to answer in (`locale`, a Reader), and the domain's dependencies.
 */
export interface TurnFacts {
  readonly actor: Actor;
  readonly locale: Locale;
  readonly deps: UseCaseDeps;
}

const TURN_FACTS = Symbol("benefitsBot.turnFacts");

export function setTurnFacts(context: TurnContext, facts: TurnFacts): void {
  context.turnState.set(TURN_FACTS, facts);
}

export function turnFacts(context: TurnContext): TurnFacts {
  const facts: unknown = context.turnState.get(TURN_FACTS);
  if (!isTurnFacts(facts)) throw new Error("turn facts were not set: bot/ must set them before running dialogs");
  return facts;
}

function isTurnFacts(value: unknown): value is TurnFacts {
  return typeof value === "object" && value !== null && "actor" in value && "locale" in value && "deps" in value;
}
