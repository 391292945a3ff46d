import { tenantOverview } from "../../benefits";
import { overviewCards } from "../../cards/overview";
import type { AnswerFlow } from "../flow";
import { turnOf } from "../turn";

export const OVERVIEW_FLOW = "overview";

export const overviewFlow: AnswerFlow = {
  id: OVERVIEW_FLOW,
  // "my benefits" / "mes avantages" belong to the employee's own list: only the organization's view is matched here.
  intents: [
    /^(show |see |view )?(me )?(all )?(our |the )?(organization s |company s |org )?benefits( overview)?$/,
    /^(benefits )?overview$/,
    /^(voir |afficher )?(les |nos |tous les )?avantages( de l organisation| de l entreprise)?$/,
    /^mes avantages de l organisation$/,
    /^apercu( des avantages)?$/,
  ],
  startVerbs: ["overview.show"],
  answerVerbs: [],
  answer: ({ domain: deps, respond }) => async (context) => {
    const { actor, locale } = turnOf(context);
    const overview = await tenantOverview(deps, actor.tenantId);
    const viewer = overview.users.find((u) => u.id === actor.userId);
    const cards = overviewCards(locale, overview.benefits, { now: deps.now(), packages: overview.packages, users: overview.users, viewer });
    for (const card of cards) await respond.card(context, card);
  },
};
