import { z } from "zod";
import { refreshAudience, viewBenefitRequest } from "../../benefits";
import { adminRequestCard, REQUEST_VERBS } from "../../cards/benefitRequest";
import { noticeCard } from "../../cards/notice";
import { t } from "../../cards/strings";
import { readCardSubmit, refSchema } from "../../cards/submit";
import type { AnswerFlow } from "../flow";
import { isSharedConversation } from "../privateMessenger";
import { loadQuietly } from "../responder";
import { turnOf } from "../turn";

export const REQUEST_VIEW_FLOW = "requestView";

/** The refresh carries the request's id only: who looks, and in which tenant, comes from the activity. */
const refreshSchema = z.object({ id: refSchema.id }).strict();

/**
 * Teams asks for a request card's refresh when someone looks at it (Universal Actions' user-specific views): the
 * answer is the request as that person may see it at this moment, re-read from storage and decided by their roles now.
 */
export const requestViewFlow: AnswerFlow = {
  id: REQUEST_VIEW_FLOW,
  intents: [],
  startVerbs: [REQUEST_VERBS.view],
  answerVerbs: [],
  onHelpCard: false,
  refreshesCards: true,
  answer: (services) => async (context) => {
    const { actor, locale } = turnOf(context);
    const deps = services.domain;
    // Only Teams' refresh (an invoke) has a reader's view to answer; a typed or Submit-sent copy of the verb does not.
    if (context.activity.type !== "invoke") {
      await services.respond.stale(context);
      return;
    }
    const refresh = refreshSchema.safeParse(readCardSubmit(context.activity)?.data ?? {});
    // A request of another tenant, or one that is gone, reads as missing: nothing of it is shown.
    const view = refresh.success ? await loadQuietly(() => viewBenefitRequest(deps, actor, refresh.data.id)) : undefined;
    if (view === undefined) {
      services.respond.view(context, noticeCard(t(locale, "common.staleCardGone")));
      return;
    }
    const audience = view.request.state === "pending" ? await refreshAudience(deps, actor.tenantId, view.request) : undefined;
    const options = { viewer: view.viewer, shared: isSharedConversation(context), refresh: audience };
    services.respond.view(context, adminRequestCard(locale, view.request, view, options));
  },
};
