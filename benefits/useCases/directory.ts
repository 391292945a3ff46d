import { BenefitsError } from "../errors";
import { normalizeEmail, sameEmail } from "../rules/contacts";
import { hasAnyRole } from "../rules/roles";
import type { Actor, DirectoryUser, Role } from "../types";
import type { UseCaseDeps } from "./deps";
import { grantGlobalAdmin, revokeGlobalAdmin } from "./adminSet";
import { createAudited } from "./auditOutbox";
import { changeDocument, requireActor } from "./shared";

export async function listDirectory(deps: UseCaseDeps, tenantId: string): Promise<DirectoryUser[]> {
  return byDisplayName((await deps.repos.users.list(tenantId)).map((s) => s.value));
}

/** A person of the tenant's directory, read by id (a point read, not the whole directory); undefined when absent. */
export async function directoryMember(deps: UseCaseDeps, tenantId: string, userId: string): Promise<DirectoryUser | undefined> {
  return (await deps.repos.users.get(tenantId, userId))?.value;
}

/** The directory's order everywhere it is shown. */
export function byDisplayName(users: DirectoryUser[]): DirectoryUser[] {
  return users.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Partner Center's "add users in Account settings": global admins and user admins add people on the spot. */
export async function addDirectoryUser(
  deps: UseCaseDeps,
  actor: Actor,
  input: { readonly displayName: string; readonly email: string },
): Promise<DirectoryUser> {
  await requireActor(deps, actor, "addUsers");
  const existing = await listDirectory(deps, actor.tenantId);
  const clash = existing.find((u) => sameEmail(u.email, input.email));
  if (clash !== undefined) throw new BenefitsError("ALREADY_EXISTS", "a user with this email is already in the directory", { userId: clash.id });
  const user: DirectoryUser = {
    type: "user",
    id: `user-${deps.newId()}`,
    tenantId: actor.tenantId,
    version: 0,
    displayName: input.displayName.trim(),
    email: normalizeEmail(input.email),
    roles: ["employee"],
    remindersMuted: false,
  };
  return createAudited(deps.repos.users, user, { deps, actor, action: "directory.addUser", before: null, after: user });
}

const rolesView = (u: DirectoryUser): unknown => u.roles;

/**
 * Granting a role the user already has (a replay, a double click, two admins at once) writes nothing and answers
 * with the user as they are: the role is held, which is what was asked. Global admin is decided by the tenant's admin
 * set (adminSet.ts) and only then put on the entry.
 */
export async function grantRole(deps: UseCaseDeps, actor: Actor, input: { readonly userId: string; readonly role: Role }): Promise<DirectoryUser> {
  await requireActor(deps, actor, "manageRoles");
  if (input.role === "globalAdmin") return grantGlobalAdmin(deps, actor, input.userId, { byAdmin: true });
  const { after } = await changeDocument(deps.repos.users, actor.tenantId, input.userId, undefined, (u) => (u.roles.includes(input.role) ? u : withRoles(u, [...u.roles.filter((r) => r !== "employee"), input.role])), {
    audit: { deps, actor, action: "directory.grantRole", view: rolesView },
  });
  return after;
}

/**
 * Never removes the last global admin: the tenant's admin set decides that in one If-Match write before the user's
 * entry changes (see adminSet.ts), so two admins revoking each other at the same moment cannot both succeed.
 * Revoking a role the user no longer has (a replay, a double click) writes nothing and answers with the user as they are.
 */
export async function revokeRole(deps: UseCaseDeps, actor: Actor, input: { readonly userId: string; readonly role: Role }): Promise<DirectoryUser> {
  await requireActor(deps, actor, "manageRoles");
  if (input.role === "globalAdmin") return revokeGlobalAdmin(deps, actor, input.userId, { byAdmin: true });
  const { after } = await changeDocument(deps.repos.users, actor.tenantId, input.userId, undefined, (u) => {
    if (!u.roles.includes(input.role)) return u;
    const remaining = u.roles.filter((r) => r !== input.role);
    return withRoles(u, remaining.length > 0 ? remaining : ["employee"]);
  }, { audit: { deps, actor, action: "directory.revokeRole", view: rolesView } });
  return after;
}

function withRoles(user: DirectoryUser, roles: Role[]): DirectoryUser {
  return { ...user, roles };
}

/** Who holds a role, to tell a refused user whom to ask. */
export async function holdersOf(deps: UseCaseDeps, tenantId: string, roles: readonly Role[]): Promise<DirectoryUser[]> {
  return (await listDirectory(deps, tenantId)).filter((u) => hasAnyRole(u, roles));
}
