import type { DialogTurnResult, WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import type { CardSubmit } from "../../cards/submit";
import { t } from "../../cards/strings";
import { turnFacts } from "../turn";

const BACK_VERB = "vs.back";
const CANCEL_VERB = "vs.cancel";
/** Verbs every Visual Studio card answers to besides its own: its Back and Cancel buttons. */
export const NAVIGATION_VERBS = [BACK_VERB, CANCEL_VERB] as const;

const submitSchema = z.object({ verb: z.string(), data: z.record(z.string(), z.unknown()) });

/** The submit this step was resumed with; undefined when the step runs again (back, or a re-prompt). */
export function submitOf(step: WaterfallStepContext): CardSubmit | undefined {
  const parsed = submitSchema.safeParse(step.result);
  return parsed.success ? parsed.data : undefined;
}

/** Resumes the waterfall at `index` (the waterfall runs the step after its stored index). */
function runStepAt(step: WaterfallStepContext, index: number): Promise<DialogTurnResult> {
  const instance = step.activeDialog;
  if (instance !== undefined) instance.state.stepIndex = index - 1;
  return step.next();
}

/** Shows the card of the previous step again: after input that did not parse, or a refusal the person can fix. */
export function askAgain(step: WaterfallStepContext): Promise<DialogTurnResult> {
  return runStepAt(step, step.index - 1);
}

/** Tells what was wrong with the input, then shows the same card again. Nothing changed. */
export async function rejectInput(step: WaterfallStepContext, detail: string): Promise<DialogTurnResult> {
  const { locale } = turnFacts(step.context);
  await step.context.sendActivity(t(locale, "common.invalidInput", { detail }));
  return askAgain(step);
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
    return askAgain(step);
  }
  return runStepAt(step, step.index - 2);
}

/** The waterfall's `values` (typed `object` by botbuilder), read and written by key; reads are parsed. */
export const stepValues = {
  string(step: WaterfallStepContext, key: string): string | undefined {
    const parsed = z.string().safeParse(Reflect.get(step.values, key));
    return parsed.success ? parsed.data : undefined;
  },
  number(step: WaterfallStepContext, key: string): number | undefined {
    const parsed = z.number().safeParse(Reflect.get(step.values, key));
    return parsed.success ? parsed.data : undefined;
  },
  set(step: WaterfallStepContext, key: string, value: string | number | boolean): void {
    Reflect.set(step.values, key, value);
  },
};
