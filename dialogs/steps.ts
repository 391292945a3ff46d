import type { DialogTurnResult, WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import { escapeMarkdown } from "../cards/markdown";
import type { AdaptiveCardAttachment } from "../cards/render";
import { t } from "../cards/strings";
import type { CardSubmit } from "../cards/submit";
import { askWithCard } from "./cardPrompt";
import { flowOptionsSchema } from "./flow";
import { turnFacts } from "./turn";

/**
 * Shows a card again from the step that is running (`show` prompts with it), so its answer comes back to this same
 * step: after an invalid answer, a refusal the person can fix, or an outdated card. "back" still lands on the card
 * before this one, because the waterfall resumes at stepIndex + 1.
 */
export function askAgain(step: WaterfallStepContext, show: () => Promise<DialogTurnResult>): Promise<DialogTurnResult> {
  const state = step.activeDialog?.state;
  if (state !== undefined) state.stepIndex = step.index - 1;
  return show();
}

/** Runs the waterfall's step `index` now, with no answer: it shows its card again (Back buttons, earlier cards). */
export function runStepAt(step: WaterfallStepContext, index: number): Promise<DialogTurnResult> {
  const state = step.activeDialog?.state;
  if (state !== undefined) state.stepIndex = index - 1;
  return step.next();
}

/** Tells the person plainly what was wrong with their answer; nothing changed. */
export async function tellInvalid(step: WaterfallStepContext, detail: string): Promise<void> {
  const { locale } = turnFacts(step.context);
  await step.context.sendActivity(t(locale, "common.invalidInput", { detail }));
}

const submitShape = z.object({ verb: z.string(), data: z.record(z.string(), z.unknown()) });

/** The card submit a step was resumed with; undefined when the step runs again (back, a re-prompt) with no answer. */
export function submitOf(result: unknown): CardSubmit | undefined {
  const parsed = submitShape.safeParse(result);
  return parsed.success ? parsed.data : undefined;
}

export type Answer<T> =
  | { readonly kind: "none" }
  | { readonly kind: "invalid"; readonly detail: string }
  | { readonly kind: "ok"; readonly verb: string; readonly value: T };

/** The previous card's answer, its data parsed with a strict schema; "none" when the step re-runs with no answer. */
export function parseAnswer<T>(result: unknown, schema: z.ZodType<T>): Answer<T> {
  if (result === undefined) return { kind: "none" };
  const submit = submitOf(result);
  if (submit === undefined) return { kind: "invalid", detail: "" };
  const data = schema.safeParse(submit.data);
  if (data.success) return { kind: "ok", verb: submit.verb, value: data.data };
  const detail = data.error.issues.map((i) => [i.path.join("."), i.message].filter((s) => s !== "").join(": ")).join("; ");
  return { kind: "invalid", detail };
}

/** parseAnswer, telling the person what did not fit (the issues may quote forged field names: escaped). */
export async function readAnswer<T>(step: WaterfallStepContext, schema: z.ZodType<T>): Promise<Answer<T>> {
  const answer = parseAnswer(step.result, schema);
  if (answer.kind === "invalid") await tellInvalid(step, escapeMarkdown(answer.detail.slice(0, 200)));
  return answer;
}

/** What a flow was started with (flowOptionsSchema) plus why a flow restarted itself; malformed (forged) = none. */
export const startOptionsSchema = flowOptionsSchema.extend({ notice: z.enum(["stale"]).optional() }).strict();
export type StartOptions = z.infer<typeof startOptionsSchema>;

export function startOptions(step: WaterfallStepContext): StartOptions {
  const parsed = startOptionsSchema.safeParse(step.options ?? {});
  return parsed.success ? parsed.data : {};
}

/** Typed access to what earlier steps remembered (step.values, kept in bot state between turns, typed `object`). */
export function stepValues<T extends z.ZodRawShape>(step: WaterfallStepContext, shape: T): { read(): z.infer<z.ZodObject<T>>; write(patch: Partial<z.infer<z.ZodObject<T>>>): void } {
  const schema = z.object(shape);
  return {
    read: () => schema.parse(step.values),
    write: (patch) => Object.assign(step.values, patch),
  };
}

/** True once per flow instance: the first run of step 0 honours the start options, a re-run after "back" does not. */
export function firstRun(step: WaterfallStepContext): boolean {
  const values = stepValues(step, { started: z.boolean().optional() });
  if (values.read().started === true) return false;
  values.write({ started: true });
  return true;
}

/** Card inputs arrive as strings, an untouched optional field as "": both mean "not given". */
export function optionalText(max: number) {
  return z
    .string()
    .max(max)
    .optional()
    .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));
}

/** askAgain with a card already built. */
export function askCardAgain(step: WaterfallStepContext, card: AdaptiveCardAttachment, verbs: readonly string[]): Promise<DialogTurnResult> {
  return askAgain(step, () => askWithCard(step, card, verbs));
}

/**
 * The first step of a "pick an item, then act on it" flow: started from a button on an item, it skips the list and
 * hands that item on as if it had been picked; otherwise it shows the list (or ends when there is nothing to pick).
 */
export async function pickItem(
  step: WaterfallStepContext,
  verb: string,
  listCard: () => Promise<AdaptiveCardAttachment | undefined>,
): Promise<DialogTurnResult> {
  if (firstRun(step)) {
    const options = startOptions(step);
    if (options.benefitId !== undefined) return step.next({ verb, data: { id: options.benefitId, version: options.version ?? 0 } });
  }
  const card = await listCard();
  return card === undefined ? step.endDialog() : askWithCard(step, card, [verb]);
}
