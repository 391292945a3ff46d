import { Dialog, type DialogContext, type DialogTurnResult } from "botbuilder-dialogs";
import { z } from "zod";
import type { AdaptiveCardAttachment } from "../cards/render";
import { readCardSubmit, type CardSubmit } from "../cards/submit";

export interface CardPromptOptions {
  readonly card: AdaptiveCardAttachment;
  /** The verbs this step answers to; any other submit is an outdated card and is ignored here. */
  readonly verbs: readonly string[];
}

const optionsSchema = z.object({ card: z.object({ contentType: z.string(), content: z.record(z.string(), z.unknown()) }), verbs: z.array(z.string()) });

export const CARD_PROMPT = "cardPrompt";
/** What the main dialog hands the flow when the person typed "back": the flow re-runs its previous step. */
export const STALE_SUBMIT = "cardPrompt.staleSubmit";

/** Shows a card and waits for one of its actions; the result is the raw submit, which the flow parses strictly. */
export class CardPrompt extends Dialog<CardPromptOptions> {
  constructor() {
    super(CARD_PROMPT);
  }

  override async beginDialog(dc: DialogContext, options?: CardPromptOptions): Promise<DialogTurnResult> {
    const parsed = optionsSchema.parse(options);
    dc.activeDialog!.state.verbs = parsed.verbs;
    await dc.context.sendActivity({ type: "message", attachments: [parsed.card] });
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const submit = readCardSubmit(dc.context.activity);
    const verbs = z.array(z.string()).parse(dc.activeDialog?.state.verbs ?? []);
    if (submit === undefined || !verbs.includes(submit.verb)) {
      // Typed text or a click on an older card: the main dialog decides (interruption, or re-show current state).
      dc.context.turnState.set(STALE_SUBMIT, submit !== undefined);
      return Dialog.EndOfTurn;
    }
    return dc.endDialog(submit satisfies CardSubmit);
  }
}

/** A waterfall step that shows `card` and waits for one of `verbs`: `return askWithCard(step, card, [...])`. */
export function askWithCard(dc: DialogContext, card: AdaptiveCardAttachment, verbs: readonly string[]): Promise<DialogTurnResult> {
  return dc.beginDialog(CARD_PROMPT, { card, verbs } satisfies CardPromptOptions);
}
