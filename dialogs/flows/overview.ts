import { BENEFIT_CATEGORIES, can, tenantOverview, unreachableRecipients, type BenefitCategory } from "../../benefits";
import { categoryCard, OVERVIEW_VERBS, overviewCard } from "../../cards/overview";
import type { AnswerFlow } from "../flow";
import { turnOf } from "../turn";

export const OVERVIEW_FLOW = "overview";

/** The category whose Open button was clicked on the overview; anything else shows the overview. */
function openedCategory(verb: string | undefined, id: string | undefined): BenefitCategory | undefined {
  if (verb !== OVERVIEW_VERBS.category) return undefined;
  return BENEFIT_CATEGORIES.find((c) => c === id);
}

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
  startVerbs: [OVERVIEW_VERBS.show, OVERVIEW_VERBS.category],
  answerVerbs: [],
  answer: ({ domain: deps, respond }) => async (context, start) => {
    const { actor, locale } = turnOf(context);
    const overview = await tenantOverview(deps, actor.tenantId);
    const viewer = overview.users.find((u) => u.id === actor.userId);
    const facts = { now: deps.now(), packages: overview.packages, users: overview.users, viewer };
    const category = openedCategory(start.verb, start.benefitId);
    if (category !== undefined) {
      await respond.card(context, categoryCard(locale, category, overview.benefits, facts));
      return;
    }
    // Only those who see the history learn who can't be reached (it names no one, but it is about other people).
    const unreachable = can(viewer, "viewAudit") ? await unreachableRecipients(deps, actor) : undefined;
    const card = overviewCard(locale, overview.benefits, facts, unreachable);
    await respond.card(context, card);
  },
};
