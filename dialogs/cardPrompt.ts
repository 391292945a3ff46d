import type { DialogContext, DialogTurnResult } from "botbuilder-dialogs";
import { Dialog, WaterfallStepContext } from "./dialogClasses";
import { z } from "zod";
import { NAVIGATION_VERBS } from "../cards/navigation";
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCardAttachment } from "../cards/render";
import { t } from "../cards/strings";
import { readCardSubmit, type CardSubmit } from "../cards/submit";
import { interruptionIn } from "./interruptions";
import type { Responder } from "./responder";
import { turnOf } from "./turn";

export const CARD_PROMPT = "cardPrompt";

const optionsSchema = z.object({
  card: z.object({ contentType: z.literal(ADAPTIVE_CARD_CONTENT_TYPE), content: z.record(z.string(), z.unknown()) }),
  verbs: z.array(z.string()),
  canGoBack: z.boolean(),
  settled: z.boolean().optional(),
});
type CardPromptOptions = z.infer<typeof optionsSchema>;
const stateSchema = z.object({ verbs: z.array(z.string()), canGoBack: z.boolean(), settled: z.boolean().optional() });

/** What the prompt does with input that is not one of its card's answers (typed text, a click on another card). */
export type UnexpectedInput = (dc: DialogContext) => Promise<DialogTurnResult>;

/**
 * Shows a card and waits for one of its actions; the result is the raw submit, which the flow parses strictly.
 * Typed "back" is the card's Back button.
 */
export class CardPrompt extends Dialog<CardPromptOptions> {
  constructor(
    private readonly respond: Responder,
    private readonly unexpected: UnexpectedInput,
  ) {
    super(CARD_PROMPT);
  }

  override async beginDialog(dc: DialogContext, options?: CardPromptOptions): Promise<DialogTurnResult> {
    const parsed = optionsSchema.parse(options);
    Object.assign(dc.activeDialog?.state ?? {}, { verbs: parsed.verbs, canGoBack: parsed.canGoBack, settled: parsed.settled });
    await this.respond.card(dc.context, parsed.card);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const submit = readCardSubmit(dc.context.activity);
    const state = stateSchema.parse(dc.activeDialog?.state);
    if (submit !== undefined && state.verbs.includes(submit.verb)) return dc.endDialog(submit satisfies CardSubmit);
    if (submit === undefined && state.settled !== true && dc.context.activity.type === "message" && interruptionIn(dc.context.activity.text) === "back") {
      if (state.canGoBack) return dc.endDialog({ verb: NAVIGATION_VERBS.back, data: {} } satisfies CardSubmit);
      await this.respond.text(dc.context, t(turnOf(dc.context).locale, "common.backUnavailable"));
      return Dialog.EndOfTurn;
    }
    return this.unexpected(dc);
  }
}

/** A step that shows `card` and waits for one of `verbs`: `return askWithCard(step, card, [...])`. */
export function askWithCard(dc: DialogContext, card: AdaptiveCardAttachment, verbs: readonly string[]): Promise<DialogTurnResult> {
  // A waterfall's card at step i is answered at i + 1; Back from there shows step i - 1's card, so it needs i >= 1.
  const canGoBack = dc instanceof WaterfallStepContext && dc.index >= 1;
  return dc.beginDialog(CARD_PROMPT, { card, verbs: [...verbs], canGoBack } satisfies CardPromptOptions);
}

/**
 * A step that shows what was done and stays only for a replay of the click that did it (`replayVerbs`, e.g. a double
 * click on "Assign"), so that second click gets the same answer; any other message is routed as a new one.
 */
export function showSettled(dc: DialogContext, card: AdaptiveCardAttachment, replayVerbs: readonly string[]): Promise<DialogTurnResult> {
  return dc.beginDialog(CARD_PROMPT, { card, verbs: [...replayVerbs], canGoBack: false, settled: true } satisfies CardPromptOptions);
}

/** Whether the waiting card is one of showSettled's (nothing to answer on it). */
export function isSettledPrompt(dc: DialogContext): boolean {
  const state = stateSchema.safeParse(dc.activeDialog?.state);
  return dc.activeDialog?.id === CARD_PROMPT && state.success && state.data.settled === true;
}
