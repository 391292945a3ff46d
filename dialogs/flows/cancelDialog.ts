import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import { cancelCandidates, requestCancellation, reviewCancellation, type CancelReview } from "../../benefits";
import { CANCEL_VERBS, cancelPickCard, cancelRequestedCard, cancelReviewCard } from "../../cards/cancel";
import { noticeCard } from "../../cards/notice";
import { t } from "../../cards/strings";
import { refSchema } from "../../cards/submit";
import { askWithCard } from "../cardPrompt";
import type { FlowDefinition } from "../flow";
import { attempt, attemptExpecting } from "../respond";
import { askAgain, readAnswer, startOptions, stepValues } from "../steps";
import { turnFacts } from "../turn";

export const CANCEL_FLOW = "cancelBenefit";

const pickSchema = z.object({ benefitId: refSchema.id }).strict();
const confirmSchema = z.object({ id: refSchema.id, version: refSchema.version }).strict();

const state = { pickShown: z.boolean().optional(), benefitId: z.string().optional() };

/** "Cancel a membership benefit or offer": pick it, see whether a refund is possible and why, confirm, get a service request. */
export class CancelDialog extends WaterfallDialog {
  constructor() {
    super(CANCEL_FLOW);
    this.addStep((step) => this.pickStep(step));
    this.addStep((step) => this.reviewStep(step));
    this.addStep((step) => this.requestStep(step));
  }

  private async pickStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = startOptions(step);
    const values = stepValues(step, state);
    if (options.benefitId !== undefined && values.read().pickShown !== true) {
      values.write({ pickShown: true });
      return step.next({ verb: CANCEL_VERBS.pick, data: { benefitId: options.benefitId } });
    }
    values.write({ pickShown: true });
    return this.showPick(step);
  }

  private async reviewStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = await readAnswer(step, pickSchema);
    if (answer.kind === "invalid") return askAgain(step, () => this.showPick(step));
    if (answer.kind === "ok") stepValues(step, state).write({ benefitId: answer.value.benefitId });
    return this.showReview(step);
  }

  private async requestStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = await readAnswer(step, confirmSchema);
    const benefitId = stepValues(step, state).read().benefitId;
    if (answer.kind !== "ok" || answer.value.id !== benefitId) return askAgain(step, () => this.showReview(step));
    const { actor, locale, deps } = turnFacts(step.context);
    const requested = await attemptExpecting(step.context, ["STALE_CARD"], () =>
      requestCancellation(deps, actor, { benefitId: answer.value.id, expectedVersion: answer.value.version }),
    );
    if (requested.kind === "expected") return askAgain(step, () => this.showReview(step, t(locale, "common.staleCard")));
    if (requested.kind === "refused") return step.endDialog();
    await step.context.sendActivity({ attachments: [cancelRequestedCard(locale, requested.value.benefit, requested.value.request)] });
    return step.endDialog(requested.value);
  }

  private async showPick(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale, deps } = turnFacts(step.context);
    const candidates = await attempt(step.context, () => cancelCandidates(deps, actor));
    if (!candidates.ok) return step.endDialog();
    if (candidates.value.length === 0) {
      await step.context.sendActivity({ attachments: [noticeCard(t(locale, "cancelBenefit.none"))] });
      return step.endDialog();
    }
    return askWithCard(step, cancelPickCard(locale, candidates.value, stepValues(step, state).read().benefitId), [CANCEL_VERBS.pick]);
  }

  /** Whether a refund is possible; when it is not, the card says why and the flow ends there. */
  private async showReview(step: WaterfallStepContext, notice = ""): Promise<DialogTurnResult> {
    const { actor, locale, deps } = turnFacts(step.context);
    const benefitId = stepValues(step, state).read().benefitId;
    if (benefitId === undefined) return step.endDialog();
    const review = await attempt(step.context, (): Promise<CancelReview> => reviewCancellation(deps, actor, benefitId));
    if (!review.ok) return step.endDialog();
    const card = cancelReviewCard(locale, review.value, notice);
    if (!review.value.verdict.allowed) {
      await step.context.sendActivity({ attachments: [card] });
      return step.endDialog();
    }
    return askWithCard(step, card, [CANCEL_VERBS.confirm]);
  }
}

// Plain "cancel" / "annuler" stops any flow: a refund request always needs more words than that.
const CANCEL_INTENTS = [
  /\b(cancel|cancell?ation of) (a |an |the |my |this )?(benefit|offer|package|subscription)s?\b/,
  /\brefunds?\b/,
  /\bannul(er|ation d) (un |une |l |le |la |mon |ma |cet |cette )?(avantage|offre|package|abonnement)s?\b/,
  /\brembours/,
];

export const cancelFlow: FlowDefinition = {
  id: CANCEL_FLOW,
  intents: CANCEL_INTENTS,
  startVerbs: [CANCEL_VERBS.start],
  // Offers need Go-To-Market rights, other benefits Global admin (who has Go-To-Market rights too): so this is who may cancel anything.
  capability: "manageGoToMarket",
  create: () => new CancelDialog(),
};
