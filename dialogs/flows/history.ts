import { historyNames, recentChanges } from "../../benefits";
import { HISTORY_VERBS, historyCard, historyPageFrom, historyPageOf, historyReadLimit } from "../../cards/history";
import { readCardSubmit } from "../../cards/submit";
import type { AnswerFlow } from "../flow";
import { turnOf } from "../turn";

export const HISTORY_FLOW = "history";

/**
 * Typed, or a click on the card's Previous / Next, all answered in one turn: the page comes from the click's data
 * (re-validated and bounded), the tenant from the activity only.
 */
export const historyFlow: AnswerFlow = {
  id: HISTORY_FLOW,
  intents: [/^(show )?(the )?(history|audit|audit log|recent changes)$/, /^(voir )?(l )?(historique|journal|modifications recentes)$/],
  startVerbs: [HISTORY_VERBS.show, HISTORY_VERBS.previous, HISTORY_VERBS.next],
  answerVerbs: [],
  capability: "viewAudit",
  answer: ({ domain: deps, respond }) => async (context) => {
    const { actor, locale } = turnOf(context);
    const asked = historyPageOf(readCardSubmit(context.activity)?.data);
    const entries = await respond.attempt(context, () => recentChanges(deps, actor, historyReadLimit(asked)));
    if (!entries.ok) return;
    const shown = historyPageFrom(entries.value, asked);
    const names = await historyNames(deps, actor.tenantId, shown.entries);
    await respond.card(context, historyCard(locale, shown, names));
  },
};
