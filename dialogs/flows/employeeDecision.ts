import type { TurnContext } from "botbuilder";
import type { DialogTurnResult, WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import {
  approveBenefitRequest,
  BenefitsError,
  declineBenefitRequest,
  getShownRequest,
  isBenefitsError,
  listDirectory,
  listPendingBenefitRequests,
  refreshAudience,
  REQUEST_REASON_MAX,
  requireDecidable,
  viewerOf,
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
import { NAVIGATION_VERBS } from "../../cards/navigation";
import { readCardSubmit, refSchema } from "../../cards/submit";
import { t } from "../../cards/strings";
import type { DialogFlow, FlowServices } from "../flow";
import { FlowDialog } from "../flowDialog";
import { askWithCard } from "../cardPrompt";
import { askAgain, parseAnswer, startOptions, stepValues, optionalText, submitOf } from "../steps";
import { loadQuietly } from "../responder";

export const REQUEST_DECISION_FLOW = "requestDecision";

const clickSchema = z.object({ id: refSchema.id, version: refSchema.version, alternateEmail: optionalText(254) }).strict();
const reasonSchema = z.object({ id: refSchema.id, version: refSchema.version, reason: z.string().trim().min(1).max(REQUEST_REASON_MAX) }).strict();
/** What the decline-reason card answers with: the reason, leaving with the request still pending, or Cancel. */
const REASON_CARD_VERBS = [REQUEST_VERBS.declineSend, REQUEST_VERBS.keepPending, NAVIGATION_VERBS.cancel];
const declineStateSchema = z.object({ id: refSchema.id, version: refSchema.version });

/** The request being declined, kept in the waterfall's values between the click and the reason. */
const keptValues = { request: declineStateSchema.optional() };

/** Admins approve or decline employees' requests, from the card each admin got or from the pending list. */
class RequestDecisionDialog extends FlowDialog {
  constructor(services: FlowServices) {
    super(REQUEST_DECISION_FLOW, services);
    this.addSteps(this.clickedStep.bind(this), this.declineStep.bind(this));
  }

  private async peopleOf(context: TurnContext, request: BenefitRequest): Promise<RequestPeople> {
    const { actor, deps } = this.facts(context);
    const directory = await listDirectory(deps, actor.tenantId);
    return { requester: directory.find((u) => u.id === request.requesterId), decider: directory.find((u) => u.id === request.decidedBy) };
  }

  /** The request as the clicker may see it now (their roles of this moment); a pending one keeps its refresh. */
  private async cardOf(context: TurnContext, request: BenefitRequest, options: AdminCardOptions = {}) {
    const { actor, locale, deps } = this.facts(context);
    const directory = await listDirectory(deps, actor.tenantId);
    const people = { requester: directory.find((u) => u.id === request.requesterId), decider: directory.find((u) => u.id === request.decidedBy) };
    const viewer = viewerOf(request, actor, directory.find((u) => u.id === actor.userId));
    const refresh = request.state === "pending" ? (options.refresh ?? (await refreshAudience(deps, actor.tenantId, request))) : undefined;
    return adminRequestCard(locale, request, people, { ...options, viewer, refresh });
  }

  private async currentRequestCard(context: TurnContext, requestId: string, options: AdminCardOptions) {
    const { actor, deps } = this.facts(context);
    return this.cardOf(context, await getShownRequest(deps, actor.tenantId, requestId), options);
  }

  /**
   * Runs a decision. A request already decided or changed shows its current state (who decided); a missing alternate
   * email keeps the card pending with the reason; any other refusal (not an admin now, no seat) is shown on the
   * request's card as the clicker may see it now, so the card stays; only a request that is gone gets the refusal alone.
   */
  private async decideOrExplain<T>(context: TurnContext, requestId: string, run: () => Promise<T>, intended?: BenefitRequest["state"]): Promise<T | undefined> {
    const { actor, locale, deps } = this.facts(context);
    try {
      return await run();
    } catch (e) {
      if (!isBenefitsError(e)) throw e;
      // As it may be shown: an approval whose assignment failed is pending, with Approve to finish it, never "approved".
      const current = e.code === "NOT_FOUND" ? undefined : await loadQuietly(() => getShownRequest(deps, actor.tenantId, requestId));
      if (current !== undefined && current.state === intended && current.decidedBy === actor.userId) {
        // This admin's own double click: the decision is made, the card shows it as the first click did.
        await this.respond.card(context, await this.cardOf(context, current));
      } else if (current !== undefined && (e.code === "INVALID_STATE" || e.code === "STALE_CARD")) {
        const note = e.code === "INVALID_STATE" ? t(locale, "request.alreadyDecided") : t(locale, "common.staleCard");
        await this.respond.card(context, await this.cardOf(context, current, { note }));
      } else if (current !== undefined && (e.code === "INVALID_INPUT" || e.code === "SAME_EMAIL")) {
        await this.respond.card(context, await this.cardOf(context, current, { error: t(locale, "request.admin.emailNeeded") }));
      } else if (current !== undefined) {
        await this.respond.card(context, await this.cardOf(context, current, { error: await this.respond.errorText(context, e) }));
      } else {
        await this.respond.card(context, await this.respond.refusalCard(context, e));
      }
      return undefined;
    }
  }

  /** Every admin's card shows the decision; the employee hears it in their own language. */
  private async announceDecision(step: WaterfallStepContext, request: BenefitRequest): Promise<DialogTurnResult> {
    const { locale } = this.facts(step.context);
    const people = await this.peopleOf(step.context, request);
    const messenger = this.services.messenger;
    // Each admin's recorded card, in that admin's own language and time zone: this reaches every client, including
    // those that never refresh a card (older Teams, the Agents Playground); refresh only covers what an update misses.
    for (const ref of request.adminCards) await messenger.updateCard(step.context, ref, (reader) => adminRequestCard(reader, request, people));
    if (request.requesterCard !== undefined) {
      await messenger.updateCard(step.context, request.requesterCard, (reader) => adminRequestCard(reader, request, people, { viewer: "requester" }));
    }
    const told = await messenger.sendToUser(step.context, request.requesterId, requesterDecisionCard(request.requesterLocale, request, people.decider));
    await this.respond.card(step.context, adminRequestCard(locale, request, people, { note: requesterToldNote(locale, people.requester, told !== undefined) }));
    return step.endDialog();
  }

  private async listPendingStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale, deps } = this.facts(step.context);
    const outcome = await this.respond.attempt(step.context, () => listPendingBenefitRequests(deps, actor));
    if (!outcome.ok) return step.endDialog();
    if (outcome.value.length === 0) await this.respond.card(step.context, noPendingRequestsCard(locale));
    for (const request of outcome.value) await this.respond.card(step.context, await this.cardOf(step.context, request));
    return step.endDialog();
  }

  private async clickedStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale, deps } = this.facts(step.context);
    const start = startOptions(step);
    if (start.verb === undefined || start.verb === REQUEST_VERBS.list) return this.listPendingStep(step);
    // "back" from the reason card re-runs this step with typed text: the click is kept from the first run.
    const kept = stepValues(step, keptValues).read().request;
    const submit = readCardSubmit(step.context.activity);
    const click = kept !== undefined ? { ...kept, alternateEmail: undefined } : clickSchema.safeParse(submit?.data ?? {}).data;
    if (click === undefined) {
      await this.respond.card(step.context, errorCard(locale, new BenefitsError("INVALID_INPUT", "malformed request card")));
      return step.endDialog();
    }
    if (start.verb === REQUEST_VERBS.approve) {
      const approved = await this.decideOrExplain(step.context, click.id, () =>
        approveBenefitRequest(deps, actor, { requestId: click.id, expectedVersion: click.version, alternateEmail: click.alternateEmail }),
        "approved",
      );
      return approved === undefined ? step.endDialog() : this.announceDecision(step, approved);
    }
    const request = await this.decideOrExplain(step.context, click.id, () => requireDecidable(deps, actor, click.id, click.version));
    if (request === undefined) return step.endDialog();
    stepValues(step, keptValues).write({ request: { id: request.id, version: request.version } });
    const people = await this.peopleOf(step.context, request);
    return askWithCard(step, declineReasonCard(locale, request, people.requester), REASON_CARD_VERBS);
  }

  /** Keep pending changes nothing: the admin's card shows the request as it is now (Approve/Decline while pending). */
  private async keepPendingStep(step: WaterfallStepContext, requestId: string): Promise<DialogTurnResult> {
    await this.respond.card(step.context, await this.currentRequestCard(step.context, requestId, {}));
    return step.endDialog();
  }

  private async declineStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale, deps } = this.facts(step.context);
    const kept = declineStateSchema.parse(stepValues(step, keptValues).read().request);
    if (submitOf(step.result)?.verb === REQUEST_VERBS.keepPending) return this.keepPendingStep(step, kept.id);
    const answer = parseAnswer(step.result, reasonSchema);
    const input = answer.kind === "ok" ? answer.value : undefined;
    if (input === undefined || input.id !== kept.id) {
      const request = await this.decideOrExplain(step.context, kept.id, () => requireDecidable(deps, actor, kept.id, kept.version));
      if (request === undefined) return step.endDialog();
      const people = await this.peopleOf(step.context, request);
      return askAgain(step, declineReasonCard(locale, request, people.requester, t(locale, "request.invalid.reason")), REASON_CARD_VERBS);
    }
    const declined = await this.decideOrExplain(step.context, kept.id, () =>
      declineBenefitRequest(deps, actor, { requestId: kept.id, expectedVersion: kept.version, reason: input.reason }),
      "declined",
    );
    return declined === undefined ? step.endDialog() : this.announceDecision(step, declined);
  }
}

export const requestDecisionFlow: DialogFlow = {
  id: REQUEST_DECISION_FLOW,
  intents: [
    /^(show |list |see |view )?(the |my )?(pending |open |employee |employees )?(benefit )?requests( to approve| to decide)?$/,
    /^(voir |afficher |lister )?(les )?demandes( d avantages?)?( en attente| a traiter)?$/,
  ],
  startVerbs: [REQUEST_VERBS.list, REQUEST_VERBS.approve, REQUEST_VERBS.decline],
  capability: "assignBenefits",
  answerVerbs: REASON_CARD_VERBS,
  create: (services) => new RequestDecisionDialog(services),
};
