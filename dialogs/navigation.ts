import type { DialogTurnResult, WaterfallStepContext } from "botbuilder-dialogs";
import { NAVIGATION_VERBS as VERBS } from "../cards/navigation";
import type { CardSubmit } from "../cards/submit";
import { t } from "../cards/strings";
import { runStepAt, submitOf, tellInvalid } from "./steps";
import { turnFacts } from "./turn";

/** Verbs a step card with Back and Cancel buttons answers to besides its own. */
export const NAVIGATION_VERBS = [VERBS.back, VERBS.cancel] as const;

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
  if (submit.verb === VERBS.cancel) {
    await step.context.sendActivity(t(locale, "common.canceled"));
    return step.endDialog();
  }
  if (submit.verb !== VERBS.back) return undefined;
  if (step.index < 2) {
    await step.context.sendActivity(t(locale, "common.backUnavailable"));
    return showPreviousCard(step);
  }
  return runStepAt(step, step.index - 2);
}

/** navigate() on the answer a step was resumed with; undefined when there is none or it is not Back or Cancel. */
export async function navigateAnswer(step: WaterfallStepContext): Promise<DialogTurnResult | undefined> {
  const submit = submitOf(step.result);
  return submit === undefined ? undefined : navigate(step, submit);
}
