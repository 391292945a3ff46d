import { isBenefitsError } from "../errors";
import { adminsWithout } from "../rules/roles";
import { ADMIN_SET_ID, type AdminSet } from "../types";
import type { UseCaseDeps } from "./deps";
import { changeDocument } from "./shared";

/**
 * The tenant's admin set (see adminSetSchema for its invariant: every member is a global admin on their directory
 * entry, and the set is never empty once it exists). Missing in tenants stored before it existed: then it is built
 * from the directory, once (409 = someone else built it first).
 */
async function ensureAdminSet(deps: UseCaseDeps, tenantId: string): Promise<void> {
  if ((await deps.repos.adminSets.get(tenantId, ADMIN_SET_ID)) !== undefined) return;
  const admins = (await deps.repos.users.list(tenantId)).map((s) => s.value).filter((u) => u.roles.includes("globalAdmin"));
  const set: AdminSet = { type: "adminSet", id: ADMIN_SET_ID, tenantId, version: 0, userIds: admins.map((u) => u.id).sort() };
  try {
    await deps.repos.adminSets.create(set);
  } catch (e) {
    if (!isBenefitsError(e, "ALREADY_EXISTS")) throw e;
  }
}

/** After the user's entry has the role: only then may the set count them. */
export async function includeInAdminSet(deps: UseCaseDeps, tenantId: string, userId: string): Promise<void> {
  await ensureAdminSet(deps, tenantId);
  await changeDocument(deps.repos.adminSets, tenantId, ADMIN_SET_ID, undefined, (set) =>
    set.userIds.includes(userId) ? set : { ...set, userIds: [...set.userIds, userId] },
  );
}

/**
 * Before the user's entry loses the role: the one If-Match write that decides, so of two admins revoking each other at
 * the same moment one wins and the other is refused with LAST_GLOBAL_ADMIN.
 * Members whose entry no longer has the role (a grant and a revoke of the same person crossing) are dropped first:
 * the set may count too few, never too many. Counting too few only refuses; granting again puts a person back.
 */
export async function excludeFromAdminSet(deps: UseCaseDeps, tenantId: string, userId: string): Promise<void> {
  await ensureAdminSet(deps, tenantId);
  const admins = new Set((await deps.repos.users.list(tenantId)).map((s) => s.value).filter((u) => u.roles.includes("globalAdmin")).map((u) => u.id));
  await changeDocument(deps.repos.adminSets, tenantId, ADMIN_SET_ID, undefined, (set) => {
    const counted = set.userIds.filter((id) => admins.has(id) || id === userId);
    if (!counted.includes(userId) && counted.length === set.userIds.length) return set;
    return { ...set, userIds: counted.includes(userId) ? adminsWithout(counted, userId) : counted };
  });
}

/**
 * A placeholder leaves the directory: it must leave the set too, or the set would count someone who cannot act.
 * Linking carries its roles to the real entry, which is included first; should nobody else be left, the set is
 * rebuilt from the directory instead of being emptied.
 */
export async function replaceInAdminSet(deps: UseCaseDeps, tenantId: string, placeholderId: string, realId: string): Promise<void> {
  const real = (await deps.repos.users.get(tenantId, realId))?.value;
  if (real?.roles.includes("globalAdmin") === true) await includeInAdminSet(deps, tenantId, realId);
  const stored = await deps.repos.adminSets.get(tenantId, ADMIN_SET_ID);
  if (stored === undefined || !stored.value.userIds.includes(placeholderId)) return;
  const others = (await deps.repos.users.list(tenantId))
    .map((s) => s.value)
    .filter((u) => u.id !== placeholderId && u.roles.includes("globalAdmin"))
    .map((u) => u.id);
  await changeDocument(deps.repos.adminSets, tenantId, ADMIN_SET_ID, undefined, (set) => {
    if (!set.userIds.includes(placeholderId)) return set;
    const remaining = set.userIds.filter((id) => id !== placeholderId);
    return { ...set, userIds: remaining.length > 0 ? remaining : others };
  });
}
