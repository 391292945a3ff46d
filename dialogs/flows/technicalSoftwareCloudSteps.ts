import type { TurnContext } from "botbuilder";
import type { DialogTurnResult, WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import { isBenefitsError, type BenefitsError, type ErrorCode } from "../../benefits";
import type { AdaptiveCardAttachment } from "../../cards/render";
import { CARD_PROMPT, type CardPromptOptions } from "../cardPrompt";
import { flowOptionsSchema, type FlowOptions } from "../flow";
import { refusalCard, sendCard } from "../respond";

/** Shows `card` again and sends its answer back to the step that is running, not the next one (a re-prompt). */
export function promptAgain(step: WaterfallStepContext, card: AdaptiveCardAttachment, verbs: readonly string[]): Promise<DialogTurnResult> {
  // The waterfall resumes at stepIndex + 1; "back" still lands on the card before this one.
  step.activeDialog!.state.stepIndex = step.index - 1;
  return step.beginDialog(CARD_PROMPT, { card, verbs } satisfies CardPromptOptions);
}

export function showCard(step: WaterfallStepContext, card: AdaptiveCardAttachment, verbs: readonly string[]): Promise<DialogTurnResult> {
  return step.beginDialog(CARD_PROMPT, { card, verbs } satisfies CardPromptOptions);
}

const cardSubmitShape = z.object({ verb: z.string(), data: z.record(z.string(), z.unknown()) });

export type ParsedSubmit<T> = { readonly kind: "none" } | { readonly kind: "invalid" } | { readonly kind: "ok"; readonly verb: string; readonly data: T };

/** The answer of the previous card, parsed strictly; "none" when the step re-runs after "back". */
export function parseSubmit<T>(result: unknown, schema: z.ZodType<T>): ParsedSubmit<T> {
  if (result === undefined) return { kind: "none" };
  const submit = cardSubmitShape.safeParse(result);
  if (!submit.success) return { kind: "invalid" };
  const data = schema.safeParse(submit.data.data);
  return data.success ? { kind: "ok", verb: submit.data.verb, data: data.data } : { kind: "invalid" };
}

/** The options a flow was started with, or none when they are malformed (they may come from a forged card). */
export function startOptions(step: WaterfallStepContext): FlowOptions {
  const parsed = flowOptionsSchema.safeParse(step.options ?? {});
  return parsed.success ? parsed.data : {};
}

/** True once per flow instance: the first run of step 0 honours the start options, a re-run after "back" shows the list. */
export function firstRun(step: WaterfallStepContext): boolean {
  if (readValues(step, z.object({ started: z.boolean().optional() })).started === true) return false;
  writeValues(step, { started: true });
  return true;
}

/** What earlier steps remembered (step.values), read through a schema: it lives in bot state between turns. */
export function readValues<T>(step: WaterfallStepContext, schema: z.ZodType<T>): T {
  return schema.parse(step.values);
}

export function writeValues(step: WaterfallStepContext, patch: Readonly<Record<string, unknown>>): void {
  Object.assign(step.values, patch);
}

/** Refusals that mean "the card you clicked no longer shows the truth": answered with the current state, not an error. */
const REFRESH_CODES: readonly ErrorCode[] = ["STALE_CARD", "ALREADY_ASSIGNED", "INVALID_STATE", "NOT_ASSIGNED"];

export type UseCaseOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: BenefitsError };

/**
 * Runs a use case. A refusal that only says the card is outdated re-renders the current state (`refresh`, given the
 * refusal); any other refusal sends the refusal card (role needed and who holds it, not found, ...).
 */
export async function runUseCase<T>(
  context: TurnContext,
  run: () => Promise<T>,
  refresh?: (error: BenefitsError) => Promise<AdaptiveCardAttachment | undefined>,
): Promise<UseCaseOutcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    if (!isBenefitsError(e)) throw e;
    await answerRefusal(context, e, refresh);
    return { ok: false, error: e };
  }
}

export async function answerRefusal(
  context: TurnContext,
  error: BenefitsError,
  refresh?: (error: BenefitsError) => Promise<AdaptiveCardAttachment | undefined>,
): Promise<void> {
  const current = refresh !== undefined && REFRESH_CODES.includes(error.code) ? await refresh(error) : undefined;
  await sendCard(context, current ?? (await refusalCard(context, error)));
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
