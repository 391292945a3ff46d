import type { TurnContext } from "botbuilder";
import type { Actor } from "../benefits";
import type { Locale } from "../cards/strings";
import { actorOf, readerOf } from "./activity";

/**
 * What a flow reads per turn, from the authenticated activity only: who acts, in which tenant, and for whom it writes
 * (`locale`: the language and, when the client said so, the time zone).
 */
export interface Turn {
  readonly actor: Actor;
  readonly locale: Locale;
}

/** bot/ drops activities without an actor before any dialog runs, so a missing one here is a wiring bug. */
export function turnOf(context: TurnContext): Turn {
  const actor = actorOf(context.activity);
  if (actor === undefined) throw new Error("a dialog ran for an activity without an actor");
  return { actor, locale: readerOf(context.activity) };
}
