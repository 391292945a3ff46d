import { isBenefitsError } from "../errors";
import { normalizeEmail } from "../rules/contacts";
import { ROSTER_SET_ID, ROSTER_SET_MAX, type KnownRoster, type RosterMember, type RosterRead, type RosterSet, type SyncCounts } from "../rosterTypes";
import type { Actor, Benefit, DirectoryUser } from "../types";
import type { UseCaseDeps } from "./deps";
import { auditEntry, createAudited, withPendingEntry } from "./auditOutbox";
import { enrollMember } from "./enrollment";
import { isPlaceholderId } from "./placeholderLinking";
import { benefitsHeldByLeavers, planDirectory, rosterName } from "./rosterSyncPlan";
import { changeDocument } from "./shared";
import { sameEmail } from "../rules/contacts";

/** Who changes the directory when a roster says so: Teams, not a person. */
export const ROSTER_ACTOR_ID = "system:roster";
/** Writes of one sync in flight at once: a 1,200-person first sync is bounded work, not 1,200 parallel requests. */
const WRITE_CONCURRENCY = 8;

export interface SyncOutcome extends SyncCounts {
  /** People this sync marked left. */
  readonly newlyLeft: readonly DirectoryUser[];
  /** Benefits someone who left still holds, as they are after the sync (everyone who left, not only this sync's). */
  readonly heldByLeavers: readonly Benefit[];
  /** The directory after the sync, to name holders on a card. */
  readonly users: readonly DirectoryUser[];
  /** The tenant's global admins still in the organization: who hears about seats held by people who left. */
  readonly globalAdmins: readonly string[];
}

export interface SyncOptions {
  /** Configuration's first admins: a roster must not enroll one as a mere employee before they ever talk to the bot. */
  readonly isBootstrapAdmin: (tenantId: string, userId: string) => boolean;
}

const rosterSetView = (set: RosterSet): unknown => set.rosters.map((r) => r.conversationId);

export async function knownRosters(deps: UseCaseDeps, tenantId: string): Promise<KnownRoster[]> {
  return (await deps.repos.rosterSets.get(tenantId, ROSTER_SET_ID))?.value.rosters ?? [];
}

/** The bot is in this team or chat: its roster counts from now on. Knowing it already (or a changed address) is no new entry. */
export async function rememberRoster(deps: UseCaseDeps, tenantId: string, roster: KnownRoster): Promise<void> {
  const actor: Actor = { tenantId, userId: ROSTER_ACTOR_ID };
  const existing = await deps.repos.rosterSets.get(tenantId, ROSTER_SET_ID);
  if (existing === undefined) {
    const set: RosterSet = { type: "rosterSet", id: ROSTER_SET_ID, tenantId, version: 0, rosters: [roster] };
    try {
      await createAudited(deps.repos.rosterSets, set, { deps, actor, action: "directory.rosterKnown", before: null, after: rosterSetView(set) });
      return;
    } catch (e) {
      if (!isBenefitsError(e, "ALREADY_EXISTS")) throw e;
    }
  }
  await changeDocument(deps.repos.rosterSets, tenantId, ROSTER_SET_ID, undefined, (set) => withRoster(set, roster), {
    audit: { deps, actor, action: "directory.rosterKnown", view: rosterSetView },
  });
}

function withRoster(set: RosterSet, roster: KnownRoster): RosterSet {
  const current = set.rosters.find((r) => r.conversationId === roster.conversationId);
  if (current !== undefined && current.serviceUrl === roster.serviceUrl && current.bot.id === roster.bot.id) return set;
  const others = set.rosters.filter((r) => r.conversationId !== roster.conversationId);
  // Bounded: past the limit the oldest roster is forgotten rather than the write refused (which would lose the new one).
  const kept = others.length >= ROSTER_SET_MAX ? others.slice(others.length - ROSTER_SET_MAX + 1) : others;
  return { ...set, rosters: [...kept, { ...roster, since: current?.since ?? roster.since }] };
}

/** The bot was removed from this team or chat: its roster no longer says who is in the organization. */
export async function forgetRoster(deps: UseCaseDeps, tenantId: string, conversationId: string): Promise<void> {
  if ((await deps.repos.rosterSets.get(tenantId, ROSTER_SET_ID)) === undefined) return;
  const actor: Actor = { tenantId, userId: ROSTER_ACTOR_ID };
  await changeDocument(
    deps.repos.rosterSets,
    tenantId,
    ROSTER_SET_ID,
    undefined,
    (set) => (set.rosters.some((r) => r.conversationId === conversationId) ? { ...set, rosters: set.rosters.filter((r) => r.conversationId !== conversationId) } : set),
    { audit: { deps, actor, action: "directory.rosterForgotten", view: rosterSetView } },
  );
}

/**
 * The directory made to agree with the rosters read: new people added (a hand-added placeholder with the same email
 * linked through enrollment), names and emails refreshed, people who came back un-left, people in no roster marked
 * left. Each change is one audited write, computed from what is stored, so running it again with the same rosters
 * writes nothing.
 */
export async function reconcileDirectory(deps: UseCaseDeps, tenantId: string, reads: readonly RosterRead[], options: SyncOptions): Promise<SyncOutcome> {
  const actor: Actor = { tenantId, userId: ROSTER_ACTOR_ID };
  const users = (await deps.repos.users.list(tenantId)).map((s) => s.value).filter((u) => u.tenantId === tenantId);
  const plan = planDirectory(users, reads, deps.now());
  const placeholders = users.filter((u) => isPlaceholderId(u.id));
  const stamp = deps.now().toISOString();

  await inBatches(plan.added, async (member) => {
    const bootstrap = options.isBootstrapAdmin(tenantId, member.userId);
    if (bootstrap || placeholders.some((p) => sameEmail(p.email, member.email))) await enrollThroughPlaceholders(deps, actor, member, bootstrap, stamp);
    else await addFromRoster(deps, actor, member, stamp);
  });
  await inBatches(plan.updated, async ({ next }) => {
    await changeDocument(deps.repos.users, tenantId, next.id, undefined, (u) => withRosterFacts(u, next), { audit: { deps, actor, action: "directory.rosterUpdate", view: rosterView } });
  });
  await inBatches(plan.left, async (user) => {
    await changeDocument(deps.repos.users, tenantId, user.id, undefined, (u) => (u.leftAt !== undefined ? u : { ...u, leftAt: stamp }), {
      audit: { deps, actor, action: "directory.rosterLeft", view: rosterView },
    });
  });

  const after = (await deps.repos.users.list(tenantId)).map((s) => s.value).filter((u) => u.tenantId === tenantId);
  const benefits = (await deps.repos.benefits.list(tenantId)).map((s) => s.value).filter((b) => b.tenantId === tenantId);
  return {
    added: plan.added.length,
    updated: plan.updated.length,
    left: plan.left.length,
    unreadable: reads.filter((r) => r.members === undefined).length,
    newlyLeft: plan.left,
    heldByLeavers: benefitsHeldByLeavers(benefits, after),
    users: after,
    globalAdmins: after.filter((u) => u.roles.includes("globalAdmin") && u.leftAt === undefined).map((u) => u.id),
  };
}

const rosterView = (u: DirectoryUser): unknown => ({ displayName: u.displayName, email: u.email, leftAt: u.leftAt ?? null });

/** The roster's facts on the entry as it is now (a concurrent change of roles or reminders is kept). */
function withRosterFacts(current: DirectoryUser, planned: DirectoryUser): DirectoryUser {
  const same = current.displayName === planned.displayName && current.email === planned.email && current.leftAt === undefined && current.seenInRosterAt !== undefined;
  if (same) return current;
  const { leftAt: _returned, ...present } = current;
  return { ...present, displayName: planned.displayName, email: planned.email, seenInRosterAt: current.seenInRosterAt ?? planned.seenInRosterAt };
}

async function addFromRoster(deps: UseCaseDeps, actor: Actor, member: RosterMember, stamp: string): Promise<void> {
  const user: DirectoryUser = {
    type: "user",
    id: member.userId,
    tenantId: actor.tenantId,
    version: 0,
    displayName: rosterName(member),
    email: normalizeEmail(member.email),
    roles: ["employee"],
    remindersMuted: false,
    seenInRosterAt: stamp,
  };
  try {
    // The entry rides in the create, as every audited change's does; copying it to the log is left to the scheduler's
    // sweep (or the entry's next write): a first sync adds a whole team at once, and the copy would triple its writes.
    await deps.repos.users.create(withPendingEntry(user, auditEntry({ deps, actor, action: "directory.rosterAdd" }, user, null, rosterView(user))));
  } catch (e) {
    // The person talked to the bot in the meantime and enrolled: their entry stands; the next sync refreshes it.
    if (!isBenefitsError(e, "ALREADY_EXISTS")) throw e;
  }
}

/** The enrollment path (placeholder roles carried over, holdings moved, first admins), then the roster's mark on the entry. */
async function enrollThroughPlaceholders(deps: UseCaseDeps, actor: Actor, member: RosterMember, bootstrap: boolean, stamp: string): Promise<void> {
  const enrolled = await enrollMember(deps, { tenantId: actor.tenantId, userId: member.userId, displayName: member.displayName, email: member.email }, bootstrap);
  if (enrolled.seenInRosterAt !== undefined) return;
  await changeDocument(deps.repos.users, actor.tenantId, enrolled.id, undefined, (u) => (u.seenInRosterAt !== undefined ? u : { ...u, seenInRosterAt: stamp }), {
    audit: { deps, actor, action: "directory.rosterUpdate", view: rosterView },
  });
}

async function inBatches<T>(items: readonly T[], run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += WRITE_CONCURRENCY) await Promise.all(items.slice(i, i + WRITE_CONCURRENCY).map(run));
}
