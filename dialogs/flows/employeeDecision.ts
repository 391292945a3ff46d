import type { TurnContext } from "botbuilder";
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import {
  approveBenefitRequest,
  BenefitsError,
  declineBenefitRequest,
  getBenefitRequest,
  isBenefitsError,
  listDirectory,
  listPendingBenefitRequests,
  REQUEST_REASON_MAX,
  requireDecidable,
  type BenefitRequest,
} from "../../benefits";
import {
  adminRequestCard,
  declineReasonCard,
  noPendingRequestsCard,
  REQUEST_VERBS,
  requesterDecisionCard,
  requesterToldNote,
  type AdminCardOptions,
  type RequestPeople,
} from "../../cards/benefitRequest";
import { errorCard } from "../../cards/errors";
import { readCardSubmit, refSchema } from "../../cards/submit";
import { t } from "../../cards/strings";
import type { FlowDefinition } from "../flow";
import { attempt, refusalCard, sendCard } from "../respond";
import { turnFacts } from "../turn";
import { privateMessengerOf } from "../privateMessenger";
import { askWithCard } from "../cardPrompt";
import { askCardAgain, optionalText, parseAnswer, startOptions, stepValues } from "../steps";

export const REQUEST_DECISION_FLOW = "requestDecision";

const clickSchema = z.object({ id: refSchema.id, version: refSchema.version, alternateEmail: optionalText(254) }).strict();
const reasonSchema = z.object({ id: refSchema.id, version: refSchema.version, reason: z.string().trim().min(1).max(REQUEST_REASON_MAX) }).strict();
const declineStateSchema = z.object({ id: refSchema.id, version: refSchema.version });

/** The request being declined, kept in the waterfall's values between the click and the reason. */
const keptValues = { request: declineStateSchema.optional() };

async function peopleOf(context: TurnContext, request: BenefitRequest): Promise<RequestPeople> {
  const { actor, deps } = turnFacts(context);
  const directory = await listDirectory(deps, actor.tenantId);
  return { requester: directory.find((u) => u.id === request.requesterId), decider: directory.find((u) => u.id === request.decidedBy) };
}

async function currentRequestCard(context: TurnContext, requestId: string, options: AdminCardOptions) {
  const { actor, locale, deps } = turnFacts(context);
  const current = await getBenefitRequest(deps, actor.tenantId, requestId);
  return adminRequestCard(locale, current, await peopleOf(context, current), options);
}

/**
 * Runs a decision. A request already decided or changed shows its current state (who decided); a missing alternate
 * email keeps the card pending with the reason; any other refusal (not an admin, no seat) is the refusal card.
 */
async function decideOrExplain<T>(context: TurnContext, requestId: string, run: () => Promise<T>): Promise<T | undefined> {
  const { locale } = turnFacts(context);
  try {
    return await run();
  } catch (e) {
    if (!isBenefitsError(e)) throw e;
    if (e.code === "INVALID_STATE" || e.code === "STALE_CARD") {
      const note = e.code === "INVALID_STATE" ? t(locale, "request.alreadyDecided") : t(locale, "common.staleCard");
      await sendCard(context, await currentRequestCard(context, requestId, { note }));
    } else if (e.code === "INVALID_INPUT" || e.code === "SAME_EMAIL") {
      await sendCard(context, await currentRequestCard(context, requestId, { error: t(locale, "request.admin.emailNeeded") }));
    } else {
      await sendCard(context, await refusalCard(context, e));
    }
    return undefined;
  }
}

/** Every admin's card shows the decision; the employee hears it in their own language. */
async function announceDecision(step: WaterfallStepContext, request: BenefitRequest): Promise<DialogTurnResult> {
  const { locale } = turnFacts(step.context);
  const people = await peopleOf(step.context, request);
  const messenger = privateMessengerOf(step.context);
  for (const ref of request.adminCards) await messenger.updateCard(step.context, ref, (reader) => adminRequestCard(reader, request, people));
  const told = await messenger.sendToUser(step.context, request.requesterId, (reader) => requesterDecisionCard(reader, request, people.decider));
  await sendCard(step.context, adminRequestCard(locale, request, people, { note: requesterToldNote(locale, people.requester, told !== undefined) }));
  return step.endDialog();
}

async function listPendingStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const { actor, locale, deps } = turnFacts(step.context);
  const outcome = await attempt(step.context, () => listPendingBenefitRequests(deps, actor));
  if (!outcome.ok) return step.endDialog();
  if (outcome.value.length === 0) await sendCard(step.context, noPendingRequestsCard(locale));
  for (const request of outcome.value) await sendCard(step.context, adminRequestCard(locale, request, await peopleOf(step.context, request)));
  return step.endDialog();
}

async function clickedStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const { actor, locale, deps } = turnFacts(step.context);
  const start = startOptions(step);
  if (start.verb === undefined || start.verb === REQUEST_VERBS.list) return listPendingStep(step);
  // "back" from the reason card re-runs this step with typed text: the click is kept from the first run.
  const kept = stepValues(step, keptValues).read().request;
  const submit = readCardSubmit(step.context.activity);
  const click = kept !== undefined ? { ...kept, alternateEmail: undefined } : clickSchema.safeParse(submit?.data ?? {}).data;
  if (click === undefined) {
    await sendCard(step.context, errorCard(locale, new BenefitsError("INVALID_INPUT", "malformed request card")));
    return step.endDialog();
  }
  if (start.verb === REQUEST_VERBS.approve) {
    const approved = await decideOrExplain(step.context, click.id, () =>
      approveBenefitRequest(deps, actor, { requestId: click.id, expectedVersion: click.version, alternateEmail: click.alternateEmail }),
    );
    return approved === undefined ? step.endDialog() : announceDecision(step, approved);
  }
  const request = await decideOrExplain(step.context, click.id, () => requireDecidable(deps, actor, click.id, click.version));
  if (request === undefined) return step.endDialog();
  stepValues(step, keptValues).write({ request: { id: request.id, version: request.version } });
  const people = await peopleOf(step.context, request);
  return askWithCard(step, declineReasonCard(locale, request, people.requester), [REQUEST_VERBS.declineSend]);
}

async function declineStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const { actor, locale, deps } = turnFacts(step.context);
  const kept = declineStateSchema.parse(stepValues(step, keptValues).read().request);
  const answer = parseAnswer(step.result, reasonSchema);
  const input = answer.kind === "ok" ? answer.value : undefined;
  if (input === undefined || input.id !== kept.id) {
    const request = await decideOrExplain(step.context, kept.id, () => requireDecidable(deps, actor, kept.id, kept.version));
    if (request === undefined) return step.endDialog();
    const people = await peopleOf(step.context, request);
    return askCardAgain(step, declineReasonCard(locale, request, people.requester, t(locale, "request.invalid.reason")), [REQUEST_VERBS.declineSend]);
  }
  const declined = await decideOrExplain(step.context, kept.id, () =>
    declineBenefitRequest(deps, actor, { requestId: kept.id, expectedVersion: kept.version, reason: input.reason }),
  );
  return declined === undefined ? step.endDialog() : announceDecision(step, declined);
}

export const requestDecisionFlow: FlowDefinition = {
  id: REQUEST_DECISION_FLOW,
  intents: [
    /^(show |list |see |view )?(the |my )?(pending |open |employee |employees )?(benefit )?requests( to approve| to decide)?$/,
    /^(voir |afficher |lister )?(les )?demandes( d avantages?)?( en attente| a traiter)?$/,
  ],
  startVerbs: [REQUEST_VERBS.list, REQUEST_VERBS.approve, REQUEST_VERBS.decline],
  capability: "assignBenefits",
  create: () => new WaterfallDialog(REQUEST_DECISION_FLOW, [clickedStep, declineStep]),
};
