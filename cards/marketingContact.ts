import { MARKETING_CONTACT_ID, type DirectoryUser, type MarketingContact, type PeopleToPick } from "../benefits";
import { escapeMarkdown } from "./markdown";
import { navigationButtons, missingTexts, type FormCardData } from "./navigation";
import { renderCard, type AdaptiveCardAttachment } from "./render";
import { formatDate, t, type Locale } from "./strings";
import { peoplePicker, personLabel, type PeoplePicker } from "./people";

export const CONTACT_VERBS = {
  start: "contact.start",
  edit: "contact.edit",
  pickUser: "contact.pickUser",
  details: "contact.details",
  confirm: "contact.confirm",
} as const;

/** Languages a marketing contact can prefer; stored as the code, shown in the reader's language. */
export const CONTACT_LANGUAGES = ["en", "fr", "de", "es", "it", "pt", "ja", "zh"] as const;
export type ContactLanguage = (typeof CONTACT_LANGUAGES)[number];

export interface ContactDetails {
  readonly alternateEmail: string;
  readonly phone: string;
  readonly language: ContactLanguage;
}

/** The contact's version the admin saw (0 when none was set: the flow keeps the difference). */
const cardRef = (contact: MarketingContact | undefined) => ({ id: MARKETING_CONTACT_ID, version: contact?.version ?? 0 });

export function languageName(locale: Locale, code: string): string {
  return (CONTACT_LANGUAGES as readonly string[]).includes(code) ? t(locale, `marketingContact.language.${code}`) : code;
}

function contactFacts(locale: Locale, contact: MarketingContact, user: DirectoryUser | undefined) {
  return [
    { title: t(locale, "marketingContact.fact.name"), value: user === undefined ? t(locale, "marketingContact.unknownUser") : escapeMarkdown(user.displayName) },
    { title: t(locale, "marketingContact.fact.alternateEmail"), value: escapeMarkdown(contact.alternateEmail) },
    { title: t(locale, "marketingContact.fact.phone"), value: escapeMarkdown(contact.phone) },
    { title: t(locale, "marketingContact.fact.language"), value: escapeMarkdown(languageName(locale, contact.language)) },
    { title: t(locale, "marketingContact.fact.updated"), value: formatDate(locale, contact.updatedAt) },
  ];
}

/** The data of cards/templates/marketingContact.json. */
export interface MarketingContactCardData {
  readonly id: string;
  readonly version: number;
  readonly notice: string;
  readonly title: string;
  readonly intro: string;
  readonly facts: { title: string; value: string }[];
  readonly none: string;
  readonly button: string;
  readonly verb: typeof CONTACT_VERBS.edit;
}

/** The current contact (or none) with Add / Update or change. `notice` is a line shown above, e.g. why the card is back. */
export function marketingContactCard(
  locale: Locale,
  contact: MarketingContact | undefined,
  user: DirectoryUser | undefined,
  notice = "",
): AdaptiveCardAttachment {
  return renderCard("marketingContact", {
    notice,
    title: t(locale, "marketingContact.title"),
    intro: t(locale, "marketingContact.intro"),
    facts: contact === undefined ? [] : contactFacts(locale, contact, user),
    none: contact === undefined ? t(locale, "marketingContact.none") : "",
    button: t(locale, contact === undefined ? "marketingContact.add" : "marketingContact.change"),
    verb: CONTACT_VERBS.edit,
    ...cardRef(contact),
  });
}

/** The data of cards/templates/marketingContactPickUser.json. */
export interface MarketingContactPickUserCardData extends FormCardData {
  readonly missing: Record<"date" | "email" | "person" | "item" | "phone" | "language", string>;
  readonly title: string;
  readonly text: string;
  readonly picker: PeoplePicker;
  readonly button: string;
  readonly verb: typeof CONTACT_VERBS.pickUser;
}

export function contactPickUserCard(
  locale: Locale,
  people: PeopleToPick,
  selected: DirectoryUser | undefined,
  contact: MarketingContact | undefined,
): AdaptiveCardAttachment {
  return renderCard("marketingContactPickUser", {
    missing: missingTexts(locale),
    title: t(locale, "marketingContact.pick.title"),
    text: t(locale, "marketingContact.pick.text"),
    // Choice titles are plain text, not Markdown: no escaping.
    picker: peoplePicker({
      inputId: "userId",
      label: t(locale, "marketingContact.pick.label"),
      placeholder: t(locale, people.mode === "static" ? "marketingContact.pick.placeholder" : "people.search.placeholder"),
      scope: { kind: "directory" },
      toPick: people,
      selected,
    }),
    button: t(locale, "marketingContact.next"),
    verb: CONTACT_VERBS.pickUser,
    ...navigationButtons(locale),
    ...cardRef(contact),
  });
}

/** The data of cards/templates/marketingContactDetails.json. */
export interface MarketingContactDetailsCardData extends FormCardData {
  readonly missing: Record<"date" | "email" | "person" | "item" | "phone" | "language", string>;
  readonly error: string;
  readonly title: string;
  readonly text: string;
  readonly emailLabel: string;
  readonly alternateEmail: string;
  readonly phoneLabel: string;
  readonly phonePlaceholder: string;
  readonly phone: string;
  readonly languageLabel: string;
  readonly language: Locale | "de" | "es" | "it" | "pt" | "ja" | "zh";
  readonly languages: { title: string; value: "en" | "fr" | "de" | "es" | "it" | "pt" | "ja" | "zh" }[];
  readonly button: string;
  readonly verb: typeof CONTACT_VERBS.details;
}

export function contactDetailsCard(
  locale: Locale,
  user: DirectoryUser,
  prefill: Partial<ContactDetails>,
  contact: MarketingContact | undefined,
  error = "",
): AdaptiveCardAttachment {
  return renderCard("marketingContactDetails", {
    missing: missingTexts(locale),
    error,
    title: t(locale, "marketingContact.details.title", { name: escapeMarkdown(user.displayName) }),
    text: t(locale, "marketingContact.details.text", { email: escapeMarkdown(user.email) }),
    emailLabel: t(locale, "marketingContact.details.alternateEmail"),
    alternateEmail: prefill.alternateEmail ?? "",
    phoneLabel: t(locale, "marketingContact.details.phone"),
    phonePlaceholder: t(locale, "marketingContact.details.phonePlaceholder"),
    phone: prefill.phone ?? "",
    languageLabel: t(locale, "marketingContact.details.language"),
    language: prefill.language ?? locale,
    languages: CONTACT_LANGUAGES.map((code) => ({ title: languageName(locale, code), value: code })),
    button: t(locale, "marketingContact.next"),
    verb: CONTACT_VERBS.details,
    ...navigationButtons(locale),
    ...cardRef(contact),
  });
}

/** The data of cards/templates/marketingContactConfirm.json. */
export interface MarketingContactConfirmCardData extends FormCardData {
  readonly title: string;
  readonly facts: { title: string; value: string }[];
  readonly text: string;
  readonly button: string;
  readonly verb: typeof CONTACT_VERBS.confirm;
}

export function contactConfirmCard(
  locale: Locale,
  user: DirectoryUser,
  details: ContactDetails,
  contact: MarketingContact | undefined,
): AdaptiveCardAttachment {
  return renderCard("marketingContactConfirm", {
    title: t(locale, "marketingContact.confirm.title", { name: escapeMarkdown(user.displayName) }),
    facts: [
      { title: t(locale, "marketingContact.fact.name"), value: escapeMarkdown(personLabel(user)) },
      { title: t(locale, "marketingContact.fact.alternateEmail"), value: escapeMarkdown(details.alternateEmail) },
      { title: t(locale, "marketingContact.fact.phone"), value: escapeMarkdown(details.phone) },
      { title: t(locale, "marketingContact.fact.language"), value: languageName(locale, details.language) },
    ],
    text: t(locale, "marketingContact.confirm.text"),
    button: t(locale, "marketingContact.confirm.button"),
    verb: CONTACT_VERBS.confirm,
    ...navigationButtons(locale),
    ...cardRef(contact),
  });
}

/** The data of cards/templates/marketingContactDone.json. */
export interface MarketingContactDoneCardData {
  readonly title: string;
  readonly text: string;
  readonly facts: { title: string; value: string }[];
  readonly actions: { title: string; verb: string }[];
}

export function contactSavedCard(locale: Locale, contact: MarketingContact, user: DirectoryUser | undefined, nextVerb: string): AdaptiveCardAttachment {
  return renderCard("marketingContactDone", {
    title: t(locale, "marketingContact.done.title"),
    text: t(locale, "marketingContact.done.text", {
      name: escapeMarkdown(user?.displayName ?? contact.userId),
      email: escapeMarkdown(contact.alternateEmail),
    }),
    facts: contactFacts(locale, contact, user),
    actions: [{ title: t(locale, "marketingContact.done.next"), verb: nextVerb }],
  });
}
