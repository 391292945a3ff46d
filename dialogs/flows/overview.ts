import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from "botbuilder-dialogs";
import { BENEFIT_CATEGORIES, tenantOverview, type BenefitCategory } from "../../benefits";
import { categoryCard, OVERVIEW_VERBS, overviewCard } from "../../cards/overview";
import { flowOptionsSchema, type FlowDefinition } from "../flow";
import { turnFacts } from "../turn";

export const OVERVIEW_FLOW = "overview";

async function showOverviewStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const { actor, locale, deps } = turnFacts(step.context);
  const overview = await tenantOverview(deps, actor.tenantId);
  const viewer = overview.users.find((u) => u.id === actor.userId);
  const context = { now: deps.now(), packages: overview.packages, users: overview.users, viewer };
  const category = openedCategory(step.options);
  const card = category === undefined ? overviewCard(locale, overview.benefits, context) : categoryCard(locale, category, overview.benefits, context);
  await step.context.sendActivity({ attachments: [card] });
  return step.endDialog();
}

/** The category whose Open button was clicked on the overview; anything else shows the overview. */
function openedCategory(options: unknown): BenefitCategory | undefined {
  const parsed = flowOptionsSchema.safeParse(options ?? {});
  if (!parsed.success || parsed.data.verb !== OVERVIEW_VERBS.category) return undefined;
  return BENEFIT_CATEGORIES.find((c) => c === parsed.data.benefitId);
}

export const overviewFlow: FlowDefinition = {
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
  create: () => new WaterfallDialog(OVERVIEW_FLOW, [showOverviewStep]),
};
