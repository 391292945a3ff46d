import { effectiveOfferState } from "../rules/lifecycle";
import type { Actor, DirectoryUser, GoToMarketOffer, MarketingContact } from "../types";
import type { UseCaseDeps } from "./deps";
import { listDirectory } from "./directory";
import { getMarketingContact } from "./goToMarket";
import { requireActor } from "./shared";

export interface OfferRow {
  readonly offer: GoToMarketOffer;
  /** What a reader should see now (an active offer past its expiry reads as expired). */
  readonly state: GoToMarketOffer["state"];
}

/** Partner Center lists each offer below its benefit level ("Silver Core", "Gold Core"). */
export interface OfferLevel {
  readonly level: string;
  readonly offers: readonly OfferRow[];
}

export interface GoToMarketView {
  readonly contact: MarketingContact | undefined;
  /** The directory user the contact points to; undefined when none is set or the user left the directory. */
  readonly contactUser: DirectoryUser | undefined;
  readonly levels: readonly OfferLevel[];
  /** The people a contact can be picked from. */
  readonly users: readonly DirectoryUser[];
}

/** The Go-To-Market page: marketing contact and offers by level, for Global admins and MPN partner admins. */
export async function goToMarketView(deps: UseCaseDeps, actor: Actor): Promise<GoToMarketView> {
  await requireActor(deps, actor, "manageGoToMarket");
  const [contact, users, benefits] = await Promise.all([
    getMarketingContact(deps, actor.tenantId),
    listDirectory(deps, actor.tenantId),
    deps.repos.benefits.list(actor.tenantId),
  ]);
  const now = deps.now();
  const offers = benefits.map((s) => s.value).filter((b): b is GoToMarketOffer => b.category === "goToMarket");
  const levelNames = [...new Set(offers.map((o) => o.level))].sort((a, b) => a.localeCompare(b));
  const levels = levelNames.map((level) => ({
    level,
    offers: offers
      .filter((o) => o.level === level)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((offer) => ({ offer, state: effectiveOfferState(offer, now) })),
  }));
  return { contact, contactUser: users.find((u) => u.id === contact?.userId), levels, users };
}
