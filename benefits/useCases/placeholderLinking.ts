import { isBenefitsError } from "../errors";
import { notificationId } from "../notifications/ids";
import type { Stored } from "../ports";
import { sameEmail } from "../rules/contacts";
import { isAssigned } from "../rules/seats";
import { MARKETING_CONTACT_ID, type Actor, type Benefit, type DirectoryUser } from "../types";
import type { UseCaseDeps } from "./deps";
import { dropFromAdminSet, replaceInAdminSet } from "./adminSet";
import { withoutOutbox } from "./auditOutbox";
import { changeDocument } from "./shared";
import { removeAudited } from "./tombstones";
import { createSettled } from "./unknownOutcome";

/** addDirectoryUser names the people it adds `user-<uuid>`; Entra object ids are GUIDs, so the two never collide. */
export const PLACEHOLDER_ID_PREFIX = "user-";
export const ENROLLMENT_ACTOR_ID = "system:enrollment";

export function isPlaceholderId(id: string): boolean {
  return id.startsWith(PLACEHOLDER_ID_PREFIX);
}

/**
 * Entries an admin added on the spot for the person with this email, in this tenant only. The email comes from Teams'
 * roster for the enrolling person, never from what anyone typed, so a person can only be linked to their own address.
 */
export async function placeholdersFor(deps: UseCaseDeps, tenantId: string, email: string, realId: string): Promise<Stored<DirectoryUser>[]> {
  return (await deps.repos.users.list(tenantId))
    .filter(({ value: u }) => u.tenantId === tenantId && u.id !== realId && isPlaceholderId(u.id) && sameEmail(u.email, email))
    .sort((a, b) => a.value.id.localeCompare(b.value.id));
}

/**
 * Pure: the benefit with every assignment of `fromId` given to `toId`; the benefit itself when `fromId` holds nothing.
 * A seat both ids hold is one person's seat twice: the placeholder's is released, so one person never holds two.
 */
export function reassignHolder(benefit: Benefit, fromId: string, toId: string): Benefit {
  switch (benefit.category) {
    case "visualStudio": {
      if (!isAssigned(benefit, fromId)) return benefit;
      const assignments = isAssigned(benefit, toId)
        ? benefit.assignments.filter((a) => a.userId !== fromId)
        : benefit.assignments.map((a) => (a.userId === fromId ? { ...a, userId: toId } : a));
      return { ...benefit, assignments };
    }
    case "technical":
      return benefit.assignment?.userId === fromId ? { ...benefit, assignment: { ...benefit.assignment, userId: toId } } : benefit;
    case "cloud":
      return benefit.assignedTo?.userId === fromId ? { ...benefit, assignedTo: { ...benefit.assignedTo, userId: toId } } : benefit;
    case "software":
    case "goToMarket":
      // Their user fields (keysRevealed.by, requestedBy) name who acted, and a placeholder never acts.
      return benefit;
  }
}

function holdingView(benefit: Benefit): unknown {
  switch (benefit.category) {
    case "visualStudio":
      return { assignments: benefit.assignments };
    case "technical":
      return { assignment: benefit.assignment };
    case "cloud":
      return { assignedTo: benefit.assignedTo };
    default:
      return {};
  }
}

/**
 * Moves every reference from the placeholder to the real person, then removes the placeholder. Each move is a
 * conditional write that writes nothing when nothing names the placeholder any more, and the placeholder goes last:
 * after a crash it is still there, so the person's next enrollment finds it and finishes the job.
 * Benefit requests are not moved: their user fields (requester, decider, admin cards) name people who talked to the
 * bot, which a placeholder never does.
 */
export async function linkPlaceholder(deps: UseCaseDeps, placeholder: DirectoryUser, realId: string): Promise<void> {
  const system: Actor = { tenantId: placeholder.tenantId, userId: ENROLLMENT_ACTOR_ID };
  await moveReferences(deps, system, placeholder.id, realId);
  await removePlaceholder(deps, system, placeholder.id, realId);
  // An admin who read the placeholder just before it went may still have written a seat to it: sweep once more.
  await moveReferences(deps, system, placeholder.id, realId);
}

async function moveReferences(deps: UseCaseDeps, system: Actor, fromId: string, toId: string): Promise<void> {
  await moveBenefitHoldings(deps, system, fromId, toId);
  await moveMarketingContact(deps, system, fromId, toId);
  await moveNotifications(deps, system, fromId, toId);
}

async function moveBenefitHoldings(deps: UseCaseDeps, system: Actor, fromId: string, toId: string): Promise<void> {
  const benefits = await deps.repos.benefits.list(system.tenantId);
  for (const { value } of benefits) {
    if (value.tenantId !== system.tenantId || reassignHolder(value, fromId, toId) === value) continue;
    await changeDocument(deps.repos.benefits, system.tenantId, value.id, undefined, (b) => reassignHolder(b, fromId, toId), {
      audit: { deps, actor: system, action: "directory.moveAssignment", view: holdingView },
    });
  }
}

async function moveMarketingContact(deps: UseCaseDeps, system: Actor, fromId: string, toId: string): Promise<void> {
  const contact = await deps.repos.marketingContacts.get(system.tenantId, MARKETING_CONTACT_ID);
  if (contact === undefined || contact.value.userId !== fromId) return;
  await changeDocument(deps.repos.marketingContacts, system.tenantId, MARKETING_CONTACT_ID, undefined, (c) => (c.userId === fromId ? { ...c, userId: toId } : c), {
    audit: { deps, actor: system, action: "directory.moveMarketingContact", view: (c) => ({ userId: c.userId }) },
  });
}

/**
 * Planned notifications for the placeholder would wait forever for a conversation it can never have: each is planned
 * again under the real person's id (409 = already planned for them), then the placeholder's copy is removed with the
 * move's audit entry in the same write. The copy goes first: after a crash the old one is still there to move again.
 */
async function moveNotifications(deps: UseCaseDeps, system: Actor, fromId: string, toId: string): Promise<void> {
  const waiting = (await deps.repos.notifications.list(system.tenantId)).filter(
    ({ value: n }) => n.tenantId === system.tenantId && n.recipientId === fromId && n.state === "planned",
  );
  for (const stored of waiting) {
    const n = stored.value;
    const moved = { ...n, id: notificationId(n.benefitId, n.event, toId), recipientId: toId, version: 0 };
    try {
      await createSettled(deps.repos.notifications, moved);
    } catch (error) {
      if (!isBenefitsError(error, "ALREADY_EXISTS")) throw error;
    }
    const note = { deps, actor: system, action: "directory.moveNotification" };
    // A changed copy (sent or dropped meanwhile) is read afresh by the next linking, which moves it only if still planned.
    await removeAudited(stored, { ...note, before: { id: n.id, recipientId: fromId }, after: { id: moved.id, recipientId: toId } });
  }
}

/**
 * The placeholder leaves the admin set first (the set never counts an entry that is gone; a change a crash left
 * pending there is settled too), then its entry is replaced by a tombstone carrying the link's audit entry, in one
 * If-Match write: had the placeholder changed since this read, nothing is removed and the next enrollment reads it afresh.
 */
async function removePlaceholder(deps: UseCaseDeps, system: Actor, placeholderId: string, realId: string): Promise<void> {
  if ((await deps.repos.users.get(system.tenantId, placeholderId)) === undefined) return;
  await replaceInAdminSet(deps, system, placeholderId, realId);
  // Read after the set change, which may have written the entry (confirming a change a crash left pending).
  const current = await deps.repos.users.get(system.tenantId, placeholderId);
  if (current === undefined) return;
  const removed = await removeAudited(current, { deps, actor: system, action: "directory.linkPlaceholder", before: withoutOutbox(current.value), after: { linkedTo: realId } });
  if (removed) await dropFromAdminSet(deps, system, placeholderId);
}
