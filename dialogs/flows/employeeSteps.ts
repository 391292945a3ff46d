import type { DialogTurnResult, WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import type { AdaptiveCardAttachment } from "../../cards/render";
import { CARD_PROMPT, type CardPromptOptions } from "../cardPrompt";
import { flowOptionsSchema, type FlowOptions } from "../flow";

export function showCard(step: WaterfallStepContext, card: AdaptiveCardAttachment, verbs: readonly string[]): Promise<DialogTurnResult> {
  return step.beginDialog(CARD_PROMPT, { card, verbs } satisfies CardPromptOptions);
}

/** Shows `card` again and hands its answer to the step that is running (a re-prompt after an invalid answer). */
export function askAgain(step: WaterfallStepContext, card: AdaptiveCardAttachment, verbs: readonly string[]): Promise<DialogTurnResult> {
  // The waterfall resumes at stepIndex + 1; "back" still lands on the card before this one.
  step.activeDialog!.state.stepIndex = step.index - 1;
  return step.beginDialog(CARD_PROMPT, { card, verbs } satisfies CardPromptOptions);
}

const cardSubmitShape = z.object({ verb: z.string(), data: z.record(z.string(), z.unknown()) });

/** The previous card's answer parsed strictly, or undefined when it is missing or does not fit. */
export function submittedData<T>(result: unknown, schema: z.ZodType<T>): T | undefined {
  const submit = cardSubmitShape.safeParse(result);
  if (!submit.success) return undefined;
  const data = schema.safeParse(submit.data.data);
  return data.success ? data.data : undefined;
}

/** What the flow was started with; malformed options (a forged card) count as none. */
export function flowStart(step: WaterfallStepContext): FlowOptions {
  const parsed = flowOptionsSchema.safeParse(step.options ?? {});
  return parsed.success ? parsed.data : {};
}

/** Card inputs arrive as strings, an untouched optional field as "" : both mean "not given". */
export function optionalText(max: number) {
  return z
    .string()
    .max(max)
    .optional()
    .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));
}
