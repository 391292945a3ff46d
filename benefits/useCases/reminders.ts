import type { Actor, DirectoryUser } from "../types";
import type { UseCaseDeps } from "./deps";
import { changeDocument, recordAudit } from "./shared";

/** Anyone may mute or resume their own reminders; only their own directory entry changes. */
export async function setRemindersMuted(deps: UseCaseDeps, actor: Actor, muted: boolean): Promise<DirectoryUser> {
  const { before, after } = await changeDocument(deps.repos.users, actor.tenantId, actor.userId, undefined, (user) =>
    user.remindersMuted === muted ? user : { ...user, remindersMuted: muted },
  );
  if (after !== before) await recordAudit(deps, actor, muted ? "reminders.mute" : "reminders.resume", after, before.remindersMuted, after.remindersMuted);
  return after;
}
