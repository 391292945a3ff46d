import { historyNames, recentChanges } from "../../benefits";
import { historyCard } from "../../cards/history";
import type { AnswerFlow } from "../flow";
import { turnOf } from "../turn";

export const HISTORY_FLOW = "history";
const RECENT_LIMIT = 20;

export const historyFlow: AnswerFlow = {
  id: HISTORY_FLOW,
  intents: [/^(show )?(the )?(history|audit|audit log|recent changes)$/, /^(voir )?(l )?(historique|journal|modifications recentes)$/],
  startVerbs: ["history.show"],
  answerVerbs: [],
  capability: "viewAudit",
  answer: ({ domain: deps, respond }) => async (context) => {
    const { actor, locale } = turnOf(context);
    const entries = await respond.attempt(context, () => recentChanges(deps, actor, RECENT_LIMIT));
    if (!entries.ok) return;
    const names = await historyNames(deps, actor.tenantId, entries.value);
    await respond.card(context, historyCard(locale, entries.value, names));
  },
};
