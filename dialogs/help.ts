import type { TurnContext } from "botbuilder";
import { can } from "../benefits";
import { helpCard } from "../cards/help";
import type { FlowDefinition, FlowServices } from "./flow";
import { turnOf } from "./turn";

/** Shows the help card: what this person may do. */
export type ShowHelp = (context: TurnContext) => Promise<void>;

/** The help card lists only what this person's roles allow; people not yet in the directory are employees. */
export function helpFor(flows: readonly FlowDefinition[], services: FlowServices): ShowHelp {
  return async (context) => {
    const { actor, locale } = turnOf(context);
    const user = (await services.domain.repos.users.get(actor.tenantId, actor.userId))?.value;
    const allowed = flows.filter((f) => f.onHelpCard !== false && (f.capability === undefined || can(user, f.capability)));
    const entries = allowed.map((f) => ({ flowId: f.id, verb: f.startVerbs[0] ?? f.id, ...f.helpEntry?.(user) }));
    const name = user?.displayName ?? context.activity.from?.name ?? "";
    await services.respond.card(context, helpCard(locale, name, user?.roles ?? ["employee"], entries));
  };
}
