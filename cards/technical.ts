import { z } from "zod";
import { ASSISTANCE_PHASES, type DirectoryUser, type PeopleToPick, type ServiceRequest, type TechnicalBenefit } from "../benefits";
import { escapeMarkdown } from "./markdown";
import { navigationButtons, type FormCardData } from "./navigation";
import { renderCard, type AdaptiveCardAttachment } from "./render";
import { formatDate, formatDeadline, t, type Locale } from "./strings";
import { pageOf, pagingData, type PagingCardData } from "./paging";
import { refSchema } from "./submit";
import { peoplePicker, type PeoplePicker } from "./people";

export const TECHNICAL_VERBS = {
  start: "technical.start",
  assign: "technical.assign",
  page: "technical.page",
  activate: "technical.activate",
  request: "technical.request",
  user: "technical.user",
  email: "technical.email",
  confirm: "technical.confirm",
  requestSend: "technical.requestSend",
} as const;

/** The people a benefit row names: its assignee, looked up once for the whole card. */
export type UserLookup = (userId: string) => DirectoryUser | undefined;

export interface TechnicalListOptions {
  readonly title?: string;
  readonly notice?: string;
  readonly noticeTone?: "good" | "attention";
  readonly text?: string;
  /** The page to show (cut to the pages that exist); Previous / Next send `TECHNICAL_VERBS.page`. */
  readonly page?: number;
}

/** The data of cards/templates/technicalBenefits.json. */
export interface TechnicalBenefitsCardData extends PagingCardData {
  readonly title: string;
  readonly notice: string;
  readonly noticeTone: "attention" | "good";
  readonly text: string;
  readonly assignButton: string;
  readonly activateButton: string;
  readonly requestButton: string;
  readonly benefits: { id: string; version: number; name: string; kindLine: string; stateLine: string; expiryLine: string; canAssign: boolean; canActivate: boolean; canRequest: boolean }[];
}

export function technicalListCard(
  locale: Locale,
  benefits: readonly TechnicalBenefit[],
  userOf: UserLookup,
  options: TechnicalListOptions = {},
): AdaptiveCardAttachment {
  const shown = pageOf(benefits, options.page ?? 0);
  return renderCard("technicalBenefits", {
    title: options.title ?? t(locale, "technical.list.title"),
    notice: options.notice ?? "",
    noticeTone: options.noticeTone ?? "good",
    text: options.text ?? (benefits.length === 0 ? t(locale, "technical.list.empty") : t(locale, "technical.list.text")),
    assignButton: t(locale, "technical.button.assign"),
    activateButton: t(locale, "technical.button.activate"),
    requestButton: t(locale, "technical.button.request"),
    ...pagingData(locale, shown),
    benefits: shown.items.map((b) => technicalRow(locale, b, userOf)),
  });
}

function technicalRow(locale: Locale, b: TechnicalBenefit, userOf: UserLookup) {
  const frozen = b.cancelRequest !== undefined;
  return {
    id: b.id,
    version: b.version,
    name: escapeMarkdown(b.name),
    kindLine: `${t(locale, `technical.kind.${b.kind}`)} · ${t(locale, `technical.units.${b.kind}`, { units: b.units })}`,
    stateLine: stateLine(locale, b, userOf),
    expiryLine: b.expiresAt === undefined ? "" : t(locale, "technical.expires", { date: formatDeadline(locale, b.expiresAt) }),
    canAssign: !frozen && b.assignment === undefined,
    canActivate: !frozen && b.assignment?.state === "pending",
    canRequest: !frozen && b.kind !== "supportIncidents",
  };
}

function personName(userOf: UserLookup, userId: string): string {
  return escapeMarkdown(userOf(userId)?.displayName ?? userId);
}

function stateLine(locale: Locale, b: TechnicalBenefit, userOf: UserLookup): string {
  if (b.cancelRequest !== undefined) return t(locale, "technical.state.canceled");
  const a = b.assignment;
  if (a === undefined) return t(locale, "technical.state.none");
  const vars = { name: personName(userOf, a.userId), email: escapeMarkdown(a.alternateEmail), date: formatDate(locale, a.activatedAt ?? a.assignedAt) };
  return t(locale, `technical.state.${a.state}`, vars);
}

/** The data of cards/templates/technicalUser.json. */
export interface TechnicalUserCardData extends FormCardData {
  readonly picker: PeoplePicker;
  readonly title: string;
  readonly text: string;
  readonly required: string;
  readonly next: string;
}

export function technicalUserCard(locale: Locale, benefit: TechnicalBenefit, people: PeopleToPick, selected?: DirectoryUser): AdaptiveCardAttachment {
  return renderCard("technicalUser", {
    title: t(locale, "technical.user.title", { benefit: escapeMarkdown(benefit.name) }),
    text: t(locale, "technical.user.text"),
    required: t(locale, "technical.required"),
    next: t(locale, "technical.button.next"),
    ...navigationButtons(locale),
    // Choice titles are plain text in the picker, not Markdown.
    picker: peoplePicker({
      inputId: "userId",
      label: t(locale, "technical.user.label"),
      placeholder: t(locale, "people.search.placeholder"),
      scope: { kind: "directory" },
      toPick: people,
      selected,
    }),
    id: benefit.id,
    version: benefit.version,
  });
}

/** The data of cards/templates/technicalEmail.json. */
export interface TechnicalEmailCardData extends FormCardData {
  readonly error: string;
  readonly value: string;
  readonly title: string;
  readonly text: string;
  readonly label: string;
  readonly required: string;
  readonly next: string;
}

export function technicalEmailCard(
  locale: Locale,
  benefit: TechnicalBenefit,
  user: DirectoryUser,
  value = "",
  error = "",
): AdaptiveCardAttachment {
  return renderCard("technicalEmail", {
    title: t(locale, "technical.email.title", { name: escapeMarkdown(user.displayName) }),
    text: t(locale, "technical.email.text", { accountEmail: escapeMarkdown(user.email) }),
    label: t(locale, "technical.email.label"),
    required: t(locale, "technical.required"),
    next: t(locale, "technical.button.next"),
    ...navigationButtons(locale),
    error,
    value,
    id: benefit.id,
    version: benefit.version,
  });
}

/** The data of cards/templates/technicalConfirm.json. */
export interface TechnicalConfirmCardData extends FormCardData {
  readonly title: string;
  readonly facts: { title: string; value: string }[];
  readonly text: string;
  readonly confirm: string;
}

export function technicalConfirmCard(locale: Locale, benefit: TechnicalBenefit, user: DirectoryUser, alternateEmail: string): AdaptiveCardAttachment {
  return renderCard("technicalConfirm", {
    title: t(locale, "technical.confirm.title"),
    facts: assignmentFacts(locale, benefit, user, alternateEmail),
    text: t(locale, "technical.confirm.text"),
    confirm: t(locale, "technical.button.confirm"),
    ...navigationButtons(locale),
    id: benefit.id,
    version: benefit.version,
  });
}

function assignmentFacts(locale: Locale, benefit: TechnicalBenefit, user: DirectoryUser, alternateEmail: string) {
  return [
    { title: t(locale, "technical.fact.benefit"), value: escapeMarkdown(benefit.name) },
    { title: t(locale, "technical.fact.user"), value: escapeMarkdown(user.displayName) },
    { title: t(locale, "technical.fact.accountEmail"), value: escapeMarkdown(user.email) },
    { title: t(locale, "technical.fact.alternateEmail"), value: escapeMarkdown(alternateEmail) },
  ];
}

/** The end of the assignment: the benefit's new state, why it is still pending, and what happens next. */
export function technicalAssignedCard(locale: Locale, benefit: TechnicalBenefit, userOf: UserLookup): AdaptiveCardAttachment {
  const a = benefit.assignment;
  const accountEmail = a === undefined ? "" : (userOf(a.userId)?.email ?? "");
  return technicalListCard(locale, [benefit], userOf, {
    title: t(locale, "technical.assigned.title"),
    notice: t(locale, "technical.assigned.notice", { accountEmail: escapeMarkdown(accountEmail), alternateEmail: escapeMarkdown(a?.alternateEmail ?? "") }),
    text: t(locale, "technical.assigned.next"),
  });
}

export interface AssistanceFormValues {
  readonly benefitId: string;
  readonly topic: string;
  readonly phase: string;
  readonly description: string;
}

/** The data of cards/templates/technicalAssistance.json. */
export interface TechnicalAssistanceCardData {
  readonly benefitId: string;
  readonly topic: string;
  readonly phase: string;
  readonly description: string;
  readonly title: string;
  readonly text: string;
  readonly error: string;
  readonly required: string;
  readonly benefitLabel: string;
  readonly topicLabel: string;
  readonly phaseLabel: string;
  readonly descriptionLabel: string;
  readonly submit: string;
  readonly benefits: { title: string; value: string }[];
  readonly phases: { title: string; value: "presales" | "design" | "deployment" | "appDevelopment" }[];
  readonly backButton: string;
  readonly cancelButton: string;
}

export function technicalAssistanceCard(
  locale: Locale,
  benefits: readonly TechnicalBenefit[],
  values: AssistanceFormValues,
  error = "",
): AdaptiveCardAttachment {
  return renderCard("technicalAssistance", {
    ...navigationButtons(locale),
    title: t(locale, "technical.assist.title"),
    text: t(locale, "technical.assist.text"),
    error,
    required: t(locale, "technical.required"),
    benefitLabel: t(locale, "technical.assist.benefit"),
    topicLabel: t(locale, "technical.assist.topic"),
    phaseLabel: t(locale, "technical.assist.phase"),
    descriptionLabel: t(locale, "technical.assist.description"),
    submit: t(locale, "technical.button.submitRequest"),
    benefits: benefits.map((b) => ({ title: `${b.name} (${t(locale, `technical.units.${b.kind}`, { units: b.units })})`, value: b.id })),
    phases: ASSISTANCE_PHASES.map((p) => ({ title: t(locale, `technical.phase.${p}`), value: p })),
    ...values,
  });
}

/** The data of cards/templates/technicalDone.json. */
export interface TechnicalDoneCardData {
  readonly title: string;
  readonly facts: { title: string; value: string }[];
  readonly text: string;
  readonly nextButton: string;
}

export function technicalAssistanceDoneCard(locale: Locale, request: Extract<ServiceRequest, { kind: "assistance" }>, benefit: TechnicalBenefit): AdaptiveCardAttachment {
  return renderCard("technicalDone", {
    title: t(locale, "technical.assistDone.title", { reference: request.reference }),
    facts: [
      { title: t(locale, "technical.fact.reference"), value: request.reference },
      { title: t(locale, "technical.fact.benefit"), value: escapeMarkdown(benefit.name) },
      { title: t(locale, "technical.assist.topic"), value: escapeMarkdown(request.topic) },
      { title: t(locale, "technical.assist.phase"), value: t(locale, `technical.phase.${request.phase}`) },
    ],
    text: t(locale, "technical.assistDone.next", { reference: request.reference }),
    nextButton: t(locale, "technical.assistDone.nextButton"),
  });
}

/** Submits, parsed strictly: a card may be forged, so unknown fields and oversized values are refused. */
export const benefitRefSubmit = z.object({ id: refSchema.id, version: refSchema.version }).strict();
export const userChoiceSubmit = z.object({ id: refSchema.id, version: refSchema.version, userId: refSchema.id }).strict();
export const alternateEmailSubmit = z.object({ id: refSchema.id, version: refSchema.version, alternateEmail: z.string().max(254) }).strict();
export const assistanceSubmit = z
  .object({
    benefitId: refSchema.id,
    topic: z.string().trim().min(1).max(200),
    phase: z.enum(ASSISTANCE_PHASES),
    description: z.string().trim().min(1).max(4000),
  })
  .strict();
