import { BenefitsError, isBenefitsError } from "../errors";
import { assertAlternateEmailDiffers, normalizePhone } from "../rules/contacts";
import { assertOfferCanBeActivated, assertOfferCanBeRequested } from "../rules/lifecycle";
import { emailSchema, MARKETING_CONTACT_ID, type Actor, type DirectoryUser, type GoToMarketOffer, type MarketingContact } from "../types";
import type { UseCaseDeps } from "./deps";
import { contentOf, createAudited, withoutOutbox } from "./auditOutbox";
import { changeDocument, isCategory, requireActor, requireDirectoryUser, saveBenefit, withCapability, type MayAct } from "./shared";

export interface MarketingContactInput {
  readonly userId: string;
  readonly alternateEmail: string;
  readonly phone: string;
  readonly language: string;
  /** The contact's version the admin saw; with it, a contact changed since is not overwritten (STALE_CARD). */
  readonly expectedVersion?: number;
  /** The admin saw no contact: only an add is meant, so a contact added meanwhile by someone else stands (STALE_CARD). */
  readonly sawNoContact?: boolean;
}

export async function getMarketingContact(deps: UseCaseDeps, tenantId: string): Promise<MarketingContact | undefined> {
  const stored = await deps.repos.marketingContacts.get(tenantId, MARKETING_CONTACT_ID);
  return stored === undefined ? undefined : contentOf(stored.value);
}

export type MarketingContactDetails = Pick<MarketingContactInput, "userId" | "alternateEmail" | "phone" | "language">;

/** The details as they would be stored: the chosen person, the trimmed alternate email, the canonical phone. */
export interface CheckedMarketingContact {
  readonly user: DirectoryUser;
  readonly alternateEmail: string;
  readonly phone: string;
  readonly language: string;
}

/**
 * Every check setMarketingContact makes before it writes, without writing: a flow asks again for what is wrong
 * before its confirmation step instead of failing at the end.
 */
export async function checkMarketingContact(deps: UseCaseDeps, actor: Actor, input: MarketingContactDetails): Promise<CheckedMarketingContact> {
  await requireActor(deps, actor, "manageGoToMarket");
  const user = await requireDirectoryUser(deps, actor.tenantId, input.userId);
  const alternateEmail = input.alternateEmail.trim();
  if (!emailSchema.safeParse(alternateEmail).success) {
    throw new BenefitsError("INVALID_INPUT", "the alternate email is not a valid address", { field: "alternateEmail" });
  }
  assertAlternateEmailDiffers(user.email, alternateEmail);
  return { user, alternateEmail, phone: normalizePhone(input.phone), language: input.language };
}

/** Add, update or change the company marketing contact: the person Microsoft mails Go-To-Market instructions to. */
export async function setMarketingContact(deps: UseCaseDeps, actor: Actor, input: MarketingContactInput): Promise<MarketingContact> {
  const checked = await checkMarketingContact(deps, actor, input);
  const fields = {
    userId: checked.user.id,
    alternateEmail: checked.alternateEmail,
    phone: checked.phone,
    language: checked.language,
    updatedAt: deps.now().toISOString(),
    updatedBy: actor.userId,
  };
  const existing = input.sawNoContact === true ? undefined : await getMarketingContact(deps, actor.tenantId);
  if (existing === undefined) {
    if (input.expectedVersion !== undefined) throw new BenefitsError("STALE_CARD", "the marketing contact was removed", { currentVersion: -1 });
    try {
      const contact: MarketingContact = { type: "marketingContact", id: MARKETING_CONTACT_ID, tenantId: actor.tenantId, version: 0, ...fields };
      return await createAudited(deps.repos.marketingContacts, contact, { deps, actor, action: "marketingContact.add", before: null, after: contact });
    } catch (e) {
      // Someone added one at the same moment: theirs stands, and this admin sees it.
      if (isBenefitsError(e, "ALREADY_EXISTS")) throw new BenefitsError("STALE_CARD", "a marketing contact was just added", { currentVersion: 0 });
      throw e;
    }
  }
  const { after } = await changeDocument(deps.repos.marketingContacts, actor.tenantId, MARKETING_CONTACT_ID, input.expectedVersion, (c) => ({ ...c, ...fields }), {
    audit: { deps, actor, action: "marketingContact.update", view: withoutOutbox },
  });
  return after;
}

/** Activation is requested from Microsoft; it takes several days, so the offer becomes pending. */
export async function requestOfferActivation(
  deps: UseCaseDeps,
  actor: Actor,
  input: { readonly benefitId: string; readonly expectedVersion?: number },
): Promise<GoToMarketOffer> {
  await requireActor(deps, actor, "manageGoToMarket");
  if ((await getMarketingContact(deps, actor.tenantId)) === undefined) {
    throw new BenefitsError("MARKETING_CONTACT_REQUIRED", "set the company marketing contact before activating an offer");
  }
  const requestedAt = deps.now().toISOString();
  try {
    return await saveBenefit(deps, actor, "goToMarket.requestActivation", "goToMarket", input.benefitId, input.expectedVersion, (offer) => {
      assertOfferCanBeRequested(offer);
      return { ...offer, state: "pending", requestedAt, requestedBy: actor.userId };
    }, offerView);
  } catch (error) {
    // A double click (or a replay) of the actor's own Activate: it was done once, the second click gets the same answer.
    if (!isBenefitsError(error, "STALE_CARD") && !isBenefitsError(error, "INVALID_STATE")) throw error;
    const current = (await deps.repos.benefits.get(actor.tenantId, input.benefitId))?.value;
    if (current !== undefined && isCategory(current, "goToMarket") && current.state === "pending" && current.requestedBy === actor.userId) return current;
    throw error;
  }
}

/** Microsoft confirmed the offer: it is active until `expiresAt`. An admin in chat or a system actor (see systemActivation). */
export async function activateOffer(
  deps: UseCaseDeps,
  actor: Actor,
  input: { readonly benefitId: string; readonly expiresAt: Date; readonly expectedVersion?: number },
  mayAct: MayAct = withCapability("manageGoToMarket"),
): Promise<GoToMarketOffer> {
  await mayAct(deps, actor);
  const now = deps.now();
  return saveBenefit(deps, actor, "goToMarket.activate", "goToMarket", input.benefitId, input.expectedVersion, (offer) => {
    assertOfferCanBeActivated(offer, input.expiresAt, now);
    return { ...offer, state: "active", activatedAt: now.toISOString(), expiresAt: input.expiresAt.toISOString() };
  }, offerView);
}

function offerView(offer: GoToMarketOffer): unknown {
  return { state: offer.state, expiresAt: offer.expiresAt ?? null };
}
