import type { TurnContext } from "botbuilder";
import { createExportLink, exportUrl, requireActor, type ExportKind } from "../../benefits";
import { EXPORT_VERBS, exportLinkCard } from "../../cards/export";
import { t } from "../../cards/strings";
import type { AnswerFlow, FlowServices } from "../flow";
import { turnOf } from "../turn";

export const EXPORT_ASSIGNMENTS_FLOW = "exportAssignments";
export const EXPORT_HISTORY_FLOW = "exportHistory";

/** A one-time link to a CSV, for a global admin: refused to anyone else, and said plainly when links have no address. */
function exportAnswer(kind: ExportKind) {
  return ({ domain: deps, respond, exportBaseUrl }: FlowServices) =>
    async (context: TurnContext) => {
      const { actor, locale } = turnOf(context);
      if (!(await respond.attempt(context, () => requireActor(deps, actor, "exportData"))).ok) return;
      const baseUrl = exportBaseUrl?.();
      if (baseUrl === undefined) {
        await respond.text(context, t(locale, "export.noBaseUrl"));
        return;
      }
      const link = await respond.attempt(context, () => createExportLink(deps, actor, kind));
      if (!link.ok) return;
      await respond.card(context, exportLinkCard(locale, kind, exportUrl(baseUrl, link.value.token), link.value.expiresAt));
    };
}

export const exportAssignmentsFlow: AnswerFlow = {
  id: EXPORT_ASSIGNMENTS_FLOW,
  intents: [/^export (the )?(assignments|assigned benefits)$/, /^exporter (les )?attributions$/],
  startVerbs: [EXPORT_VERBS.assignments],
  answerVerbs: [],
  capability: "exportData",
  answer: exportAnswer("assignments"),
};

export const exportHistoryFlow: AnswerFlow = {
  id: EXPORT_HISTORY_FLOW,
  intents: [/^export (the )?(history|audit log)$/, /^exporter (l )?(historique|journal)$/],
  startVerbs: [EXPORT_VERBS.history],
  answerVerbs: [],
  capability: "exportData",
  answer: exportAnswer("history"),
};
