import type { DialogTurnResult, WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import { askedPage } from "../cards/paging";
import type { AdaptiveCardAttachment } from "../cards/render";
import { askAgain, stepValues, submitOf } from "./steps";

/**
 * Paging a list card that is one step of a waterfall. A page click answers the list's step like a pick would, so the
 * step reading the pick first asks `turnedPage`: on a page click it shows the list again at that page (`showListPage`)
 * and the waterfall stays where it was. The page is kept in the step values, so Back and re-asks show the same page.
 * A page click on a list the dialog has left is not among the waiting card's verbs: the router calls it out of date.
 */
const listPageShape = { listPage: z.number().int().nonnegative().optional() };

/** The page a click on the list's Previous / Next asks for (bounded, never trusted); undefined for any other answer. */
export function turnedPage(result: unknown, pageVerb: string): number | undefined {
  const submit = submitOf(result);
  return submit?.verb === pageVerb ? askedPage(submit.data) : undefined;
}

/** The list page this flow last showed (0 at first). */
export function listPageOf(step: WaterfallStepContext): number {
  return stepValues(step, listPageShape).read().listPage ?? 0;
}

export function rememberListPage(step: WaterfallStepContext, page: number): void {
  stepValues(step, listPageShape).write({ listPage: page });
}

/** Shows the list again at `page`, waiting for the same verbs; ends the flow when the list can't be shown (refused). */
export async function showListPage(
  step: WaterfallStepContext,
  page: number,
  listCard: () => Promise<AdaptiveCardAttachment | undefined>,
  verbs: readonly string[],
): Promise<DialogTurnResult> {
  rememberListPage(step, page);
  const card = await listCard();
  return card === undefined ? step.endDialog() : askAgain(step, card, verbs);
}
