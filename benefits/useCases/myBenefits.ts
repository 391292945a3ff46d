import { freeSeats, isAssigned } from "../rules/seats";
import type { Actor, CloudBenefit, DirectoryUser, GoToMarketOffer, TechnicalBenefit, VisualStudioBenefit } from "../types";
import { MARKETING_CONTACT_ID } from "../types";
import type { UseCaseDeps } from "./deps";
import { byDisplayName } from "./directory";
import { hasAnyRole } from "../rules/roles";
import { isCategory } from "./shared";

/** What one person holds in their own tenant: nothing of anyone else's. */
export interface MyBenefits {
  readonly user: DirectoryUser | undefined;
  readonly visualStudio: readonly VisualStudioBenefit[];
  readonly technical: readonly TechnicalBenefit[];
  readonly cloud: readonly CloudBenefit[];
  /** Offers past "available" while the person is the company marketing contact. */
  readonly offers: readonly GoToMarketOffer[];
  /** Whom to ask for something: the tenant's global admins. */
  readonly globalAdmins: readonly DirectoryUser[];
}

const CONTACT_OFFER_STATES: readonly GoToMarketOffer["state"][] = ["pending", "active", "expired"];

/** Looking at one's own benefits needs no role; the actor comes from the authenticated activity. */
export async function myBenefits(deps: UseCaseDeps, actor: Actor): Promise<MyBenefits> {
  // One read of the tenant: the benefits, whether the person is the marketing contact, and the directory.
  const read = await deps.repos.readTogether(actor.tenantId, ["benefits", "marketingContacts", "users"]);
  const benefits = read.benefits.map((s) => s.value).filter((b) => b.tenantId === actor.tenantId);
  const live = benefits.filter((b) => b.cancelRequest === undefined);
  const contact = read.marketingContacts.find((s) => s.value.id === MARKETING_CONTACT_ID)?.value;
  const isContact = contact !== undefined && contact.tenantId === actor.tenantId && contact.userId === actor.userId;
  const users = byDisplayName(read.users.map((s) => s.value));
  return {
    user: users.find((u) => u.id === actor.userId),
    visualStudio: live.filter((b) => isCategory(b, "visualStudio")).filter((b) => isAssigned(b, actor.userId)),
    technical: live.filter((b) => isCategory(b, "technical")).filter((b) => b.assignment?.userId === actor.userId),
    cloud: live.filter((b) => isCategory(b, "cloud")).filter((b) => b.billing === "usage" && b.assignedTo?.userId === actor.userId),
    offers: isContact ? live.filter((b) => isCategory(b, "goToMarket")).filter((b) => CONTACT_OFFER_STATES.includes(b.state)) : [],
    globalAdmins: users.filter((u) => hasAnyRole(u, ["globalAdmin"])),
  };
}

/** What an employee may ask for: subscriptions with a free seat they do not hold, technical benefits nobody holds. */
export async function requestableBenefits(deps: UseCaseDeps, actor: Actor): Promise<(VisualStudioBenefit | TechnicalBenefit)[]> {
  const benefits = (await deps.repos.benefits.list(actor.tenantId)).map((s) => s.value);
  const live = benefits.filter((b) => b.cancelRequest === undefined);
  return [
    ...live.filter((b) => isCategory(b, "visualStudio")).filter((b) => freeSeats(b) > 0 && !isAssigned(b, actor.userId)),
    ...live.filter((b) => isCategory(b, "technical")).filter((b) => b.assignment === undefined),
  ];
}
