import type { TurnContext } from "botbuilder";
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import {
  holdersOf,
  isBenefitsError,
  listDirectory,
  recordRequestCards,
  requestableBenefits,
  requestBenefit,
  REQUEST_REASON_MAX,
  type BenefitRequest,
  type SentCardRef,
} from "../../benefits";
import { adminRequestCard, nothingToRequestCard, REQUEST_VERBS, requestPickCard, requestSentCard, type PickValues } from "../../cards/benefitRequest";
import type { AdaptiveCardAttachment } from "../../cards/render";
import { errorText } from "../../cards/errors";
import { refSchema } from "../../cards/submit";
import { languageOf, t, type Locale } from "../../cards/strings";
import type { FlowDefinition } from "../flow";
import { refusalCard, sendCard } from "../respond";
import { turnFacts } from "../turn";
import { privateMessengerOf } from "../privateMessenger";
import { askWithCard } from "../cardPrompt";
import { askCardAgain, optionalText, parseAnswer, startOptions } from "../steps";

export const REQUEST_FLOW = "request";

const pickSchema = z
  .object({ benefitId: refSchema.id, reason: optionalText(REQUEST_REASON_MAX), alternateEmail: optionalText(254).pipe(z.email().optional()) })
  .strict();

/** The pick card as of now: what is requestable changes as seats are taken. */
async function pickCard(step: WaterfallStepContext, values: PickValues = {}, error = ""): Promise<{ count: number; card: AdaptiveCardAttachment }> {
  const { actor, locale, deps } = turnFacts(step.context);
  const benefits = await requestableBenefits(deps, actor);
  return { count: benefits.length, card: requestPickCard(locale, benefits, values, error) };
}

async function pickStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const { actor, locale, deps } = turnFacts(step.context);
  const { count, card } = await pickCard(step, { benefitId: startOptions(step).benefitId });
  if (count === 0) {
    await sendCard(step.context, nothingToRequestCard(locale, await holdersOf(deps, actor.tenantId, ["globalAdmin"])));
    return step.endDialog();
  }
  return askWithCard(step, card, [REQUEST_VERBS.send]);
}

/** Refusals the employee can fix on the same card (their alternate email); others end the flow with the refusal card. */
const FIXABLE = ["SAME_EMAIL", "INVALID_INPUT"] as const;

async function sendStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const { actor, locale, deps } = turnFacts(step.context);
  const answer = parseAnswer(step.result, pickSchema);
  const input = answer.kind === "ok" ? answer.value : undefined;
  if (input === undefined) {
    const { card } = await pickCard(step, {}, t(locale, "request.invalid.pick"));
    return askCardAgain(step, card, [REQUEST_VERBS.send]);
  }
  let request: BenefitRequest;
  try {
    request = await requestBenefit(deps, actor, { benefitId: input.benefitId, reason: input.reason ?? "", alternateEmail: input.alternateEmail, requesterLocale: languageOf(locale) });
  } catch (e) {
    if (!isBenefitsError(e)) throw e;
    if (FIXABLE.some((code) => code === e.code)) {
      const { card } = await pickCard(step, { benefitId: input.benefitId, reason: input.reason }, errorText(locale, e));
      return askCardAgain(step, card, [REQUEST_VERBS.send]);
    }
    await sendCard(step.context, await refusalCard(step.context, e));
    return step.endDialog();
  }
  const admins = await holdersOf(deps, actor.tenantId, ["globalAdmin"]);
  const sent = await sendToAdmins(step.context, request, admins);
  if (sent.length > 0) await recordRequestCards(deps, actor.tenantId, request.id, sent);
  const reached = admins.filter((a) => sent.some((s) => s.userId === a.id));
  await sendCard(step.context, requestSentCard(locale, request, reached, admins));
  return step.endDialog();
}

async function sendToAdmins(context: TurnContext, request: BenefitRequest, admins: readonly { id: string }[]): Promise<SentCardRef[]> {
  const { actor, deps } = turnFacts(context);
  const requester = (await listDirectory(deps, actor.tenantId)).find((u) => u.id === request.requesterId);
  const card = (reader: Locale) => adminRequestCard(reader, request, { requester, decider: undefined });
  const messenger = privateMessengerOf(context);
  const sent: SentCardRef[] = [];
  for (const admin of admins) {
    const delivered = await messenger.sendToUser(context, admin.id, card);
    if (delivered !== undefined) sent.push({ userId: admin.id, conversationId: delivered.conversationId, activityId: delivered.activityId });
  }
  return sent;
}

export const requestFlow: FlowDefinition = {
  id: REQUEST_FLOW,
  intents: [
    /^(i want to |i d like to |i would like to |can i |please )?(request|ask for|get me|apply for) (a |an |one |my )?(new )?(benefit|visual studio|vs|technical benefit|subscription)\b/,
    /^(new )?(benefit )?request$/,
    /^(je voudrais |je veux |puis-je |puis je )?(demander|obtenir|solliciter) (un |une )?(nouvel |nouveau )?(avantage|abonnement|visual studio|licence)\b/,
    /^(faire une |nouvelle )?demande d (un )?avantage$/,
  ],
  startVerbs: [REQUEST_VERBS.start],
  create: () => new WaterfallDialog(REQUEST_FLOW, [pickStep, sendStep]),
};
