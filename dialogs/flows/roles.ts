import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import { requireActor, grantRole, listDirectory, revokeRole } from "../../benefits";
import { ASSIGNABLE_ROLES, GRANT_ROLE_VERB, MANAGE_ROLES_VERB, REVOKE_ROLE_VERB, roleChangedCard, rolesCard } from "../../cards/roles";
import { t } from "../../cards/strings";
import { refSchema } from "../../cards/submit";
import { askWithCard } from "../cardPrompt";
import type { FlowDefinition } from "../flow";
import { attempt } from "../respond";
import { turnFacts } from "../turn";
import { askAgain, submitOf, tellInvalid } from "../steps";

export const ROLES_FLOW = "roles";
const CANCEL_VERB = "roles.cancel";

const roleChangeSchema = z.object({ userId: refSchema.id, role: z.enum(ASSIGNABLE_ROLES) }).strict();

async function showRolesStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const { actor, locale, deps } = turnFacts(step.context);
  if (!(await attempt(step.context, () => requireActor(deps, actor, "manageRoles"))).ok) return step.endDialog();
  const users = await listDirectory(deps, actor.tenantId);
  return askWithCard(step, rolesCard(locale, users), [GRANT_ROLE_VERB, REVOKE_ROLE_VERB, CANCEL_VERB]);
}

async function changeRoleStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const { actor, locale, deps } = turnFacts(step.context);
  const submit = submitOf(step.result);
  if (submit === undefined) return step.endDialog();
  if (submit.verb === CANCEL_VERB) {
    await step.context.sendActivity(t(locale, "common.canceled"));
    return step.endDialog();
  }
  const parsed = roleChangeSchema.safeParse(submit.data);
  if (!parsed.success) {
    await tellInvalid(step, t(locale, "roles.invalid"));
    return askAgain(step, () => showRolesStep(step));
  }
  const change = submit.verb === GRANT_ROLE_VERB ? "grant" : "revoke";
  const run = change === "grant" ? grantRole : revokeRole;
  const changed = await attempt(step.context, () => run(deps, actor, parsed.data));
  if (!changed.ok) return step.endDialog();
  const users = await listDirectory(deps, actor.tenantId);
  await step.context.sendActivity({ attachments: [roleChangedCard(locale, change, changed.value, parsed.data.role, users)] });
  return step.endDialog();
}

export const rolesFlow: FlowDefinition = {
  id: ROLES_FLOW,
  intents: [/^(manage |show |see )?(the )?(user )?roles$/, /^(gerer|voir|afficher) (les )?roles$/, /^roles et (permissions|autorisations)$/],
  startVerbs: [MANAGE_ROLES_VERB],
  capability: "manageRoles",
  create: () => new WaterfallDialog(ROLES_FLOW, [showRolesStep, changeRoleStep]),
};
