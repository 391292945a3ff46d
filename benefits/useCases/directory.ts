import { BenefitsError } from "../errors";
import { normalizeEmail, sameEmail } from "../rules/contacts";
import { assertKeepsAGlobalAdmin, hasAnyRole } from "../rules/roles";
import type { Actor, DirectoryUser, Role } from "../types";
import type { UseCaseDeps } from "./deps";
import { changeDocument, recordAudit, requireActor } from "./shared";

export async function listDirectory(deps: UseCaseDeps, tenantId: string): Promise<DirectoryUser[]> {
  const users = (await deps.repos.users.list(tenantId)).map((s) => s.value);
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
  const created = await deps.repos.users.create({
    type: "user",
    id: `user-${deps.newId()}`,
    tenantId: actor.tenantId,
    version: 0,
    displayName: input.displayName.trim(),
    email: normalizeEmail(input.email),
    roles: ["employee"],
    remindersMuted: false,
  });
  await recordAudit(deps, actor, "directory.addUser", created.value, null, created.value);
  return created.value;
}

export async function grantRole(deps: UseCaseDeps, actor: Actor, input: { readonly userId: string; readonly role: Role }): Promise<DirectoryUser> {
  await requireActor(deps, actor, "manageRoles");
  const { before, after } = await changeDocument(deps.repos.users, actor.tenantId, input.userId, undefined, (u) => {
    if (u.roles.includes(input.role)) throw new BenefitsError("INVALID_STATE", "the user already has this role", { role: input.role });
    return { ...u, roles: [...u.roles.filter((r) => r !== "employee"), input.role] };
  });
  await recordAudit(deps, actor, "directory.grantRole", after, before.roles, after.roles);
  return after;
}

/**
 * Never removes the last global admin. Users are separate documents, so two admins removing each other at the very
 * same moment could both pass this check; the window is one round trip and is written down in the README.
 */
export async function revokeRole(deps: UseCaseDeps, actor: Actor, input: { readonly userId: string; readonly role: Role }): Promise<DirectoryUser> {
  await requireActor(deps, actor, "manageRoles");
  const everyone = await listDirectory(deps, actor.tenantId);
  const { before, after } = await changeDocument(deps.repos.users, actor.tenantId, input.userId, undefined, (u) => {
    if (!u.roles.includes(input.role)) throw new BenefitsError("INVALID_STATE", "the user does not have this role", { role: input.role });
    const remaining = u.roles.filter((r) => r !== input.role);
    const nextRoles: Role[] = remaining.length > 0 ? remaining : ["employee"];
    assertKeepsAGlobalAdmin(everyone.map((x) => (x.id === u.id ? u : x)), u.id, nextRoles);
    return { ...u, roles: nextRoles };
  });
  await recordAudit(deps, actor, "directory.revokeRole", after, before.roles, after.roles);
  return after;
}

/** Who holds a role, to tell a refused user whom to ask. */
export async function holdersOf(deps: UseCaseDeps, tenantId: string, roles: readonly Role[]): Promise<DirectoryUser[]> {
  return (await listDirectory(deps, tenantId)).filter((u) => hasAnyRole(u, roles));
}
