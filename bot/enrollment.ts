import { TeamsInfo, type TurnContext } from "botbuilder";
import { z } from "zod";
import { completeEnrollment, emailSchema, enrollMember, type UseCaseDeps } from "../benefits";
import { actorOf } from "../dialogs/activity";
import type { BootstrapAdmin } from "./config";

const memberInfo = z.object({ name: z.string().optional(), email: emailSchema.optional(), userPrincipalName: emailSchema.optional() });

/**
 * People who talk to the bot join their tenant's directory, so admins can pick them. Their email comes from Teams'
 * roster (never from anything they typed); when Teams cannot tell it, they are not enrolled.
 *
 * Someone already in the directory is still checked once per process for a placeholder with their email: that
 * finishes a link a crash left half done. `known` then skips them for the life of the process, which cannot miss a
 * placeholder added later, because addDirectoryUser refuses an email an enrolled member already has (only an admin's
 * add racing the person's very first message can slip through; the next process start links it).
 */
export function enrollOnFirstContact(deps: UseCaseDeps, bootstrapAdmins: readonly BootstrapAdmin[], log: (m: string, e?: unknown) => void) {
  const known = new Set<string>();
  return async (context: TurnContext): Promise<void> => {
    const actor = actorOf(context.activity);
    if (actor === undefined) return;
    const key = `${actor.tenantId}/${actor.userId}`;
    if (known.has(key)) return;
    try {
      if ((await completeEnrollment(deps, actor.tenantId, actor.userId)) === undefined) {
        let info: z.infer<typeof memberInfo>;
        try {
          info = memberInfo.parse(await TeamsInfo.getMember(context, actor.userId));
        } catch (error) {
          log("Could not read the sender from the Teams roster; not enrolled in the directory", error);
          return;
        }
        const email = info.email ?? info.userPrincipalName;
        if (email === undefined) return;
        const isBootstrap = bootstrapAdmins.some((a) => a.tenantId === actor.tenantId && a.userId === actor.userId);
        await enrollMember(deps, { ...actor, displayName: info.name ?? context.activity.from.name ?? email, email }, isBootstrap);
      }
    } catch (error) {
      // Enrolling is a side effect of the person's message, not its answer: the turn goes on, and the next message
      // retries (every step is idempotent and the placeholder is removed last).
      log("Enrolling the sender in the directory failed; retried on their next message", error);
      return;
    }
    known.add(key);
  };
}
