import type { DialogTurnResult, WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import { isBenefitsError, type BenefitsError, type ErrorCode } from "../../benefits";
import { escapeMarkdown } from "../../cards/markdown";
import { t } from "../../cards/strings";
import { flowOptionsSchema } from "../flow";
import { attempt } from "../respond";
import { turnFacts } from "../turn";

/**
 * Asks the previous step's card again from this step (the answer was invalid, or the card outdated): the answer comes
 * back to this same step, while "back" still goes to the step before that card.
 */
export function askAgain(step: WaterfallStepContext, ask: () => Promise<DialogTurnResult>): Promise<DialogTurnResult> {
  const state = step.activeDialog?.state;
  if (state !== undefined) state.stepIndex = step.index - 1;
  return ask();
}

const submitShape = z.object({ verb: z.string(), data: z.record(z.string(), z.unknown()) });

/**
 * The previous card's answer parsed with a strict schema; undefined when the step is re-run by "back" (no answer).
 * A forged or malformed answer is told to the person in plain words and comes back as `invalid`.
 */
export async function readAnswer<T>(step: WaterfallStepContext, schema: z.ZodType<T>): Promise<{ readonly kind: "none" } | { readonly kind: "invalid" } | { readonly kind: "ok"; readonly value: T }> {
  if (step.result === undefined) return { kind: "none" };
  const submit = submitShape.safeParse(step.result);
  const parsed = submit.success ? schema.safeParse({ verb: submit.data.verb, ...submit.data.data }) : undefined;
  if (parsed?.success === true) return { kind: "ok", value: parsed.data };
  const { locale } = turnFacts(step.context);
  const detail = parsed?.error.issues.map((i) => [i.path.join("."), i.message].filter((s) => s !== "").join(": ")).join("; ") ?? "";
  await step.context.sendActivity(t(locale, "common.invalidInput", { detail: escapeMarkdown(detail.slice(0, 200)) }));
  return { kind: "invalid" };
}

/** Flow options: what the router passes (flowOptionsSchema) plus why a flow restarted itself. */
export const restartOptionsSchema = flowOptionsSchema.extend({ notice: z.enum(["stale"]).optional() }).strict();
export type RestartOptions = z.infer<typeof restartOptionsSchema>;

export function startOptions(step: WaterfallStepContext): RestartOptions {
  const parsed = restartOptionsSchema.safeParse(step.options ?? {});
  return parsed.success ? parsed.data : {};
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
export async function attemptExpecting<T>(step: WaterfallStepContext, expected: readonly ErrorCode[], run: () => Promise<T>): Promise<Attempted<T>> {
  const outcome = await attempt(step.context, async (): Promise<{ readonly value: T } | { readonly handedBack: BenefitsError }> => {
    try {
      return { value: await run() };
    } catch (e) {
      if (!isBenefitsError(e) || !expected.includes(e.code)) throw e;
      return { handedBack: e };
    }
  });
  if (!outcome.ok) return { kind: "refused", error: outcome.error };
  if ("handedBack" in outcome.value) return { kind: "expected", error: outcome.value.handedBack };
  return { kind: "ok", value: outcome.value.value };
}

/** Typed access to a flow's step.values, which botbuilder types as a bare object. */
export function flowValues<T extends z.ZodRawShape>(step: WaterfallStepContext, shape: T): { read(): z.infer<z.ZodObject<T>>; write(patch: Partial<z.infer<z.ZodObject<T>>>): void } {
  const schema = z.object(shape);
  return {
    read: () => schema.parse(step.values),
    write: (patch) => Object.assign(step.values, patch),
  };
}
