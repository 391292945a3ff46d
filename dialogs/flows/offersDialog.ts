import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import { MARKETING_CONTACT_ID, activateOffer, endOfDayIn, goToMarketView, requestOfferActivation, type GoToMarketOffer, type GoToMarketView } from "../../benefits";
import { activationRequestedCard, contactNeededCard, markActiveCard, OFFER_VERBS, offerActiveCard, offersCard } from "../../cards/offers";
import { t, timeZoneOf } from "../../cards/strings";
import { refSchema } from "../../cards/submit";
import { askWithCard } from "../cardPrompt";
import type { FlowDefinition } from "../flow";
import { attempt, attemptExpecting } from "../respond";
import { askAgain, readAnswer, startOptions, stepValues, tellInvalid } from "../steps";
import { turnFacts } from "../turn";
import { MARKETING_CONTACT_FLOW } from "./marketingContactDialog";

export const OFFERS_FLOW = "goToMarketOffers";

const offerRef = { id: refSchema.id, version: refSchema.version };
const offerRefSchema = z.object({ ...offerRef }).strict();
// Input.Date submits yyyy-mm-dd, or nothing when left empty.
const confirmActiveSchema = z.object({ ...offerRef, expiresAt: z.string().max(40).default("") }).strict();

const state = {
  listShown: z.boolean().optional(),
  action: z.object({ verb: z.string(), id: z.string(), version: z.number() }).optional(),
  contactAsked: z.boolean().optional(),
};

/** The Go-To-Market page: offers under their level, Activate (setting the marketing contact first if needed), Mark active. */
export class OffersDialog extends WaterfallDialog {
  constructor() {
    super(OFFERS_FLOW);
    this.addStep((step) => this.listStep(step));
    this.addStep((step) => this.actionStep(step));
    this.addStep((step) => this.gatherStep(step));
    this.addStep((step) => this.activateStep(step));
  }

  private async listStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = startOptions(step);
    const values = stepValues(step, state);
    const fromButton = options.verb === OFFER_VERBS.activate || options.verb === OFFER_VERBS.markActive;
    if (fromButton && values.read().listShown !== true) {
      // A button on an offers card of a finished conversation: act on that offer as if clicked on the list.
      values.write({ listShown: true });
      return step.next({ verb: options.verb, data: { id: options.benefitId, version: options.version } });
    }
    values.write({ listShown: true });
    return this.showList(step, options.notice === "stale" ? t(turnFacts(step.context).locale, "common.staleCard") : "");
  }

  private async actionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = await readAnswer(step, offerRefSchema);
    if (answer.kind === "invalid") return askAgain(step, () => this.showList(step));
    if (answer.kind === "ok") {
      if (answer.verb === OFFER_VERBS.changeContact && answer.value.id !== MARKETING_CONTACT_ID) {
        await tellInvalid(step, "id");
        return askAgain(step, () => this.showList(step));
      }
      stepValues(step, state).write({ action: { verb: answer.verb, ...answer.value }, contactAsked: false });
    }
    return this.showAction(step);
  }

  private async gatherStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { action, contactAsked } = stepValues(step, state).read();
    if (action?.verb === OFFER_VERBS.changeContact) return step.replaceDialog(OFFERS_FLOW, {});
    if (action?.verb === OFFER_VERBS.markActive) return this.markActive(step);
    if (contactAsked !== true) return step.next();
    const answer = await readAnswer(step, offerRefSchema);
    if (answer.kind !== "ok") return askAgain(step, () => this.showAction(step));
    return step.beginDialog(MARKETING_CONTACT_FLOW, { verb: OFFER_VERBS.contactFirst });
  }

  private async activateStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { action, contactAsked } = stepValues(step, state).read();
    // The contact dialog ended without saving (refused, or canceled from within): nothing to activate.
    if (action === undefined || (contactAsked === true && step.result === undefined)) return step.endDialog();
    const { actor, locale, deps } = turnFacts(step.context);
    const requested = await attemptExpecting(step.context, ["STALE_CARD"], () =>
      requestOfferActivation(deps, actor, { benefitId: action.id, expectedVersion: action.version }),
    );
    if (requested.kind === "expected") return step.replaceDialog(OFFERS_FLOW, { notice: "stale" });
    if (requested.kind === "refused") return step.endDialog();
    const view = await this.view(step);
    await step.context.sendActivity({ attachments: [activationRequestedCard(locale, requested.value, view?.contact, view?.contactUser)] });
    return step.endDialog(requested.value);
  }

  private async markActive(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = await readAnswer(step, confirmActiveSchema);
    if (answer.kind !== "ok") return askAgain(step, () => this.showAction(step));
    const { actor, locale, deps } = turnFacts(step.context);
    if (answer.value.id !== stepValues(step, state).read().action?.id) {
      // The date card names the offer chosen on the list; a click carrying another offer's id is not that answer.
      await tellInvalid(step, "id");
      return askAgain(step, () => this.showAction(step));
    }
    const expiresAt = endOfDayIn(answer.value.expiresAt, timeZoneOf(locale));
    if (expiresAt === undefined) {
      return askAgain(step, () => this.showAction(step, t(locale, "offers.invalidDate")));
    }
    const activated = await attemptExpecting(step.context, ["STALE_CARD", "INVALID_INPUT"], () =>
      activateOffer(deps, actor, { benefitId: answer.value.id, expiresAt, expectedVersion: answer.value.version }),
    );
    if (activated.kind === "expected" && activated.error.code === "INVALID_INPUT") {
      return askAgain(step, () => this.showAction(step, t(locale, "offers.invalidDate")));
    }
    if (activated.kind === "expected") return step.replaceDialog(OFFERS_FLOW, { notice: "stale" });
    if (activated.kind === "refused") return step.endDialog();
    await step.context.sendActivity({ attachments: [offerActiveCard(locale, activated.value)] });
    return step.endDialog(activated.value);
  }

  private async view(step: WaterfallStepContext): Promise<GoToMarketView | undefined> {
    const { actor, deps } = turnFacts(step.context);
    const outcome = await attempt(step.context, () => goToMarketView(deps, actor));
    return outcome.ok ? outcome.value : undefined;
  }

  private async showList(step: WaterfallStepContext, notice = ""): Promise<DialogTurnResult> {
    const view = await this.view(step);
    if (view === undefined) return step.endDialog();
    const verbs = [OFFER_VERBS.activate, OFFER_VERBS.markActive, OFFER_VERBS.changeContact];
    return askWithCard(step, offersCard(turnFacts(step.context).locale, view, notice), verbs);
  }

  /** The card for the chosen action: the contact dialog, "set a contact first", or the expiry date. */
  private async showAction(step: WaterfallStepContext, error = ""): Promise<DialogTurnResult> {
    const { action } = stepValues(step, state).read();
    if (action === undefined) return step.replaceDialog(OFFERS_FLOW, {});
    if (action.verb === OFFER_VERBS.changeContact) return step.beginDialog(MARKETING_CONTACT_FLOW, { verb: OFFER_VERBS.changeContact });
    const view = await this.view(step);
    if (view === undefined) return step.endDialog();
    const offer = findOffer(view, action.id);
    const { locale, deps } = turnFacts(step.context);
    if (offer === undefined) {
      await step.context.sendActivity(t(locale, "error.NOT_FOUND"));
      return step.replaceDialog(OFFERS_FLOW, {});
    }
    if (action.verb === OFFER_VERBS.markActive) return askWithCard(step, markActiveCard(locale, offer, deps.now(), error), [OFFER_VERBS.confirmActive]);
    if (view.contact !== undefined) return step.next();
    stepValues(step, state).write({ contactAsked: true });
    return askWithCard(step, contactNeededCard(locale, offer), [OFFER_VERBS.contactFirst]);
  }
}

function findOffer(view: GoToMarketView, id: string): GoToMarketOffer | undefined {
  return view.levels.flatMap((level) => level.offers).find((row) => row.offer.id === id)?.offer;
}

export const offersFlow: FlowDefinition = {
  id: OFFERS_FLOW,
  intents: [/\bgo ?-? ?to ?-? ?market\b/, /\bgtm\b/, /\boff(er|re)s?\b/, /\bactiva(te|ter) (an |une |the |l )?off(er|re)\b/],
  startVerbs: [OFFER_VERBS.start, OFFER_VERBS.activate, OFFER_VERBS.markActive],
  capability: "manageGoToMarket",
  create: () => new OffersDialog(),
};
