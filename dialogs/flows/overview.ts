import { BENEFIT_CATEGORIES, overviewFor, type BenefitCategory } from "../../benefits";
import { categoryCard, OVERVIEW_VERBS, overviewCard } from "../../cards/overview";
import { askedPage } from "../../cards/paging";
import { readCardSubmit } from "../../cards/submit";
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
    // One read of the tenant for everything the card shows, the viewer's roles included.
    const overview = await overviewFor(deps, actor);
    const facts = { now: deps.now(), packages: overview.packages, users: overview.users, viewer: overview.viewer };
    const category = openedCategory(start.verb, start.benefitId);
    if (category !== undefined) {
      // A category's page buttons open it again with their page (from the click's data, bounded like any card input).
      const page = askedPage(readCardSubmit(context.activity)?.data);
      await respond.card(context, categoryCard(locale, category, overview.benefits, facts, page));
      return;
    }
    const card = overviewCard(locale, overview.benefits, facts, overview.unreachable);
    await respond.card(context, card);
  },
};
