import { normalizeEmail, sameEmail } from "../rules/contacts";
import type { RosterMember, RosterRead } from "../rosterTypes";
import type { Benefit, DirectoryUser } from "../types";
import { isPlaceholderId } from "./placeholderLinking";

const NAME_MAX = 120;

/** What a sync will write: every change is computed from what is stored, so a sync with nothing new plans nothing. */
export interface DirectoryPlan {
  /** In a roster, not in the directory yet. */
  readonly added: readonly RosterMember[];
  /** In the directory and in a roster, with something that differs (name, email, left, first seen). */
  readonly updated: readonly { readonly user: DirectoryUser; readonly next: DirectoryUser }[];
  /** Seen in a roster once, in none now. */
  readonly left: readonly DirectoryUser[];
}

/** Every person of every roster that was read, once each (the first listing wins; rosters agree on a person's facts). */
export function rosterUnion(reads: readonly RosterRead[]): Map<string, RosterMember> {
  const union = new Map<string, RosterMember>();
  for (const read of reads) for (const member of read.members ?? []) if (!union.has(member.userId)) union.set(member.userId, member);
  return union;
}

/** Teams' name is the person's own; a blank one falls back to the email. */
export function rosterName(member: RosterMember): string {
  return member.displayName.trim().slice(0, NAME_MAX) || normalizeEmail(member.email);
}

/**
 * Pure. Leaving is decided only from a complete view: at least one roster, every one read to its last page. A
 * placeholder is never marked (it is no one's Teams account), nor anyone no roster ever listed (the demo people,
 * those who only talked to the bot in a personal chat).
 */
export function planDirectory(users: readonly DirectoryUser[], reads: readonly RosterRead[], now: Date): DirectoryPlan {
  const union = rosterUnion(reads);
  const byId = new Map(users.map((u) => [u.id, u]));
  const complete = reads.length > 0 && reads.every((r) => r.members !== undefined);
  const added: RosterMember[] = [];
  const updated: { user: DirectoryUser; next: DirectoryUser }[] = [];
  for (const member of union.values()) {
    const user = byId.get(member.userId);
    if (user === undefined) {
      added.push(member);
      continue;
    }
    const next = refreshed(user, member, now);
    if (next !== user) updated.push({ user, next });
  }
  const left = complete
    ? users.filter((u) => !union.has(u.id) && !isPlaceholderId(u.id) && u.seenInRosterAt !== undefined && u.leftAt === undefined)
    : [];
  return { added, updated, left };
}

/** The entry with the roster's facts; the entry itself when nothing differs. */
function refreshed(user: DirectoryUser, member: RosterMember, now: Date): DirectoryUser {
  const displayName = rosterName(member);
  const email = normalizeEmail(member.email);
  const same = user.displayName === displayName && sameEmail(user.email, email) && user.leftAt === undefined && user.seenInRosterAt !== undefined;
  if (same) return user;
  const { leftAt: _returned, ...present } = user;
  return { ...present, displayName, email, seenInRosterAt: user.seenInRosterAt ?? now.toISOString() };
}

/** Who holds a benefit: seat holders, the technical assignee, the Azure subscription's admin. */
export function holdersOfBenefit(benefit: Benefit): string[] {
  switch (benefit.category) {
    case "visualStudio":
      return benefit.assignments.map((a) => a.userId);
    case "technical":
      return benefit.assignment === undefined ? [] : [benefit.assignment.userId];
    case "cloud":
      return benefit.assignedTo === undefined ? [] : [benefit.assignedTo.userId];
    case "software":
    case "goToMarket":
      return [];
  }
}

/** Benefits that someone who left the organization still holds (a seat, an assignment), in the order given. */
export function benefitsHeldByLeavers(benefits: readonly Benefit[], users: readonly DirectoryUser[]): Benefit[] {
  const gone = new Set(users.filter((u) => u.leftAt !== undefined).map((u) => u.id));
  return benefits.filter((b) => holdersOfBenefit(b).some((id) => gone.has(id)));
}
