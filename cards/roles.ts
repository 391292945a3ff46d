import type { DirectoryUser, Role } from "../benefits";
import { roleName } from "./errors";
import { escapeMarkdown } from "./markdown";
import { renderCard, type AdaptiveCardAttachment } from "./render";
import { t, type Locale } from "./strings";
import { personLabel } from "./people";

/** The roles a global admin hands out; "employee" is what is left when a person has no other role. */
export const ASSIGNABLE_ROLES = ["globalAdmin", "userAdmin", "adminAgent", "mpnPartnerAdmin"] as const satisfies readonly Role[];

export const GRANT_ROLE_VERB = "roles.grant";
export const REVOKE_ROLE_VERB = "roles.revoke";
export const MANAGE_ROLES_VERB = "roles.manage";

function people(locale: Locale, users: readonly DirectoryUser[]) {
  return users.map((u) => ({ name: escapeMarkdown(u.displayName), roles: u.roles.map((r) => roleName(locale, r)).join(", ") }));
}

/** Who has which role, and a form to grant or remove one. */
export function rolesCard(locale: Locale, users: readonly DirectoryUser[]): AdaptiveCardAttachment {
  return renderCard("roles", {
    note: "",
    title: t(locale, "roles.title"),
    people: people(locale, users),
    showForm: true,
    formIntro: t(locale, "roles.formIntro"),
    userLabel: t(locale, "roles.userLabel"),
    userChoices: users.map((u) => ({ title: personLabel(u), value: u.id })),
    roleLabel: t(locale, "roles.roleLabel"),
    roleChoices: ASSIGNABLE_ROLES.map((r) => ({ title: roleName(locale, r), value: r })),
    actions: [
      { title: t(locale, "roles.grant"), verb: GRANT_ROLE_VERB },
      { title: t(locale, "roles.revoke"), verb: REVOKE_ROLE_VERB },
      { title: t(locale, "common.cancelButton"), verb: "roles.cancel" },
    ],
  });
}

/** After a change: what changed, everyone's roles now, and a way to change another. */
export function roleChangedCard(locale: Locale, change: "grant" | "revoke", user: DirectoryUser, role: Role, users: readonly DirectoryUser[]): AdaptiveCardAttachment {
  return renderCard("roles", {
    note: t(locale, `roles.done.${change}`, { name: escapeMarkdown(user.displayName), role: roleName(locale, role) }),
    title: t(locale, "roles.title"),
    people: people(locale, users),
    showForm: false,
    actions: [{ title: t(locale, "roles.again"), verb: MANAGE_ROLES_VERB }],
  });
}
