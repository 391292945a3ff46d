import { BenefitsError } from "../errors";
import type { DirectoryUser, Role } from "../types";

/** What each capability needs (from the Partner Center page: purchase needs no role, assigning needs Global admin). */
export const CAPABILITY_ROLES = {
  assignBenefits: ["globalAdmin"],
  /** Partner Center's "add users in Account settings". */
  addUsers: ["globalAdmin", "userAdmin"],
  manageGoToMarket: ["globalAdmin", "mpnPartnerAdmin"],
  manageRoles: ["globalAdmin"],
  viewAudit: ["globalAdmin", "mpnPartnerAdmin", "userAdmin"],
  /** Recording a NEW package needs only membership (as purchasing in Partner Center); changing or removing one does not. */
  changePackages: ["globalAdmin"],
  exportData: ["globalAdmin"],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITY_ROLES;

export function hasAnyRole(user: DirectoryUser | undefined, roles: readonly Role[]): boolean {
  return user !== undefined && user.roles.some((role) => roles.includes(role));
}

export function can(user: DirectoryUser | undefined, capability: Capability): boolean {
  return hasAnyRole(user, CAPABILITY_ROLES[capability]);
}

export function requireCapability(user: DirectoryUser | undefined, capability: Capability): DirectoryUser {
  if (user === undefined || !can(user, capability)) {
    throw new BenefitsError("NOT_AUTHORIZED", `${capability} needs one of: ${CAPABILITY_ROLES[capability].join(", ")}`, {
      capability,
      requiredRoles: CAPABILITY_ROLES[capability].join(","),
    });
  }
  return user;
}

/** Removing a role must never leave a tenant without a global admin: nobody could assign benefits any more. */
export function assertKeepsAGlobalAdmin(users: readonly DirectoryUser[], changedUserId: string, nextRoles: readonly Role[]): void {
  const remaining = users.filter((u) => (u.id === changedUserId ? nextRoles.includes("globalAdmin") : u.roles.includes("globalAdmin")));
  if (remaining.length === 0) {
    throw new BenefitsError("LAST_GLOBAL_ADMIN", "the tenant must keep at least one global admin", { userId: changedUserId });
  }
}

/** The admin set without `userId`; refused when nobody would be left (the set counts for the whole tenant). */
export function adminsWithout(adminIds: readonly string[], userId: string): string[] {
  const remaining = adminIds.filter((id) => id !== userId);
  if (remaining.length === 0) {
    throw new BenefitsError("LAST_GLOBAL_ADMIN", "the tenant must keep at least one global admin", { userId });
  }
  return remaining;
}
