import { TeamsInfo, type TurnContext } from "botbuilder";
import { z } from "zod";
import { emailSchema, enrollMember, type UseCaseDeps } from "../benefits";
import { actorOf } from "./activityContext";
import type { BootstrapAdmin } from "./config";

const memberInfo = z.object({ name: z.string().optional(), email: emailSchema.optional(), userPrincipalName: emailSchema.optional() });

/**
 * People who talk to the bot join their tenant's directory, so admins can pick them. Their email comes from Teams'
 * roster (never from anything they typed); when Teams cannot tell it, they are not enrolled.
 */
export function enrollOnFirstContact(deps: UseCaseDeps, bootstrapAdmins: readonly BootstrapAdmin[], log: (m: string, e?: unknown) => void) {
  const known = new Set<string>();
  return async (context: TurnContext): Promise<void> => {
    const actor = actorOf(context.activity);
    if (actor === undefined) return;
    const key = `${actor.tenantId}/${actor.userId}`;
    if (known.has(key)) return;
    if ((await deps.repos.users.get(actor.tenantId, actor.userId)) === undefined) {
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
    known.add(key);
  };
}
