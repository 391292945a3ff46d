import type { Actor, DirectoryUser } from "../types";
import type { UseCaseDeps } from "./deps";
import { changeDocument } from "./shared";

/** Anyone may mute or resume their own reminders; only their own directory entry changes. */
export async function setRemindersMuted(deps: UseCaseDeps, actor: Actor, muted: boolean): Promise<DirectoryUser> {
  const action = muted ? "reminders.mute" : "reminders.resume";
  const { after } = await changeDocument(deps.repos.users, actor.tenantId, actor.userId, undefined, (user) =>
    user.remindersMuted === muted ? user : { ...user, remindersMuted: muted },
  { audit: { deps, actor, action, view: (u) => u.remindersMuted } });
  return after;
}
