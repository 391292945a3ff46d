import type { Benefit, DirectoryUser, MarketingContact } from "../types";

export interface Audience {
  readonly users: readonly DirectoryUser[];
  readonly marketingContact?: MarketingContact;
}

function withRole(users: readonly DirectoryUser[], roles: readonly DirectoryUser["roles"][number][]): string[] {
  return users.filter((u) => u.roles.some((r) => roles.includes(r))).map((u) => u.id);
}

/** The people a benefit is for: the assignees, or the marketing contact for an offer. */
export function benefitHolders(benefit: Benefit, marketingContact: MarketingContact | undefined): string[] {
  switch (benefit.category) {
    case "goToMarket":
      return marketingContact === undefined ? [] : [marketingContact.userId];
    case "technical":
      return benefit.assignment === undefined ? [] : [benefit.assignment.userId];
    case "visualStudio":
      return benefit.assignments.map((a) => a.userId);
    case "cloud":
      return benefit.assignedTo === undefined ? [] : [benefit.assignedTo.userId];
    case "software":
      return [];
  }
}

/** Who hears about a benefit: its holders and the tenant's global admins (and MPN partner admins for offers), each once. */
export function recipientsOf(benefit: Benefit, audience: Audience): string[] {
  const adminRoles: DirectoryUser["roles"][number][] = benefit.category === "goToMarket" ? ["globalAdmin", "mpnPartnerAdmin"] : ["globalAdmin"];
  return [...new Set([...benefitHolders(benefit, audience.marketingContact), ...withRole(audience.users, adminRoles)])];
}
