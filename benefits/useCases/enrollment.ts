import { isBenefitsError } from "../errors";
import { normalizeEmail } from "../rules/contacts";
import type { DirectoryUser, Role } from "../types";
import type { UseCaseDeps } from "./deps";

export interface Member {
  readonly tenantId: string;
  readonly userId: string;
  readonly displayName: string;
  readonly email: string;
}

/**
 * Puts a person who talks to the bot into the tenant's directory (as an employee, or a global admin when configuration
 * names them as a first admin). An existing entry is never changed: after bootstrap, roles are managed in chat.
 */
export async function enrollMember(deps: UseCaseDeps, member: Member, bootstrapAdmin: boolean): Promise<DirectoryUser> {
  const existing = await deps.repos.users.get(member.tenantId, member.userId);
  if (existing !== undefined) return existing.value;
  const roles: Role[] = bootstrapAdmin ? ["globalAdmin"] : ["employee"];
  try {
    const created = await deps.repos.users.create({
      type: "user",
      id: member.userId,
      tenantId: member.tenantId,
      version: 0,
      displayName: member.displayName.trim().slice(0, 120) || member.email,
      email: normalizeEmail(member.email),
      roles,
      remindersMuted: false,
    });
    return created.value;
  } catch (e) {
    if (!isBenefitsError(e, "ALREADY_EXISTS")) throw e;
    const raced = await deps.repos.users.get(member.tenantId, member.userId);
    if (raced === undefined) throw e;
    return raced.value;
  }
}
