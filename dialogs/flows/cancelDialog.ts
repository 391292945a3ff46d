import { type DialogTurnResult, type WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import { cancelCandidates, requestCancellation, reviewCancellation, type CancelReview } from "../../benefits";
import { CANCEL_VERBS, cancelKeptCard, cancelPickCard, cancelRequestedCard, cancelReviewCard } from "../../cards/cancel";
import { noticeCard } from "../../cards/notice";
import { t } from "../../cards/strings";
import { refSchema } from "../../cards/submit";
import { askWithCard } from "../cardPrompt";
import type { FlowDefinition, FlowServices } from "../flow";
import { FlowDialog } from "../flowDialog";
import { retry, readAnswer, startOptions, stepValues, isFreshStart, noteOf, BACK_AND_CANCEL } from "../steps";

export const CANCEL_FLOW = "cancelBenefit";

const pickSchema = z.object({ benefitId: refSchema.id }).strict();
const confirmSchema = z.object({ id: refSchema.id, version: refSchema.version }).strict();

const state = { benefitId: z.string().optional() };

/** "Cancel a membership benefit or offer": pick it, see whether a refund is possible and why, confirm, get a service request. */
export class CancelDialog extends FlowDialog {
  constructor(services: FlowServices) {
    super(CANCEL_FLOW, services);
    this.addSteps(this.pickStep.bind(this), this.reviewStep.bind(this), this.requestStep.bind(this));
  }

  private async pickStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = startOptions(step);
    if (isFreshStart(step) && options.benefitId !== undefined) return step.next({ verb: CANCEL_VERBS.pick, data: { benefitId: options.benefitId } });
    return this.showPick(step);
  }

  private async reviewStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = await readAnswer(this.respond, step, pickSchema);
    if (answer.kind === "invalid") return retry(step);
    if (answer.kind === "ok") stepValues(step, state).write({ benefitId: answer.value.benefitId });
    return this.showReview(step);
  }

  private async requestStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = await readAnswer(this.respond, step, confirmSchema);
    const benefitId = stepValues(step, state).read().benefitId;
    if (answer.kind !== "ok" || answer.value.id !== benefitId) return retry(step);
    const { actor, locale, deps } = this.facts(step.context);
    if (answer.verb === CANCEL_VERBS.keep) {
      const review = await this.respond.attempt(step.context, () => reviewCancellation(deps, actor, answer.value.id));
      if (review.ok) await this.respond.card(step.context, cancelKeptCard(locale, review.value.benefit));
      return step.endDialog();
    }
    const requested = await this.respond.attemptExpecting(step.context, ["STALE_CARD"], () =>
      requestCancellation(deps, actor, { benefitId: answer.value.id, expectedVersion: answer.value.version }),
    );
    if (requested.kind === "expected") return retry(step, t(locale, "common.staleCard"));
    if (requested.kind === "refused") return step.endDialog();
    await this.respond.card(step.context, cancelRequestedCard(locale, requested.value.benefit, requested.value.request));
    return step.endDialog(requested.value);
  }

  private async showPick(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale, deps } = this.facts(step.context);
    const candidates = await this.respond.attempt(step.context, () => cancelCandidates(deps, actor));
    if (!candidates.ok) return step.endDialog();
    if (candidates.value.length === 0) {
      await this.respond.card(step.context, noticeCard(t(locale, "cancelBenefit.none")));
      return step.endDialog();
    }
    return askWithCard(step, cancelPickCard(locale, candidates.value, stepValues(step, state).read().benefitId), [CANCEL_VERBS.pick, ...BACK_AND_CANCEL]);
  }

  /** Whether a refund is possible; when it is not, the card says why and the flow ends there. */
  private async showReview(step: WaterfallStepContext, notice = noteOf(step)): Promise<DialogTurnResult> {
    const { actor, locale, deps } = this.facts(step.context);
    const benefitId = stepValues(step, state).read().benefitId;
    if (benefitId === undefined) return step.endDialog();
    const review = await this.respond.attempt(step.context, (): Promise<CancelReview> => reviewCancellation(deps, actor, benefitId));
    if (!review.ok) return step.endDialog();
    const card = cancelReviewCard(locale, review.value, notice);
    if (!review.value.verdict.allowed) {
      await this.respond.card(step.context, card);
      return step.endDialog();
    }
    return askWithCard(step, card, [CANCEL_VERBS.confirm, CANCEL_VERBS.keep]);
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
  answerVerbs: [...BACK_AND_CANCEL, CANCEL_VERBS.pick, CANCEL_VERBS.confirm, CANCEL_VERBS.keep],
  create: (services) => new CancelDialog(services),
};
