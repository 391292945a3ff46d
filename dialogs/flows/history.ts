import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from "botbuilder-dialogs";
import { historyNames, recentChanges } from "../../benefits";
import { historyCard } from "../../cards/history";
import type { FlowDefinition } from "../flow";
import { attempt } from "../respond";
import { turnFacts } from "../turn";

export const HISTORY_FLOW = "history";
const RECENT_LIMIT = 20;

async function showHistoryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const { actor, locale, deps } = turnFacts(step.context);
  const entries = await attempt(step.context, () => recentChanges(deps, actor, RECENT_LIMIT));
  if (!entries.ok) return step.endDialog();
  const names = await historyNames(deps, actor.tenantId, entries.value);
  await step.context.sendActivity({ attachments: [historyCard(locale, entries.value, names)] });
  return step.endDialog();
}

export const historyFlow: FlowDefinition = {
  id: HISTORY_FLOW,
  intents: [/^(show )?(the )?(history|audit|audit log|recent changes)$/, /^(voir )?(l )?(historique|journal|modifications recentes)$/],
  startVerbs: ["history.show"],
  capability: "viewAudit",
  create: () => new WaterfallDialog(HISTORY_FLOW, [showHistoryStep]),
};
