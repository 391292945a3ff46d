import type { DirectoryUser, HeldBenefit, PeopleToPick } from "../benefits";
import { escapeMarkdown } from "./markdown";
import { navigationButtons, type FormCardData } from "./navigation";
import { peoplePicker, type PeoplePicker } from "./people";
import { renderCard, type AdaptiveCardAttachment } from "./render";
import { t, type Locale } from "./strings";

/** Reassign and Remove of what one person holds (a technical benefit, a usage-based Azure subscription). */
export const HOLDER_VERBS = {
  reassign: "holder.reassign",
  remove: "holder.remove",
  person: "holder.person",
  // One verb per action: an older card of the other action then waits in no flow, and is answered as out of date.
  confirmRemove: "holder.confirm.remove",
  confirmReassign: "holder.confirm.reassign",
} as const;

/** The data of cards/templates/leftHolderConfirm.json. */
export interface LeftHolderConfirmCardData extends FormCardData {
  readonly title: string;
  /** Why it is asked again (the store failed: nothing was changed, try again), or "". */
  readonly error: string;
  readonly facts: { title: string; value: string }[];
  readonly text: string;
  readonly confirm: string;
  readonly confirmVerb: string;
}

/** The data of cards/templates/leftHolderReassign.json. */
export interface LeftHolderReassignCardData extends FormCardData {
  readonly title: string;
  readonly text: string;
  readonly error: string;
  readonly picker: PeoplePicker;
  readonly required: string;
  readonly emailLabel: string;
  readonly emailRequired: string;
  readonly email: string;
  readonly next: string;
}

/** A person's name in a sentence (not escaped). */
export function plainName(locale: Locale, user: DirectoryUser | undefined): string {
  return user?.displayName ?? t(locale, "overview.unknownUser");
}

/** The holder as the admin knows them, with the mark when they left. Not escaped. */
export function holderLabel(locale: Locale, holder: DirectoryUser | undefined): string {
  if (holder === undefined) return t(locale, "overview.unknownUser");
  return holder.leftAt === undefined ? holder.displayName : t(locale, "overview.heldByLeaver", { name: holder.displayName });
}

function benefitFacts(locale: Locale, benefit: HeldBenefit, holder: DirectoryUser | undefined): { title: string; value: string }[] {
  return [
    { title: t(locale, "holder.fact.benefit"), value: escapeMarkdown(benefit.name) },
    { title: t(locale, "holder.fact.holder"), value: escapeMarkdown(holderLabel(locale, holder)) },
  ];
}

function confirmCard(locale: Locale, benefit: HeldBenefit, data: Omit<LeftHolderConfirmCardData, "id" | "version" | "backButton" | "cancelButton">): AdaptiveCardAttachment {
  return renderCard("leftHolderConfirm", { ...data, ...navigationButtons(locale), id: benefit.id, version: benefit.version });
}

export function removeHolderConfirmCard(locale: Locale, benefit: HeldBenefit, holder: DirectoryUser | undefined, error = ""): AdaptiveCardAttachment {
  const text = benefit.category === "technical" ? "holder.remove.text.technical" : "holder.remove.text.cloud";
  return confirmCard(locale, benefit, {
    title: t(locale, "holder.remove.title", { benefit: escapeMarkdown(benefit.name) }),
    facts: benefitFacts(locale, benefit, holder),
    text: t(locale, text),
    confirm: t(locale, "holder.remove.button"),
    confirmVerb: HOLDER_VERBS.confirmRemove,
    error,
  });
}

export function takeOverConfirmCard(locale: Locale, benefit: HeldBenefit, holder: DirectoryUser | undefined, error = ""): AdaptiveCardAttachment {
  return confirmCard(locale, benefit, {
    title: t(locale, "holder.takeOver.title", { benefit: escapeMarkdown(benefit.name) }),
    facts: benefitFacts(locale, benefit, holder),
    text: t(locale, "holder.takeOver.text"),
    confirm: t(locale, "holder.takeOver.button"),
    confirmVerb: HOLDER_VERBS.confirmReassign,
    error,
  });
}

export interface ReassignChoice {
  readonly to: DirectoryUser;
  readonly alternateEmail: string;
}

export function reassignConfirmCard(locale: Locale, benefit: HeldBenefit, holder: DirectoryUser | undefined, choice: ReassignChoice, error = ""): AdaptiveCardAttachment {
  return confirmCard(locale, benefit, {
    title: t(locale, "holder.reassign.confirmTitle", { benefit: escapeMarkdown(benefit.name) }),
    facts: [
      ...benefitFacts(locale, benefit, holder),
      { title: t(locale, "holder.fact.to"), value: escapeMarkdown(choice.to.displayName) },
      { title: t(locale, "holder.fact.accountEmail"), value: escapeMarkdown(choice.to.email) },
      { title: t(locale, "holder.fact.alternateEmail"), value: escapeMarkdown(choice.alternateEmail) },
    ],
    text: t(locale, "holder.reassign.confirmText"),
    confirm: t(locale, "holder.reassign.button"),
    confirmVerb: HOLDER_VERBS.confirmReassign,
    error,
  });
}

export interface ReassignFormInput {
  readonly people: PeopleToPick;
  readonly selected?: DirectoryUser;
  readonly email: string;
  readonly error: string;
}

/** Whom to give it to and their alternate email, on one card (Partner Center's "Assign user" form). */
export function reassignFormCard(locale: Locale, benefit: HeldBenefit, holder: DirectoryUser | undefined, form: ReassignFormInput): AdaptiveCardAttachment {
  return renderCard("leftHolderReassign", {
    title: t(locale, "holder.reassign.title", { benefit: escapeMarkdown(benefit.name), holder: escapeMarkdown(holderLabel(locale, holder)) }),
    text: t(locale, "holder.reassign.text"),
    error: form.error,
    // Choice titles are plain text in the picker, not Markdown.
    picker: peoplePicker({
      inputId: "userId",
      label: t(locale, "holder.reassign.personLabel"),
      placeholder: t(locale, "people.search.placeholder"),
      scope: { kind: "directory" },
      toPick: form.people,
      selected: form.selected,
    }),
    required: t(locale, "common.missing.person"),
    emailLabel: t(locale, "holder.reassign.emailLabel"),
    emailRequired: t(locale, "common.missing.email"),
    email: form.email,
    next: t(locale, "holder.reassign.next"),
    ...navigationButtons(locale),
    id: benefit.id,
    version: benefit.version,
  });
}
