import type { DialogTurnResult, WaterfallStepContext } from "botbuilder-dialogs";
import type { CardSubmit } from "../../cards/submit";
import { t } from "../../cards/strings";
import { runStepAt, tellInvalid } from "../steps";
import { turnFacts } from "../turn";

const BACK_VERB = "vs.back";
const CANCEL_VERB = "vs.cancel";
/** Verbs every Visual Studio card answers to besides its own: its Back and Cancel buttons. */
export const NAVIGATION_VERBS = [BACK_VERB, CANCEL_VERB] as const;

/** Shows the card of the previous step again (that step runs again); its answer comes back to this step. */
export function showPreviousCard(step: WaterfallStepContext): Promise<DialogTurnResult> {
  return runStepAt(step, step.index - 1);
}

/** Tells what was wrong with the input, then shows the same card again. Nothing changed. */
export async function rejectInput(step: WaterfallStepContext, detail: string): Promise<DialogTurnResult> {
  await tellInvalid(step, detail);
  return showPreviousCard(step);
}

/**
 * The Back and Cancel buttons. The card being answered was shown by the previous step, so Back shows the card of the
 * step before that. Returns undefined when the submit is neither.
 */
export async function navigate(step: WaterfallStepContext, submit: CardSubmit): Promise<DialogTurnResult | undefined> {
  const { locale } = turnFacts(step.context);
  if (submit.verb === CANCEL_VERB) {
    await step.context.sendActivity(t(locale, "common.canceled"));
    return step.endDialog();
  }
  if (submit.verb !== BACK_VERB) return undefined;
  if (step.index < 2) {
    await step.context.sendActivity(t(locale, "common.backUnavailable"));
    return showPreviousCard(step);
  }
  return runStepAt(step, step.index - 2);
}
