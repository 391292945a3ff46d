import { CANCEL_VERBS } from "../../cards/cancel";
import { CONTACT_VERBS } from "../../cards/marketingContact";
import { OFFER_VERBS } from "../../cards/offers";
import type { FlowDefinition } from "../flow";
import { CANCEL_FLOW, CancelDialog } from "./cancelDialog";
import { MARKETING_CONTACT_FLOW, MarketingContactDialog } from "./marketingContactDialog";
import { OFFERS_FLOW, OffersDialog } from "./offersDialog";

// Plain "cancel" / "annuler" stops any flow: a refund request always needs more words than that.
const CANCEL_INTENTS = [
  /\b(cancel|cancell?ation of) (a |an |the |my |this )?(benefit|offer|package|subscription)s?\b/,
  /\brefunds?\b/,
  /\bannul(er|ation d) (un |une |l |le |la |mon |ma |cet |cette )?(avantage|offre|package|abonnement)s?\b/,
  /\brembours/,
];

export const goToMarketAndCancelFlows: readonly FlowDefinition[] = [
  // Listed first: "cancel an offer" must reach the refund flow, not the offers page.
  {
    id: CANCEL_FLOW,
    intents: CANCEL_INTENTS,
    startVerbs: [CANCEL_VERBS.start],
    // Offers need Go-To-Market rights, other benefits Global admin (who has Go-To-Market rights too): so this is who may cancel anything.
    capability: "manageGoToMarket",
    create: () => new CancelDialog(),
  },
  {
    id: MARKETING_CONTACT_FLOW,
    intents: [/\bmarketing contact\b/, /\bcontact marketing\b/],
    startVerbs: [CONTACT_VERBS.start],
    capability: "manageGoToMarket",
    create: () => new MarketingContactDialog(),
  },
  {
    id: OFFERS_FLOW,
    intents: [/\bgo ?-? ?to ?-? ?market\b/, /\bgtm\b/, /\boff(er|re)s?\b/, /\bactiva(te|ter) (an |une |the |l )?off(er|re)\b/],
    startVerbs: [OFFER_VERBS.start, OFFER_VERBS.activate, OFFER_VERBS.markActive],
    capability: "manageGoToMarket",
    create: () => new OffersDialog(),
  },
];
