import type { DialogTurnResult, WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import { findPickablePerson, grantRole, listDirectory, peopleToPick, requireActor, revokeRole } from "../../benefits";
import { ASSIGNABLE_ROLES, ROLE_VERBS, roleChangedCard, rolesCard } from "../../cards/roles";
import { t } from "../../cards/strings";
import { refSchema } from "../../cards/submit";
import { askWithCard } from "../cardPrompt";
import type { DialogFlow, FlowServices } from "../flow";
import { FlowDialog } from "../flowDialog";
import { noteOf, retry, submitOf } from "../steps";

export const ROLES_FLOW = "roles";

const roleChangeSchema = z.object({ userId: refSchema.id, role: z.enum(ASSIGNABLE_ROLES) }).strict();

/** Partner Center's roles page: grant or revoke a role, one at a time; a refusal keeps the card, with the reason on it. */
class RolesDialog extends FlowDialog {
  constructor(services: FlowServices) {
    super(ROLES_FLOW, services);
    this.addSteps(this.showRoles.bind(this), this.changeRole.bind(this));
  }

  private async showRoles(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale, deps } = this.facts(step.context);
    if (!(await this.respond.attempt(step.context, () => requireActor(deps, actor, "manageRoles"))).ok) return step.endDialog();
    const users = await listDirectory(deps, actor.tenantId);
    const toPick = await peopleToPick(deps, actor.tenantId, { kind: "directory" });
    return askWithCard(step, rolesCard(locale, users, toPick, noteOf(step)), [ROLE_VERBS.grant, ROLE_VERBS.revoke, ROLE_VERBS.cancel]);
  }

  private async changeRole(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale, deps } = this.facts(step.context);
    const submit = submitOf(step.result);
    if (submit === undefined) return step.endDialog();
    if (submit.verb === ROLE_VERBS.cancel) {
      await this.respond.text(step.context, t(locale, "common.canceled"));
      return step.endDialog();
    }
    const parsed = roleChangeSchema.safeParse(submit.data);
    if (!parsed.success) return retry(step, t(locale, "common.invalidInput", { detail: t(locale, "roles.invalid") }));
    const change = submit.verb === ROLE_VERBS.grant ? "grant" : "revoke";
    // A typeahead choice is whatever id the client sent: a role goes only to a person of this tenant who has not left.
    if (change === "grant" && (await findPickablePerson(deps, actor.tenantId, parsed.data.userId)) === undefined) {
      return retry(step, t(locale, "people.invalid.unknown"));
    }
    const run = change === "grant" ? grantRole : revokeRole;
    const changed = await this.respond.attemptExpecting(step.context, ["LAST_GLOBAL_ADMIN", "INVALID_INPUT", "NOT_FOUND"], () => run(deps, actor, parsed.data));
    // A refusal the admin can act on (keep at least one global admin) stays on the roles card: the form is not lost.
    if (changed.kind === "expected") return retry(step, await this.respond.errorText(step.context, changed.error));
    if (changed.kind === "refused") return step.endDialog();
    const users = await listDirectory(deps, actor.tenantId);
    await this.respond.card(step.context, roleChangedCard(locale, change, changed.value, parsed.data.role, users));
    return step.endDialog();
  }
}

export const rolesFlow: DialogFlow = {
  id: ROLES_FLOW,
  intents: [/^(manage |show |see )?(the )?(user )?roles$/, /^(gerer|voir|afficher) (les )?roles$/, /^roles et (permissions|autorisations)$/],
  startVerbs: [ROLE_VERBS.manage],
  answerVerbs: [ROLE_VERBS.grant, ROLE_VERBS.revoke, ROLE_VERBS.cancel],
  capability: "manageRoles",
  create: (services) => new RolesDialog(services),
};
