import type { DirectoryUser, PeopleToPick, Role } from "../benefits";
import { roleName } from "./errors";
import { escapeMarkdown } from "./markdown";
import { renderCard, type AdaptiveCardAttachment } from "./render";
import { t, type Locale } from "./strings";
import { peoplePicker, type PeoplePicker } from "./people";

/** The roles a global admin hands out; "employee" is what is left when a person has no other role. */
export const ASSIGNABLE_ROLES = ["globalAdmin", "userAdmin", "adminAgent", "mpnPartnerAdmin"] as const satisfies readonly Role[];

/** The verbs of the roles cards. */
export const ROLE_VERBS = { manage: "roles.manage", grant: "roles.grant", revoke: "roles.revoke", cancel: "roles.cancel" } as const;

/** Who holds a role beyond "employee": everyone else is an employee, and listing them would not fit a card. */
function people(locale: Locale, users: readonly DirectoryUser[]) {
  return users.filter((u) => u.roles.some((r) => r !== "employee")).map((u) => ({ name: escapeMarkdown(u.displayName), roles: u.roles.map((r) => roleName(locale, r)).join(", ") }));
}

type RoleVerb = (typeof ROLE_VERBS)[keyof typeof ROLE_VERBS];

interface RolesFormData {
  readonly showForm: true;
  readonly formIntro: string;
  readonly userMissing: string;
  readonly roleMissing: string;
  readonly picker: PeoplePicker;
  readonly roleLabel: string;
  readonly roleChoices: { title: string; value: (typeof ASSIGNABLE_ROLES)[number] }[];
}

/** The data of cards/templates/roles.json: the form's fields only when it shows the form. */
export type RolesCardData = {
  readonly note: string;
  readonly error: string;
  readonly title: string;
  readonly people: { name: string; roles: string }[];
  readonly actions: { title: string; verb: RoleVerb }[];
} & (RolesFormData | { readonly showForm: false });

/** Who has which role, and a form to grant or remove one; `error` says why the last change was refused. */
export function rolesCard(locale: Locale, users: readonly DirectoryUser[], toPick: PeopleToPick, error = ""): AdaptiveCardAttachment {
  return renderCard("roles", {
    note: "",
    error,
    title: t(locale, "roles.title"),
    people: people(locale, users),
    showForm: true,
    formIntro: t(locale, "roles.formIntro"),
    userMissing: t(locale, "roles.userMissing"),
    roleMissing: t(locale, "roles.roleMissing"),
    picker: peoplePicker({ inputId: "userId", label: t(locale, "roles.userLabel"), placeholder: t(locale, "people.search.placeholder"), scope: { kind: "directory" }, toPick }),
    roleLabel: t(locale, "roles.roleLabel"),
    roleChoices: ASSIGNABLE_ROLES.map((r) => ({ title: roleName(locale, r), value: r })),
    actions: [
      { title: t(locale, "roles.grant"), verb: ROLE_VERBS.grant },
      { title: t(locale, "roles.revoke"), verb: ROLE_VERBS.revoke },
      { title: t(locale, "common.cancelButton"), verb: ROLE_VERBS.cancel },
    ],
  });
}

/** After a change: what changed, everyone's roles now, and a way to change another. */
export function roleChangedCard(locale: Locale, change: "grant" | "revoke", user: DirectoryUser, role: Role, users: readonly DirectoryUser[]): AdaptiveCardAttachment {
  return renderCard("roles", {
    note: t(locale, `roles.done.${change}`, { name: escapeMarkdown(user.displayName), role: roleName(locale, role) }),
    error: "",
    title: t(locale, "roles.title"),
    people: people(locale, users),
    showForm: false,
    actions: [{ title: t(locale, "roles.again"), verb: ROLE_VERBS.manage }],
  });
}
