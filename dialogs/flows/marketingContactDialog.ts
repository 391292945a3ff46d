import { type DialogTurnResult, type WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import {
  MARKETING_CONTACT_ID,
  checkMarketingContact,
  findPickablePerson,
  goToMarketView,
  idSchema,
  peopleToPick,
  setMarketingContact,
  type BenefitsError,
  type DirectoryUser,
  type GoToMarketView,
} from "../../benefits";
import { errorText } from "../../cards/errors";
import {
  CONTACT_LANGUAGES,
  CONTACT_VERBS,
  contactConfirmCard,
  contactDetailsCard,
  contactPickUserCard,
  contactSavedCard,
  marketingContactCard,
  type ContactDetails,
} from "../../cards/marketingContact";
import { OFFER_VERBS } from "../../cards/offers";
import { t, type Locale } from "../../cards/strings";
import { refSchema } from "../../cards/submit";
import { askWithCard } from "../cardPrompt";
import type { FlowDefinition, FlowServices } from "../flow";
import { FlowDialog } from "../flowDialog";
import { retry, readAnswer, startOptions, stepValues, isFreshStart, noteOf, BACK_AND_CANCEL } from "../steps";

export const MARKETING_CONTACT_FLOW = "marketingContact";

/** Started by the offers flow (Activate with no contact, or Change contact): skip the current-contact card and hand the contact back. */
const EMBEDDED_VERBS: readonly string[] = [OFFER_VERBS.contactFirst, OFFER_VERBS.changeContact];

const contactRef = { id: z.literal(MARKETING_CONTACT_ID), version: refSchema.version };
const editSchema = z.object({ ...contactRef }).strict();
const pickSchema = z.object({ ...contactRef, userId: idSchema }).strict();
const detailsSchema = z
  .object({
    ...contactRef,
    alternateEmail: z.string().max(254).default(""),
    phone: z.string().max(40).default(""),
    language: z.enum(CONTACT_LANGUAGES),
  })
  .strict();
const confirmSchema = z.object({ ...contactRef }).strict();

const detailsValues = z.object({ alternateEmail: z.string(), phone: z.string(), language: z.enum(CONTACT_LANGUAGES) });
const state = {
  /** The contact's version when the admin last saw it; undefined when there was none. */
  seenVersion: z.number().optional(),
  userId: z.string().optional(),
  details: detailsValues.optional(),
};

/** Partner Center's Add / Update / Change marketing contact: pick a user, alternate email, phone, language, confirm. */
export class MarketingContactDialog extends FlowDialog {
  constructor(services: FlowServices) {
    super(MARKETING_CONTACT_FLOW, services);
    this.addSteps(this.currentContactStep.bind(this), this.pickUserStep.bind(this), this.detailsStep.bind(this), this.confirmStep.bind(this), this.saveStep.bind(this));
  }

  private async currentContactStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = startOptions(step);
    const values = stepValues(step, state);
    if (options.notice === undefined && EMBEDDED_VERBS.includes(options.verb ?? "") && isFreshStart(step)) {
      const view = await this.view(step);
      if (view === undefined) return step.endDialog();
      values.write({ seenVersion: view.contact?.version });
      return step.next();
    }
    return this.showCurrentContact(step, options.notice === "stale" ? t(this.facts(step.context).locale, "common.staleCard") : noteOf(step));
  }

  private async pickUserStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = await readAnswer(this.respond, step, editSchema);
    if (answer.kind === "invalid") return retry(step);
    return this.showPickUser(step);
  }

  private async detailsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = await readAnswer(this.respond, step, pickSchema);
    if (answer.kind === "invalid") return retry(step);
    if (answer.kind === "ok") {
      const view = await this.view(step);
      if (view === undefined) return step.endDialog();
      // A typeahead choice is whatever id the client sent: it must be a person of this tenant who has not left.
      const { deps, actor } = this.facts(step.context);
      if ((await findPickablePerson(deps, actor.tenantId, answer.value.userId)) === undefined) {
        await this.respond.text(step.context, t(this.facts(step.context).locale, "error.NOT_FOUND"));
        return retry(step);
      }
      const values = stepValues(step, state);
      if (values.read().userId !== answer.value.userId) values.write({ userId: answer.value.userId, details: undefined });
    }
    return this.showDetails(step);
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = await readAnswer(this.respond, step, detailsSchema);
    if (answer.kind === "invalid") return retry(step);
    if (answer.kind === "ok") {
      const { locale } = this.facts(step.context);
      const values = stepValues(step, state);
      const entered: ContactDetails = { alternateEmail: answer.value.alternateEmail.trim(), phone: answer.value.phone.trim(), language: answer.value.language };
      values.write({ details: entered });
      const { actor, deps } = this.facts(step.context);
      const userId = values.read().userId ?? "";
      const checked = await this.respond.attemptExpecting(step.context, ["INVALID_INPUT", "SAME_EMAIL", "INVALID_PHONE"], () => checkMarketingContact(deps, actor, { userId, ...entered }));
      if (checked.kind === "refused") return step.endDialog();
      if (checked.kind === "expected") return retry(step, detailsErrorText(locale, checked.error));
      values.write({ details: { alternateEmail: checked.value.alternateEmail, phone: checked.value.phone, language: entered.language } });
    }
    return this.showConfirm(step);
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = await readAnswer(this.respond, step, confirmSchema);
    if (answer.kind !== "ok") return retry(step);
    const { actor, locale, deps } = this.facts(step.context);
    const { userId, details, seenVersion } = stepValues(step, state).read();
    if (userId === undefined || details === undefined) return step.endDialog();
    const saved = await this.respond.attemptExpecting(step.context, ["STALE_CARD"], () => setMarketingContact(deps, actor, { userId, ...details, expectedVersion: seenVersion, sawNoContact: seenVersion === undefined }));
    const options = startOptions(step);
    if (saved.kind === "expected") return step.replaceDialog(MARKETING_CONTACT_FLOW, { verb: options.verb, notice: "stale" });
    if (saved.kind === "refused") return step.endDialog();
    // Started by the offers flow: it shows the next card, which says who the contact now is (one card, in order).
    if (!EMBEDDED_VERBS.includes(options.verb ?? "")) {
      await this.respond.card(step.context, contactSavedCard(locale, saved.value, await this.chosenUser(step), OFFER_VERBS.start));
    }
    return step.endDialog(saved.value);
  }

  private async view(step: WaterfallStepContext): Promise<GoToMarketView | undefined> {
    const { actor, deps } = this.facts(step.context);
    const outcome = await this.respond.attempt(step.context, () => goToMarketView(deps, actor));
    return outcome.ok ? outcome.value : undefined;
  }

  private async chosenUser(step: WaterfallStepContext): Promise<DirectoryUser | undefined> {
    const { deps, actor } = this.facts(step.context);
    return findPickablePerson(deps, actor.tenantId, stepValues(step, state).read().userId);
  }

  private async showCurrentContact(step: WaterfallStepContext, notice = ""): Promise<DialogTurnResult> {
    const view = await this.view(step);
    if (view === undefined) return step.endDialog();
    stepValues(step, state).write({ seenVersion: view.contact?.version });
    return askWithCard(step, marketingContactCard(this.facts(step.context).locale, view.contact, view.contactUser, notice), [CONTACT_VERBS.edit]);
  }

  private async showPickUser(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const view = await this.view(step);
    if (view === undefined) return step.endDialog();
    const { deps, actor, locale } = this.facts(step.context);
    const selected = await findPickablePerson(deps, actor.tenantId, stepValues(step, state).read().userId ?? view.contact?.userId);
    const toPick = await peopleToPick(deps, actor.tenantId, { kind: "directory" });
    return askWithCard(step, contactPickUserCard(locale, toPick, selected, view.contact), [CONTACT_VERBS.pickUser, ...BACK_AND_CANCEL]);
  }

  private async showDetails(step: WaterfallStepContext, error = noteOf(step)): Promise<DialogTurnResult> {
    const view = await this.view(step);
    const values = stepValues(step, state).read();
    const user = await this.chosenUser(step);
    if (view === undefined || user === undefined) return step.endDialog();
    const current = view.contact?.userId === user.id ? view.contact : undefined;
    const language = detailsValues.shape.language.safeParse(current?.language);
    const prefill = values.details ?? { alternateEmail: current?.alternateEmail, phone: current?.phone, language: language.success ? language.data : undefined };
    return askWithCard(step, contactDetailsCard(this.facts(step.context).locale, user, prefill, view.contact, error), [CONTACT_VERBS.details, ...BACK_AND_CANCEL]);
  }

  private async showConfirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const view = await this.view(step);
    const values = stepValues(step, state).read();
    const user = await this.chosenUser(step);
    if (view === undefined || user === undefined || values.details === undefined) return step.endDialog();
    return askWithCard(step, contactConfirmCard(this.facts(step.context).locale, user, values.details, view.contact), [CONTACT_VERBS.confirm, ...BACK_AND_CANCEL]);
  }
}

/** What to fix on the details card; a malformed alternate email keeps this card's own wording. */
function detailsErrorText(locale: Locale, error: BenefitsError): string {
  return error.code === "INVALID_INPUT" && error.details.field === "alternateEmail" ? t(locale, "marketingContact.invalidEmail") : errorText(locale, error);
}

export const marketingContactFlow: FlowDefinition = {
  id: MARKETING_CONTACT_FLOW,
  intents: [/\bmarketing contact\b/, /\bcontact marketing\b/],
  startVerbs: [CONTACT_VERBS.start],
  capability: "manageGoToMarket",
  answerVerbs: [CONTACT_VERBS.edit, CONTACT_VERBS.pickUser, CONTACT_VERBS.details, CONTACT_VERBS.confirm, ...BACK_AND_CANCEL],
  create: (services) => new MarketingContactDialog(services),
};
