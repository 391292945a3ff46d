import { missingTexts, navigationButtons, type FormCardData } from "./navigation";
import { MARKETING_CONTACT_ID, type DirectoryUser, type GoToMarketOffer, type GoToMarketView, type MarketingContact, type OfferRow } from "../benefits";
import { CANCEL_VERBS } from "./cancel";
import { escapeMarkdown } from "./markdown";
import { pageOf, pagingData, type PagingCardData } from "./paging";
import { renderCard, type AdaptiveCardAttachment } from "./render";
import { formatDate, formatDeadline, t, type Locale } from "./strings";

export const OFFER_VERBS = {
  start: "offers.start",
  page: "offers.page",
  activate: "offers.activate",
  markActive: "offers.markActive",
  changeContact: "offers.contact",
  contactFirst: "offers.contactFirst",
  confirmActive: "offers.confirmActive",
} as const;

function stateLabel(locale: Locale, row: OfferRow): string {
  return t(locale, row.offer.cancelRequest === undefined ? `offers.state.${row.state}` : "offers.state.cancelRequested");
}

function offerActions(locale: Locale, row: OfferRow) {
  if (row.offer.cancelRequest !== undefined) return [];
  const ref = { id: row.offer.id, version: row.offer.version };
  if (row.state === "available") return [{ title: t(locale, "offers.activate"), verb: OFFER_VERBS.activate, ...ref }];
  if (row.state === "pending") return [{ title: t(locale, "offers.markActive"), verb: OFFER_VERBS.markActive, ...ref }];
  return [];
}

function offerFacts(locale: Locale, row: OfferRow) {
  const facts = [{ title: t(locale, "offers.fact.status"), value: stateLabel(locale, row) }];
  if (row.offer.expiresAt !== undefined) facts.push({ title: t(locale, "offers.fact.expires"), value: formatDeadline(locale, row.offer.expiresAt) });
  else if (row.state === "pending" && row.offer.requestedAt !== undefined) {
    facts.push({ title: t(locale, "offers.fact.requested"), value: formatDate(locale, row.offer.requestedAt) });
  }
  return facts;
}

/** The data of cards/templates/offers.json. */
export interface OffersCardData extends PagingCardData {
  readonly notice: string;
  readonly title: string;
  readonly intro: string;
  readonly contactLine: string;
  readonly contactButton: string;
  readonly contactVerb: typeof OFFER_VERBS.changeContact;
  readonly contactId: string;
  readonly contactVersion: number;
  readonly none: string;
  readonly levels: { level: string; offers: { name: string; facts: { title: string; value: string }[]; actions: { id: string; version: number; title: string; verb: typeof OFFER_VERBS.activate }[] | { id: string; version: number; title: string; verb: typeof OFFER_VERBS.markActive }[] }[] }[];
  readonly refundButton: string;
  readonly refundVerb: typeof CANCEL_VERBS.start;
}

/**
 * One page of the offers (`page` cut to the pages that exist), each under its level: a level whose offers span two
 * pages is named on both. Previous / Next send `OFFER_VERBS.page`.
 */
function levelsOnPage(view: GoToMarketView, page: number) {
  const rows = view.levels.flatMap((level) => level.offers.map((row) => ({ level: level.level, row })));
  const shown = pageOf(rows, page);
  const levels: { level: string; rows: OfferRow[] }[] = [];
  for (const { level, row } of shown.items) {
    const last = levels[levels.length - 1];
    if (last?.level === level) last.rows.push(row);
    else levels.push({ level, rows: [row] });
  }
  return { shown, levels };
}

/** The Go-To-Market page: the marketing contact on top, then each benefit level with its offers, state and expiry. */
export function offersCard(locale: Locale, view: GoToMarketView, notice = "", page = 0): AdaptiveCardAttachment {
  const contact = view.contact;
  const { shown, levels } = levelsOnPage(view, page);
  return renderCard("offers", {
    notice,
    title: t(locale, "offers.title"),
    intro: t(locale, "offers.intro"),
    contactLine:
      contact === undefined
        ? t(locale, "offers.contact.none")
        : t(locale, "offers.contact.set", { name: escapeMarkdown(view.contactUser?.displayName ?? contact.userId), email: escapeMarkdown(contact.alternateEmail) }),
    contactButton: t(locale, contact === undefined ? "offers.contact.add" : "offers.contact.change"),
    contactVerb: OFFER_VERBS.changeContact,
    contactId: MARKETING_CONTACT_ID,
    contactVersion: contact?.version ?? 0,
    none: view.levels.length === 0 ? t(locale, "offers.none") : "",
    ...pagingData(locale, shown),
    levels: levels.map((level) => ({
      level: escapeMarkdown(level.level),
      offers: level.rows.map((row) => ({ name: escapeMarkdown(row.offer.name), facts: offerFacts(locale, row), actions: offerActions(locale, row) })),
    })),
    refundButton: t(locale, "offers.refund"),
    refundVerb: CANCEL_VERBS.start,
  });
}

/** The data of cards/templates/offersContactNeeded.json. */
export interface OffersContactNeededCardData {
  readonly title: string;
  readonly text: string;
  readonly button: string;
  readonly verb: typeof OFFER_VERBS.contactFirst;
  readonly id: string;
  readonly version: number;
}

export function contactNeededCard(locale: Locale, offer: GoToMarketOffer): AdaptiveCardAttachment {
  return renderCard("offersContactNeeded", {
    title: t(locale, "offers.contactNeeded.title"),
    text: t(locale, "offers.contactNeeded.text", { offer: escapeMarkdown(offer.name) }),
    button: t(locale, "offers.contactNeeded.button"),
    verb: OFFER_VERBS.contactFirst,
    id: offer.id,
    version: offer.version,
  });
}

/** Input.Date's min: the first day an expiry may fall on (tomorrow, in UTC like every date the bot shows). */
function tomorrow(now: Date): string {
  return new Date(now.getTime() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** The data of cards/templates/offersMarkActive.json. */
export interface OffersMarkActiveCardData extends FormCardData {
  readonly missing: Record<"date" | "email" | "person" | "item" | "phone" | "language", string>;
  readonly error: string;
  readonly title: string;
  readonly text: string;
  readonly dateLabel: string;
  readonly minDate: string;
  readonly button: string;
  readonly verb: typeof OFFER_VERBS.confirmActive;
}

export function markActiveCard(locale: Locale, offer: GoToMarketOffer, now: Date, error = ""): AdaptiveCardAttachment {
  return renderCard("offersMarkActive", {
    ...navigationButtons(locale),
    missing: missingTexts(locale),
    error,
    title: t(locale, "offers.markActive.title", { offer: escapeMarkdown(offer.name) }),
    text: t(locale, "offers.markActive.text"),
    dateLabel: t(locale, "offers.markActive.date"),
    minDate: tomorrow(now),
    button: t(locale, "offers.markActive"),
    verb: OFFER_VERBS.confirmActive,
    id: offer.id,
    version: offer.version,
  });
}

const seeAll = (locale: Locale) => [{ title: t(locale, "offers.seeAll"), verb: OFFER_VERBS.start }];

/** The data of cards/templates/offersDone.json. */
export interface OffersDoneCardData {
  readonly note: string;
  readonly title: string;
  readonly text: string;
  readonly facts: { title: string; value: string }[];
  readonly actions: { title: string; verb: typeof OFFER_VERBS.start }[];
}

export function activationRequestedCard(
  locale: Locale,
  offer: GoToMarketOffer,
  contact: MarketingContact | undefined,
  contactUser: DirectoryUser | undefined,
  note = "",
): AdaptiveCardAttachment {
  return renderCard("offersDone", {
    note,
    title: t(locale, "offers.requested.title"),
    text: t(locale, "offers.requested.text", {
      offer: escapeMarkdown(offer.name),
      level: escapeMarkdown(offer.level),
      name: escapeMarkdown(contactUser?.displayName ?? contact?.userId ?? ""),
      email: escapeMarkdown(contact?.alternateEmail ?? ""),
    }),
    facts: [{ title: t(locale, "offers.fact.status"), value: t(locale, "offers.state.pending") }],
    actions: seeAll(locale),
  });
}

export function offerActiveCard(locale: Locale, offer: GoToMarketOffer): AdaptiveCardAttachment {
  const expires = offer.expiresAt === undefined ? "" : formatDeadline(locale, offer.expiresAt);
  return renderCard("offersDone", {
    note: "",
    title: t(locale, "offers.activated.title"),
    text: t(locale, "offers.activated.text", { offer: escapeMarkdown(offer.name), level: escapeMarkdown(offer.level), expires }),
    facts: [
      { title: t(locale, "offers.fact.status"), value: t(locale, "offers.state.active") },
      { title: t(locale, "offers.fact.expires"), value: expires },
    ],
    actions: seeAll(locale),
  });
}
