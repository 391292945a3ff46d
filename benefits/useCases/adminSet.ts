import { BenefitsError, isBenefitsError } from "../errors";
import type { Stored } from "../ports";
import { adminsWithout } from "../rules/roles";
import { ADMIN_SET_ID, type Actor, type AdminChange, type AdminSet, type DirectoryUser, type Role } from "../types";
import type { UseCaseDeps } from "./deps";
import { contentOf, relayOutbox } from "./auditOutbox";
import { changeDocument } from "./shared";
import { isUnknownOutcome, partlyDone, settleReplace } from "./unknownOutcome";

/**
 * The tenant's admin set decides who is a global admin; the role on a person's entry follows it.
 *
 * Every grant and revoke of global admin is first decided on this one document, with If-Match, so decisions are
 * serialized: of two admins revoking each other one is refused, and a grant and a revoke of the same person crossing
 * are applied in the order the set took them. The decision is written with the person's change as `pending`; the
 * entry then takes it, stamped with the set version that decided it (`adminSetVersion`), and a writer carrying an
 * older decision never overwrites a newer one. Before any decision, every change still pending (a crash, or a writer
 * that is slower) is put on its entry first, so the set and the entries agree once nothing is in flight.
 */

/** Decisions race on one document; like changeDocument, each lost round is someone else's progress. */
const MAX_DECISION_ATTEMPTS = 60;

function retryDelayMs(attempt: number): number {
  return Math.random() * Math.min(100, 2 ** attempt);
}

/** Built from the directory once, in tenants stored before the set existed (409 = someone else built it first). */
async function buildAdminSet(deps: UseCaseDeps, tenantId: string): Promise<void> {
  const admins = (await deps.repos.users.list(tenantId)).map((s) => s.value).filter((u) => u.roles.includes("globalAdmin"));
  const set: AdminSet = { type: "adminSet", id: ADMIN_SET_ID, tenantId, version: 0, userIds: admins.map((u) => u.id).sort() };
  try {
    await deps.repos.adminSets.create(set);
  } catch (e) {
    if (!isBenefitsError(e, "ALREADY_EXISTS")) throw e;
  }
}

export function withGlobalAdmin(user: DirectoryUser, globalAdmin: boolean): DirectoryUser {
  const others = user.roles.filter((r) => r !== "globalAdmin");
  const roles: Role[] = globalAdmin ? [...others.filter((r) => r !== "employee"), "globalAdmin"] : others;
  return { ...user, roles: roles.length > 0 ? roles : ["employee"] };
}

const rolesView = (u: DirectoryUser): unknown => u.roles;

/**
 * Puts a decision on the person's entry unless the entry already took this one or a newer one. Audited as the change
 * of whoever decided it, whoever writes it. Undefined when the entry is gone (a linked placeholder).
 */
async function confirmOnEntry(deps: UseCaseDeps, tenantId: string, change: AdminChange): Promise<DirectoryUser | undefined> {
  const actor: Actor = { tenantId, userId: change.actorId };
  try {
    const { after } = await changeDocument(
      deps.repos.users,
      tenantId,
      change.userId,
      undefined,
      // Nothing to write when the entry took this decision or a newer one, or already is what it decides (a double click
      // decided twice). Skipping the stamp then is safe: every older decision was put on the entry before this one was taken.
      (u) => ((u.adminSetVersion ?? -1) >= change.version || u.roles.includes("globalAdmin") === change.globalAdmin ? u : { ...withGlobalAdmin(u, change.globalAdmin), adminSetVersion: change.version }),
      { audit: { deps, actor, action: change.action, view: rolesView } },
    );
    return after;
  } catch (error) {
    if (isBenefitsError(error, "NOT_FOUND")) return undefined;
    throw error;
  }
}

/** The members the set should have after the decision, or undefined when there is nothing to decide. */
type Decision = (userIds: readonly string[]) => string[] | undefined;

type Intent = Omit<AdminChange, "version"> & {
  /** A person's decision (not the system's): refused when they stopped being a global admin before the set took it. */
  readonly byAdmin?: boolean;
};

/** One If-Match write of the set, after every pending change of the version read was confirmed on its entry. */
async function decide(deps: UseCaseDeps, tenantId: string, decision: Decision, intent?: Intent): Promise<AdminChange | undefined> {
  for (let attempt = 1; ; attempt++) {
    const stored = await deps.repos.adminSets.get(tenantId, ADMIN_SET_ID);
    if (stored === undefined) {
      if (attempt >= MAX_DECISION_ATTEMPTS) throw new BenefitsError("NOT_FOUND", "no admin set", { id: ADMIN_SET_ID });
      await buildAdminSet(deps, tenantId);
      continue;
    }
    const pending = stored.value.pending ?? [];
    for (const change of pending) await confirmOnEntry(deps, tenantId, change);
    if (intent?.byAdmin === true && !stored.value.userIds.includes(intent.actorId)) {
      throw new BenefitsError("NOT_AUTHORIZED", "the deciding admin is no longer a global admin", { actorId: intent.actorId });
    }
    const userIds = decision(stored.value.userIds);
    if (userIds === undefined && pending.length === 0) return undefined;
    const version = stored.value.version + 1;
    const mine: AdminChange | undefined = userIds === undefined || intent === undefined ? undefined : { userId: intent.userId, globalAdmin: intent.globalAdmin, actorId: intent.actorId, action: intent.action, version };
    const next: AdminSet = { ...stored.value, version, userIds: userIds ?? stored.value.userIds, pending: mine === undefined ? undefined : [mine] };
    try {
      await replaceSet(deps, next, stored);
      return mine;
    } catch (error) {
      if (!isBenefitsError(error, "CONFLICT") || attempt >= MAX_DECISION_ATTEMPTS) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt)));
  }
}

/** A set write whose answer was lost is read back: ours is stored, or the old one still is, or someone else's won. */
async function replaceSet(deps: UseCaseDeps, next: AdminSet, stored: Stored<AdminSet>): Promise<void> {
  try {
    await deps.repos.adminSets.replace(next, stored.etag);
  } catch (error) {
    if (!isUnknownOutcome(error)) throw error;
    const settled = await settleReplace(deps.repos.adminSets, next, stored.etag);
    if (settled === "notApplied") throw error;
    if (settled === "moved") throw new BenefitsError("CONFLICT", "The admin set changed since it was read.", { id: next.id });
  }
}

/** The decision, on the entry, then off the set's pending list (a failure there leaves it to the next decision). */
async function apply(deps: UseCaseDeps, tenantId: string, change: AdminChange): Promise<DirectoryUser | undefined> {
  const after = await confirmOnEntry(deps, tenantId, change);
  await changeDocument(deps.repos.adminSets, tenantId, ADMIN_SET_ID, undefined, (set) => {
    const left = (set.pending ?? []).filter((p) => !(p.userId === change.userId && p.version === change.version));
    return left.length === (set.pending ?? []).length ? set : { ...set, pending: left.length > 0 ? left : undefined };
  });
  return after;
}

/** The entry as callers are given documents: without the audit entries still waiting in its outbox. */
async function currentEntry(deps: UseCaseDeps, tenantId: string, userId: string): Promise<DirectoryUser> {
  const user = (await deps.repos.users.get(tenantId, userId))?.value;
  if (user === undefined) throw new BenefitsError("NOT_FOUND", `no such item: ${userId}`, { id: userId });
  return contentOf(user);
}

/**
 * Makes the person a global admin. Already one (a replay, a double click, two admins at once): nothing is written and
 * the entry is returned as it is.
 */
export async function grantGlobalAdmin(deps: UseCaseDeps, actor: Actor, userId: string, options: DecisionOptions = {}): Promise<DirectoryUser> {
  const entry = await currentEntry(deps, actor.tenantId, userId);
  const lacking = !entry.roles.includes("globalAdmin");
  const change = await decide(deps, actor.tenantId, (ids) => (ids.includes(userId) && !lacking ? undefined : [...new Set([...ids, userId])]), {
    userId,
    globalAdmin: true,
    actorId: actor.userId,
    action: options.action ?? "directory.grantRole",
    byAdmin: options.byAdmin,
  });
  if (change === undefined) return currentEntry(deps, actor.tenantId, userId);
  return applyDecided(deps, actor.tenantId, change);
}

export interface DecisionOptions {
  readonly action?: string;
  /** Decided by a person, who must still be a global admin when the set takes it (not by enrollment or linking). */
  readonly byAdmin?: boolean;
}

/** The set took the decision, so it is committed: a store failure after it is "not finished, try again", never "nothing changed". */
async function applyDecided(deps: UseCaseDeps, tenantId: string, change: AdminChange): Promise<DirectoryUser> {
  try {
    return (await apply(deps, tenantId, change)) ?? (await currentEntry(deps, tenantId, change.userId));
  } catch (error) {
    throw partlyDone(error);
  }
}

/**
 * Takes global admin from the person; refused with LAST_GLOBAL_ADMIN when nobody would be left. No longer one (a
 * replay): nothing is written and the entry is returned as it is.
 */
export async function revokeGlobalAdmin(deps: UseCaseDeps, actor: Actor, userId: string, options: DecisionOptions = {}): Promise<DirectoryUser> {
  const entry = await currentEntry(deps, actor.tenantId, userId);
  const holding = entry.roles.includes("globalAdmin");
  const change = await decide(deps, actor.tenantId, (ids) => (ids.includes(userId) ? adminsWithout(ids, userId) : holding ? [...ids] : undefined), {
    userId,
    globalAdmin: false,
    actorId: actor.userId,
    action: "directory.revokeRole",
    byAdmin: options.byAdmin,
  });
  if (change === undefined) return currentEntry(deps, actor.tenantId, userId);
  return applyDecided(deps, actor.tenantId, change);
}

/**
 * The scheduler's part: changes a crash left pending on the set (decided, not yet on the entry) are put on their
 * entries, then cleared from the set. True when the set has none left.
 */
export async function settlePendingAdminChanges(deps: UseCaseDeps, tenantId: string): Promise<boolean> {
  const stored = await deps.repos.adminSets.get(tenantId, ADMIN_SET_ID);
  const pending = stored?.value.pending ?? [];
  if (pending.length === 0) return false;
  await decide(deps, tenantId, () => undefined);
  // The entries just written carry their changes' audit entries: the sweep is the "next write" that copies them.
  for (const userId of new Set(pending.map((p) => p.userId))) {
    const entry = await deps.repos.users.get(tenantId, userId);
    if (entry !== undefined) await relayOutbox(deps, deps.repos.users, entry);
  }
  return true;
}

/**
 * A person whose new entry carries global admin (a configured first admin, a placeholder's role) joins the set, as a
 * grant by the system would make them.
 */
export async function includeInAdminSet(deps: UseCaseDeps, system: Actor, userId: string): Promise<void> {
  await grantGlobalAdmin(deps, system, userId);
}

/**
 * A placeholder leaves the directory: it leaves the set first, or the set would count someone who cannot act. Linking
 * carries its roles to the real entry, which is included first. No last-admin refusal here: the placeholder goes
 * whatever the set says, and when nobody else is left the set is emptied, as the directory is.
 * The decision is not put on the placeholder's entry, which the caller replaces by a tombstone next: the next decision
 * finds the entry gone and drops it (or, had the removal failed, puts it on the entry then).
 */
export async function replaceInAdminSet(deps: UseCaseDeps, system: Actor, placeholderId: string, realId: string): Promise<void> {
  const real = (await deps.repos.users.get(system.tenantId, realId))?.value;
  if (real?.roles.includes("globalAdmin") === true) await includeInAdminSet(deps, system, realId);
  await dropFromAdminSet(deps, system, placeholderId);
}

/**
 * A placeholder whose entry is gone leaves the set. Run again once the entry is a tombstone: a grant of the
 * placeholder that crossed the linking may have put it back in between, and the set must not count an entry that is gone.
 */
export async function dropFromAdminSet(deps: UseCaseDeps, system: Actor, placeholderId: string): Promise<void> {
  await decide(deps, system.tenantId, (ids) => (ids.includes(placeholderId) ? ids.filter((id) => id !== placeholderId) : undefined), {
    userId: placeholderId,
    globalAdmin: false,
    actorId: system.userId,
    action: "directory.revokeRole",
  });
}
