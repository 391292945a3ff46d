import type { DialogContext } from "botbuilder-dialogs";
import { can } from "../benefits";
import { helpCard } from "../cards/help";
import type { FlowDefinition } from "./flow";
import type { ShowHelp } from "./mainDialog";
import { turnFacts } from "./turn";

/** The help card lists only what this person's roles allow; people not yet in the directory are employees. */
export function helpFor(flows: readonly FlowDefinition[]): ShowHelp {
  return async (dc: DialogContext) => {
    const { actor, locale, deps } = turnFacts(dc.context);
    const user = (await deps.repos.users.get(actor.tenantId, actor.userId))?.value;
    const allowed = flows.filter((f) => f.capability === undefined || can(user, f.capability));
    const entries = allowed.map((f) => ({ flowId: f.id, verb: f.startVerbs[0] ?? f.id, ...f.helpEntry?.(user) }));
    const name = user?.displayName ?? dc.context.activity.from?.name ?? "";
    await dc.context.sendActivity({ attachments: [helpCard(locale, name, user?.roles ?? ["employee"], entries)] });
  };
}
