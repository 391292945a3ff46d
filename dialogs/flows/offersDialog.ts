import { type DialogTurnResult, type WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import { MARKETING_CONTACT_ID, activateOffer, endOfDayIn, goToMarketView, requestOfferActivation, type GoToMarketOffer, type GoToMarketView } from "../../benefits";
import { activationRequestedCard, contactNeededCard, markActiveCard, OFFER_VERBS, offerActiveCard, offersCard } from "../../cards/offers";
import { escapeMarkdown } from "../../cards/markdown";
import { t, timeZoneOf } from "../../cards/strings";
import type { AdaptiveCardAttachment } from "../../cards/render";
import { refSchema } from "../../cards/submit";
import { askWithCard } from "../cardPrompt";
import type { FlowDefinition, FlowServices } from "../flow";
import { FlowDialog } from "../flowDialog";
import { listPageOf, showListPage, turnedPage } from "../listPaging";
import { MARKETING_CONTACT_FLOW } from "./marketingContactDialog";
import { retry, readAnswer, startOptions, stepValues, tellInvalid, isFreshStart, noteOf, BACK_AND_CANCEL } from "../steps";

export const OFFERS_FLOW = "goToMarketOffers";

const offerRef = { id: refSchema.id, version: refSchema.version };
const offerRefSchema = z.object({ ...offerRef }).strict();
// Input.Date submits yyyy-mm-dd, or nothing when left empty.
const confirmActiveSchema = z.object({ ...offerRef, expiresAt: z.string().max(40).default("") }).strict();

/** What the offers list answers to: an offer's button, the contact's, or a page of the list. */
const LIST_VERBS = [OFFER_VERBS.activate, OFFER_VERBS.markActive, OFFER_VERBS.changeContact, OFFER_VERBS.page] as const;

const state = {
  action: z.object({ verb: z.string(), id: z.string(), version: z.number() }).optional(),
  contactAsked: z.boolean().optional(),
};

/** The Go-To-Market page: offers under their level, Activate (setting the marketing contact first if needed), Mark active. */
export class OffersDialog extends FlowDialog {
  constructor(services: FlowServices) {
    super(OFFERS_FLOW, services);
    this.addSteps(this.listStep.bind(this), this.actionStep.bind(this), this.gatherStep.bind(this), this.activateStep.bind(this));
  }

  private async listStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = startOptions(step);
    const fromButton = options.verb === OFFER_VERBS.activate || options.verb === OFFER_VERBS.markActive;
    // A button on an offers card of a finished conversation: act on that offer as if clicked on the list.
    if (fromButton && isFreshStart(step)) return step.next({ verb: options.verb, data: { id: options.benefitId, version: options.version } });
    return this.showList(step, options.notice === "stale" ? t(this.facts(step.context).locale, "common.staleCard") : noteOf(step));
  }

  private async actionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const page = turnedPage(step.result, OFFER_VERBS.page);
    if (page !== undefined) return showListPage(step, page, () => this.listCard(step), LIST_VERBS);
    const answer = await readAnswer(this.respond, step, offerRefSchema);
    if (answer.kind === "invalid") return retry(step);
    if (answer.kind === "ok") {
      if (answer.verb === OFFER_VERBS.changeContact && answer.value.id !== MARKETING_CONTACT_ID) {
        await tellInvalid(this.respond, step, "id");
        return retry(step);
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
    const answer = await readAnswer(this.respond, step, offerRefSchema);
    if (answer.kind !== "ok") return retry(step);
    return step.beginDialog(MARKETING_CONTACT_FLOW, { verb: OFFER_VERBS.contactFirst });
  }

  private async activateStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { action, contactAsked } = stepValues(step, state).read();
    // The contact dialog ended without saving (refused, or canceled from within): nothing to activate.
    if (action === undefined || (contactAsked === true && step.result === undefined)) return step.endDialog();
    const { actor, locale, deps } = this.facts(step.context);
    const requested = await this.respond.attemptExpecting(step.context, ["STALE_CARD"], () =>
      requestOfferActivation(deps, actor, { benefitId: action.id, expectedVersion: action.version }),
    );
    if (requested.kind === "expected") return step.replaceDialog(OFFERS_FLOW, { notice: "stale" });
    if (requested.kind === "refused") return step.endDialog();
    const view = await this.view(step);
    // The contact was set on the way here: say so on this card, above the activation, so the two read in order.
    const contactSet = contactAsked === true && view?.contactUser !== undefined;
    const note = contactSet ? t(locale, "marketingContact.savedForOffer", { name: escapeMarkdown(view.contactUser?.displayName ?? "") }) : "";
    await this.respond.card(step.context, activationRequestedCard(locale, requested.value, view?.contact, view?.contactUser, note));
    return step.endDialog(requested.value);
  }

  private async markActive(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = await readAnswer(this.respond, step, confirmActiveSchema);
    if (answer.kind !== "ok") return retry(step);
    const { actor, locale, deps } = this.facts(step.context);
    if (answer.value.id !== stepValues(step, state).read().action?.id) {
      // The date card names the offer chosen on the list; a click carrying another offer's id is not that answer.
      await tellInvalid(this.respond, step, "id");
      return retry(step);
    }
    const expiresAt = endOfDayIn(answer.value.expiresAt, timeZoneOf(locale));
    if (expiresAt === undefined) {
      return retry(step, t(locale, "offers.invalidDate"));
    }
    const activated = await this.respond.attemptExpecting(step.context, ["STALE_CARD", "INVALID_INPUT"], () =>
      activateOffer(deps, actor, { benefitId: answer.value.id, expiresAt, expectedVersion: answer.value.version }),
    );
    if (activated.kind === "expected" && activated.error.code === "INVALID_INPUT") {
      return retry(step, t(locale, "offers.invalidDate"));
    }
    if (activated.kind === "expected") return step.replaceDialog(OFFERS_FLOW, { notice: "stale" });
    if (activated.kind === "refused") return step.endDialog();
    await this.respond.card(step.context, offerActiveCard(locale, activated.value));
    return step.endDialog(activated.value);
  }

  private async view(step: WaterfallStepContext): Promise<GoToMarketView | undefined> {
    const { actor, deps } = this.facts(step.context);
    const outcome = await this.respond.attempt(step.context, () => goToMarketView(deps, actor));
    return outcome.ok ? outcome.value : undefined;
  }

  private async showList(step: WaterfallStepContext, notice = ""): Promise<DialogTurnResult> {
    const card = await this.listCard(step, notice);
    return card === undefined ? step.endDialog() : askWithCard(step, card, LIST_VERBS);
  }

  /** The offers at the page this flow last showed. */
  private async listCard(step: WaterfallStepContext, notice = ""): Promise<AdaptiveCardAttachment | undefined> {
    const view = await this.view(step);
    return view === undefined ? undefined : offersCard(this.facts(step.context).locale, view, notice, listPageOf(step));
  }

  /** The card for the chosen action: the contact dialog, "set a contact first", or the expiry date. */
  private async showAction(step: WaterfallStepContext, error = noteOf(step)): Promise<DialogTurnResult> {
    const { action } = stepValues(step, state).read();
    if (action === undefined) return step.replaceDialog(OFFERS_FLOW, {});
    if (action.verb === OFFER_VERBS.changeContact) return step.beginDialog(MARKETING_CONTACT_FLOW, { verb: OFFER_VERBS.changeContact });
    const view = await this.view(step);
    if (view === undefined) return step.endDialog();
    const offer = findOffer(view, action.id);
    const { locale, deps } = this.facts(step.context);
    if (offer === undefined) {
      await this.respond.text(step.context, t(locale, "error.NOT_FOUND"));
      return step.replaceDialog(OFFERS_FLOW, {});
    }
    if (action.verb === OFFER_VERBS.markActive) return askWithCard(step, markActiveCard(locale, offer, deps.now(), error), [OFFER_VERBS.confirmActive, ...BACK_AND_CANCEL]);
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
  answerVerbs: [...BACK_AND_CANCEL, OFFER_VERBS.page, OFFER_VERBS.activate, OFFER_VERBS.markActive, OFFER_VERBS.changeContact, OFFER_VERBS.contactFirst, OFFER_VERBS.confirmActive],
  create: (services) => new OffersDialog(services),
};
