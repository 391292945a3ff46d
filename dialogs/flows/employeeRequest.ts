import type { TurnContext } from "botbuilder";
import type { DialogTurnResult, WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import {
  findSubmittedRequest,
  holdersOf,
  isBenefitsError,
  listDirectory,
  recordRequestCards,
  refreshAudience,
  requestableBenefits,
  requestBenefit,
  REQUEST_REASON_MAX,
  type BenefitRequest,
  type DirectoryUser,
  type RefreshAudience,
  sentCardSchema,
  type SentCardRef,
} from "../../benefits";
import { adminRequestCard, nothingToRequestCard, REQUEST_VERBS, requestPickCard, requestSentCard, type PickValues } from "../../cards/benefitRequest";
import type { AdaptiveCardAttachment } from "../../cards/render";
import { errorText } from "../../cards/errors";
import { refSchema } from "../../cards/submit";
import { languageOf, t, type Locale } from "../../cards/strings";
import { askWithCard } from "../cardPrompt";
import { isSharedConversation } from "../privateMessenger";
import type { DialogFlow, FlowServices } from "../flow";
import { FlowDialog } from "../flowDialog";
import { loadQuietly } from "../responder";
import { askAgain, BACK_AND_CANCEL, isFreshStart, optionalText, parseAnswer, startOptions, stepValues } from "../steps";

export const REQUEST_FLOW = "request";

const pickSchema = z
  .object({
    id: refSchema.id.optional(),
    benefitId: refSchema.id,
    reason: optionalText(REQUEST_REASON_MAX),
    alternateEmail: optionalText(254).pipe(z.email().optional()),
  })
  .strict();

/** The form's id (see BenefitRequestInput.submissionId), drawn when the form is first shown. */
const formValues = { submissionId: z.string().optional() };

/** Refusals the employee can fix on the same card (their alternate email); others end the flow with the refusal card. */
const FIXABLE = ["SAME_EMAIL", "INVALID_INPUT"] as const;

/** An employee asks for a Visual Studio seat or a technical benefit; every global admin gets a card to decide. */
class RequestDialog extends FlowDialog {
  constructor(services: FlowServices) {
    super(REQUEST_FLOW, services);
    this.addSteps(this.pick.bind(this), this.send.bind(this));
  }

  private async pick(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale, deps } = this.facts(step.context);
    const start = startOptions(step);
    // "Send" on a form whose flow already ended (a second click, a replay): the request it created, if any, is the answer.
    if (isFreshStart(step) && start.verb === REQUEST_VERBS.send && start.benefitId !== undefined) {
      const submitted = await findSubmittedRequest(deps, actor, start.benefitId);
      if (submitted !== undefined) return this.showSent(step, submitted);
      await this.respond.stale(step.context);
      return step.endDialog();
    }
    const values = stepValues(step, formValues);
    if (values.read().submissionId === undefined) values.write({ submissionId: deps.newId() });
    const preselected = start.verb === REQUEST_VERBS.send ? undefined : start.benefitId;
    const { count, card } = await this.pickCard(step, { benefitId: preselected });
    if (count === 0) {
      await this.respond.card(step.context, nothingToRequestCard(locale, await holdersOf(deps, actor.tenantId, ["globalAdmin"])));
      return step.endDialog();
    }
    return askWithCard(step, card, [REQUEST_VERBS.send, ...BACK_AND_CANCEL]);
  }

  private async send(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale, deps } = this.facts(step.context);
    const answer = parseAnswer(step.result, pickSchema);
    const input = answer.kind === "ok" ? answer.value : undefined;
    if (input === undefined) {
      const { card } = await this.pickCard(step, {}, t(locale, "request.invalid.pick"));
      return askAgain(step, card, [REQUEST_VERBS.send, ...BACK_AND_CANCEL]);
    }
    const submissionId = stepValues(step, formValues).read().submissionId;
    const already = submissionId === undefined ? undefined : await findSubmittedRequest(deps, actor, submissionId);
    if (already !== undefined) return this.showSent(step, already);
    let request: BenefitRequest;
    try {
      request = await requestBenefit(deps, actor, { benefitId: input.benefitId, reason: input.reason ?? "", alternateEmail: input.alternateEmail, requesterLocale: languageOf(locale), submissionId });
    } catch (e) {
      if (!isBenefitsError(e)) throw e;
      // Two clicks at once: the other one created the request; this one says the same.
      const raced = e.code === "ALREADY_EXISTS" && submissionId !== undefined ? await findSubmittedRequest(deps, actor, submissionId) : undefined;
      if (raced !== undefined) return this.showSent(step, raced);
      if (FIXABLE.some((code) => code === e.code)) {
        const { card } = await this.pickCard(step, { benefitId: input.benefitId, reason: input.reason }, errorText(locale, e));
        return askAgain(step, card, [REQUEST_VERBS.send, ...BACK_AND_CANCEL]);
      }
      await this.respond.refuse(step.context, e);
      return step.endDialog();
    }
    const told = await this.tellAdmins(step.context, request);
    const place = { shared: isSharedConversation(step.context), refresh: told.audience };
    await this.respond.card(step.context, requestSentCard(locale, request, told, place));
    return step.endDialog();
  }

  /** The request is saved: a store failure while telling the admins must not turn it into an error, it was done. */
  private async tellAdmins(context: TurnContext, request: BenefitRequest) {
    const { actor, deps } = this.facts(context);
    const audience: RefreshAudience = (await loadQuietly(() => refreshAudience(deps, actor.tenantId, request))) ?? { userIds: [], unlisted: 0 };
    const admins = await loadQuietly(() => holdersOf(deps, actor.tenantId, ["globalAdmin"]));
    const requester = (await loadQuietly(() => listDirectory(deps, actor.tenantId)))?.find((u) => u.id === request.requesterId);
    if (admins === undefined) return { requester, reached: [], admins: [], audience };
    const sent = (await loadQuietly(() => this.sendToAdmins(context, request, { requester, admins, audience }))) ?? [];
    // Not recorded, the cards are not updated when an admin decides; the request itself is sound.
    await loadQuietly(() => recordRequestCards(deps, actor.tenantId, request.id, { adminCards: sent, requesterCard: ownViewRef(context), refreshAudience: audience }));
    return { requester, reached: admins.filter((a) => sent.some((s) => s.userId === a.id)), admins, audience };
  }

  /** The success card again, for a request this form already created (its admins were told by the first click). */
  private async showSent(step: WaterfallStepContext, request: BenefitRequest): Promise<DialogTurnResult> {
    const { actor, locale, deps } = this.facts(step.context);
    const admins = await holdersOf(deps, actor.tenantId, ["globalAdmin"]);
    const requester = (await listDirectory(deps, actor.tenantId)).find((u) => u.id === request.requesterId);
    const told = admins.filter((a) => request.adminCards.some((c) => c.userId === a.id));
    // While the first click is still telling the admins, none is recorded yet: say it was sent to them all.
    const reached = told.length > 0 ? told : admins;
    const place = { shared: isSharedConversation(step.context), refresh: await refreshAudience(deps, actor.tenantId, request) };
    await this.respond.card(step.context, requestSentCard(locale, request, { requester, reached, admins }, place));
    return step.endDialog();
  }

  /** The pick card as of now: what is requestable changes as seats are taken. */
  private async pickCard(step: WaterfallStepContext, values: PickValues = {}, error = ""): Promise<{ count: number; card: AdaptiveCardAttachment }> {
    const { actor, locale, deps } = this.facts(step.context);
    const benefits = await requestableBenefits(deps, actor);
    const submissionId = stepValues(step, formValues).read().submissionId ?? "";
    return { count: benefits.length, card: requestPickCard(locale, benefits, values, error, submissionId) };
  }

  private async sendToAdmins(
    context: TurnContext,
    request: BenefitRequest,
    to: { readonly requester: DirectoryUser | undefined; readonly admins: readonly { id: string }[]; readonly audience: RefreshAudience },
  ): Promise<SentCardRef[]> {
    // Each admin reads the card in their own language and time zone; Teams refreshes it to the view of the moment.
    const card = (reader: Locale) => adminRequestCard(reader, request, { requester: to.requester, decider: undefined }, { refresh: to.audience });
    const sent: SentCardRef[] = [];
    for (const admin of to.admins) {
      const delivered = await this.services.messenger.sendToUser(context, admin.id, card);
      if (delivered !== undefined) sent.push({ userId: admin.id, conversationId: delivered.conversationId, activityId: delivered.activityId });
    }
    return sent;
  }
}

/**
 * Where the requester's own view will be: in a personal chat it replaces the form they clicked (the invoke's
 * replyToId), so it can be updated once an admin decides. In a group chat it is posted anew, and refresh keeps it.
 */
function ownViewRef(context: TurnContext): SentCardRef | undefined {
  const activity = context.activity;
  if (activity.type !== "invoke" || isSharedConversation(context)) return undefined;
  const ref = sentCardSchema.safeParse({ userId: activity.from.aadObjectId, conversationId: activity.conversation.id, activityId: activity.replyToId });
  return ref.success ? ref.data : undefined;
}

export const requestFlow: DialogFlow = {
  id: REQUEST_FLOW,
  intents: [
    /^(i want to |i d like to |i would like to |can i |please )?(request|ask for|get me|apply for) (a |an |one |my )?(new )?(benefit|visual studio|vs|technical benefit|subscription)\b/,
    /^(new )?(benefit )?request$/,
    /^(je voudrais |je veux |puis-je |puis je )?(demander|obtenir|solliciter) (un |une )?(nouvel |nouveau )?(avantage|abonnement|visual studio|licence)\b/,
    /^(faire une |nouvelle )?demande d (un )?avantage$/,
  ],
  startVerbs: [REQUEST_VERBS.start, REQUEST_VERBS.send],
  answerVerbs: [REQUEST_VERBS.send, ...BACK_AND_CANCEL],
  create: (services) => new RequestDialog(services),
};
