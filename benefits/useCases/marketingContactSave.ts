import { BenefitsError } from "../errors";
import type { Actor, MarketingContact } from "../types";
import type { UseCaseDeps } from "./deps";
import { getMarketingContact, setMarketingContact, type MarketingContactInput } from "./goToMarket";
import { requireActor } from "./shared";

/**
 * setMarketingContact with "the admin saw no contact" made explicit: an undefined expectedVersion there means
 * "overwrite whatever is there", so an admin who saw none would silently replace a contact another admin just added.
 * The check and the write are two round trips; a contact added in between is still overwritten (documented window).
 */
export async function saveMarketingContact(
  deps: UseCaseDeps,
  actor: Actor,
  input: MarketingContactInput & { readonly sawNoContact: boolean },
): Promise<MarketingContact> {
  await requireActor(deps, actor, "manageGoToMarket");
  if (input.sawNoContact) {
    const current = await getMarketingContact(deps, actor.tenantId);
    if (current !== undefined) throw new BenefitsError("STALE_CARD", "a marketing contact was added meanwhile", { currentVersion: current.version });
  }
  return setMarketingContact(deps, actor, input);
}
