import type { DialogTurnResult, WaterfallStep, WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import { escapeMarkdown } from "../cards/markdown";
import { NAVIGATION_VERBS } from "../cards/navigation";
import type { AdaptiveCardAttachment } from "../cards/render";
import { t } from "../cards/strings";
import type { CardSubmit } from "../cards/submit";
import { askWithCard } from "./cardPrompt";
import { flowOptionsSchema } from "./flow";
import type { Responder } from "./responder";
import { turnOf } from "./turn";

/**
 * A flow is a WaterfallDialog whose step i shows a card and whose step i + 1 reads its answer. Going back or asking
 * again never touches the waterfall's own state: the flow restarts itself (replaceDialog) with a `resume` saying at
 * which step to show a card again and the values its steps had saved; the steps before it pass straight through.
 */
const resumeSchema = z
  .object({
    at: z.number().int().nonnegative(),
    values: z.record(z.string(), z.unknown()),
    /** Shown at `at` instead of running that step: a card already built (with the error to fix on it). */
    show: z.object({ card: z.object({ contentType: z.string(), content: z.record(z.string(), z.unknown()) }), verbs: z.array(z.string()) }).optional(),
    /** What the step at `at` shows on its card: why it is asked again. */
    note: z.string().optional(),
  })
  .strict();

/** What a flow was started with, why it restarted itself (an outdated card) and where it resumes; malformed (forged) = none. */
export const startOptionsSchema = flowOptionsSchema.extend({ notice: z.enum(["stale"]).optional(), resume: resumeSchema.optional() }).strict();
export type StartOptions = z.infer<typeof startOptionsSchema>;

export function startOptions(step: WaterfallStepContext): StartOptions {
  const parsed = startOptionsSchema.safeParse(step.options ?? {});
  return parsed.success ? parsed.data : {};
}

/** True when the flow runs as it was started, not resumed by Back or a re-ask: only then do start options skip a card. */
export function isFreshStart(step: WaterfallStepContext): boolean {
  return startOptions(step).resume === undefined;
}

/** The reason the step at hand shows its card again (set by retry), or "". */
export function noteOf(step: WaterfallStepContext): string {
  const resume = startOptions(step).resume;
  return resume !== undefined && resume.at === step.index ? (resume.note ?? "") : "";
}

function resumeAt(step: WaterfallStepContext, at: number, extra: { note?: string; show?: { card: AdaptiveCardAttachment; verbs: readonly string[] } }): Promise<DialogTurnResult> {
  const id = step.activeDialog?.id;
  if (id === undefined) throw new Error("a waterfall step runs without an active dialog");
  const { resume: _previous, ...start } = startOptions(step);
  const show = extra.show === undefined ? undefined : { card: extra.show.card, verbs: [...extra.show.verbs] };
  const resume = { at: Math.max(0, at), values: { ...step.values }, note: extra.note, show };
  return step.replaceDialog(id, { ...start, resume } satisfies StartOptions);
}

/** Shows the card of the previous step again (that step runs again, `note` on its card); its answer comes back here. */
export function retry(step: WaterfallStepContext, note?: string): Promise<DialogTurnResult> {
  return resumeAt(step, step.index - 1, { note });
}

/** Shows `card` now in place of the card being answered; its answer comes back to this step. */
export function askAgain(step: WaterfallStepContext, card: AdaptiveCardAttachment, verbs: readonly string[]): Promise<DialogTurnResult> {
  return resumeAt(step, step.index - 1, { show: { card, verbs } });
}

/**
 * Wraps a flow's steps: resuming (above), and the Back and Cancel buttons (or typed "back"), which any card of a flow
 * may send. Each wrapper keeps its step's name, so botbuilder's telemetry names real steps.
 */
export function flowSteps(respond: Responder, steps: readonly WaterfallStep[]): WaterfallStep[] {
  return steps.map((run, index) => {
    const wrapped: WaterfallStep = async (step) => {
      const resume = startOptions(step).resume;
      if (resume !== undefined && index === 0) Object.assign(step.values, resume.values);
      if (resume !== undefined && index < resume.at) return step.next();
      if (resume?.show !== undefined && index === resume.at) return askWithCard(step, { contentType: "application/vnd.microsoft.card.adaptive", content: resume.show.card.content }, resume.show.verbs);
      const verb = submitOf(step.result)?.verb;
      if (verb === NAVIGATION_VERBS.cancel) {
        await respond.text(step.context, t(turnOf(step.context).locale, "common.canceled"));
        return step.endDialog();
      }
      if (verb === NAVIGATION_VERBS.back) return goBack(respond, step);
      return run(step);
    };
    Object.defineProperty(wrapped, "name", { value: run.name.replace(/^bound /, "") });
    return wrapped;
  });
}

/** The card being answered was shown by the previous step, so Back shows the card of the step before that. */
async function goBack(respond: Responder, step: WaterfallStepContext): Promise<DialogTurnResult> {
  if (step.index >= 2) return resumeAt(step, step.index - 2, {});
  await respond.text(step.context, t(turnOf(step.context).locale, "common.backUnavailable"));
  return retry(step);
}

/** Tells the person plainly what was wrong with their answer; nothing changed. */
export async function tellInvalid(respond: Responder, step: WaterfallStepContext, detail: string): Promise<void> {
  await respond.text(step.context, t(turnOf(step.context).locale, "common.invalidInput", { detail }));
}

const submitShape = z.object({ verb: z.string(), data: z.record(z.string(), z.unknown()) });

/** The card submit a step was resumed with; undefined when the step runs again (back, a re-ask) with no answer. */
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
export async function readAnswer<T>(respond: Responder, step: WaterfallStepContext, schema: z.ZodType<T>): Promise<Answer<T>> {
  const answer = parseAnswer(step.result, schema);
  if (answer.kind === "invalid") await tellInvalid(respond, step, escapeMarkdown(answer.detail.slice(0, 200)));
  return answer;
}

/** Typed access to what earlier steps remembered (step.values, kept in bot state between turns, typed `object`). */
export function stepValues<T extends z.ZodRawShape>(step: WaterfallStepContext, shape: T): { read(): z.infer<z.ZodObject<T>>; write(patch: Partial<z.infer<z.ZodObject<T>>>): void } {
  const schema = z.object(shape);
  return {
    read: () => schema.parse(step.values),
    write: (patch) => Object.assign(step.values, patch),
  };
}

/** Card inputs arrive as strings, an untouched optional field as "": both mean "not given". */
export function optionalText(max: number) {
  return z
    .string()
    .max(max)
    .optional()
    .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));
}

/**
 * The first step of a "pick an item, then act on it" flow: started from a button on an item, it skips the list and
 * hands that item on as if it had been picked; otherwise it shows the list (or ends when there is nothing to pick).
 * The list card may send other verbs too (`alsoAnswers`, e.g. its page buttons); the next step tells them apart.
 */
export async function pickItem(
  step: WaterfallStepContext,
  verb: string,
  listCard: () => Promise<AdaptiveCardAttachment | undefined>,
  alsoAnswers: readonly string[] = [],
): Promise<DialogTurnResult> {
  const options = startOptions(step);
  if (isFreshStart(step) && options.benefitId !== undefined) return step.next({ verb, data: { id: options.benefitId, version: options.version ?? 0 } });
  const card = await listCard();
  return card === undefined ? step.endDialog() : askWithCard(step, card, [verb, ...alsoAnswers]);
}

/** The verbs of the Back and Cancel buttons, which every form's card answers to besides its own. */
export const BACK_AND_CANCEL = [NAVIGATION_VERBS.back, NAVIGATION_VERBS.cancel] as const;

/** Tells what was wrong with the answer, then shows the same card again. Nothing changed. */
export async function rejectInput(respond: Responder, step: WaterfallStepContext, detail: string): Promise<DialogTurnResult> {
  await tellInvalid(respond, step, detail);
  return retry(step);
}
