import { isBenefitsError } from "../errors";
import { normalizeEmail, sameEmail } from "../rules/contacts";
import type { DirectoryUser, Role } from "../types";
import type { UseCaseDeps } from "./deps";
import { ENROLLMENT_ACTOR_ID, linkPlaceholder, placeholdersFor } from "./placeholderLinking";
import { includeInAdminSet } from "./adminSet";
import { createAudited } from "./auditOutbox";

export interface Member {
  readonly tenantId: string;
  readonly userId: string;
  readonly displayName: string;
  readonly email: string;
}

/**
 * Puts a person who talks to the bot into the tenant's directory (as an employee, or a global admin when configuration
 * names them as a first admin). An existing entry is never changed: after bootstrap, roles are managed in chat.
 * When an admin already added the person on the spot (a `user-…` placeholder with their email, in this tenant), the
 * new entry carries the placeholder's roles, and everything the placeholder held moves to the person.
 */
export async function enrollMember(deps: UseCaseDeps, member: Member, bootstrapAdmin: boolean): Promise<DirectoryUser> {
  const placeholders = (await placeholdersFor(deps, member.tenantId, member.email, member.userId)).map((p) => p.value);
  const existing = await deps.repos.users.get(member.tenantId, member.userId);
  const user = existing?.value ?? (await createEntry(deps, member, bootstrapAdmin, placeholders));
  for (const placeholder of placeholders) await linkPlaceholder(deps, placeholder, user.id);
  return user;
}

/**
 * For someone already in the directory: finishes a link that a crash left half done (the placeholder is removed last,
 * so it is still there). Undefined when the person is not enrolled yet.
 */
export async function completeEnrollment(deps: UseCaseDeps, tenantId: string, userId: string): Promise<DirectoryUser | undefined> {
  const existing = await deps.repos.users.get(tenantId, userId);
  if (existing === undefined) return undefined;
  for (const { value } of await placeholdersFor(deps, tenantId, existing.value.email, userId)) await linkPlaceholder(deps, value, userId);
  return existing.value;
}

async function createEntry(deps: UseCaseDeps, member: Member, bootstrapAdmin: boolean, placeholders: readonly DirectoryUser[]): Promise<DirectoryUser> {
  const entry: DirectoryUser = {
    type: "user",
    id: member.userId,
    tenantId: member.tenantId,
    version: 0,
    displayName: enrolledName(member, placeholders[0]),
    email: normalizeEmail(member.email),
    roles: enrolledRoles(placeholders, bootstrapAdmin),
    remindersMuted: placeholders.some((p) => p.remindersMuted),
  };
  try {
    let created: DirectoryUser;
    if (placeholders.length === 0) {
      created = (await deps.repos.users.create(entry)).value;
    } else {
      const actor = { tenantId: member.tenantId, userId: ENROLLMENT_ACTOR_ID };
      const from = placeholders.map((p) => ({ id: p.id, displayName: p.displayName, roles: p.roles }));
      const after = { displayName: entry.displayName, roles: entry.roles };
      created = await createAudited(deps.repos.users, entry, { deps, actor, action: "directory.enrollFromPlaceholder", before: from, after });
    }
    if (created.roles.includes("globalAdmin")) await includeInAdminSet(deps, { tenantId: created.tenantId, userId: ENROLLMENT_ACTOR_ID }, created.id);
    return created;
  } catch (e) {
    if (!isBenefitsError(e, "ALREADY_EXISTS")) throw e;
    const raced = await deps.repos.users.get(member.tenantId, member.userId);
    if (raced === undefined) throw e;
    return raced.value;
  }
}

/**
 * Only what admins already gave the placeholder (plus the configured bootstrap role): linking never grants more.
 * As grantRole does, "employee" stands alone or not at all.
 */
function enrolledRoles(placeholders: readonly DirectoryUser[], bootstrapAdmin: boolean): Role[] {
  const roles = new Set<Role>(placeholders.flatMap((p) => p.roles));
  if (bootstrapAdmin) roles.add("globalAdmin");
  if (roles.size > 1) roles.delete("employee");
  return roles.size === 0 ? ["employee"] : [...roles];
}

/** Teams' roster name is the person's own; the name the admin typed is used only when Teams had none. */
function enrolledName(member: Member, placeholder: DirectoryUser | undefined): string {
  const fromTeams = member.displayName.trim().slice(0, 120);
  if (placeholder !== undefined && (fromTeams === "" || sameEmail(fromTeams, member.email))) return placeholder.displayName;
  return fromTeams || member.email;
}
