import { navigationButtons } from "./navigation";
import { freeSeats, type BenefitRequest, type DirectoryUser, type RefreshAudience, type RequestViewer, type TechnicalBenefit, type VisualStudioBenefit } from "../benefits";
import { escapeMarkdown } from "./markdown";
import { noticeCard } from "./notice";
import { renderCard, type AdaptiveCardAttachment } from "./render";
import { formatDate, formatDateTime, t, type Locale } from "./strings";
import { personLabel } from "./people";

export const REQUEST_VERBS = {
  start: "request.start",
  send: "request.send",
  approve: "request.approve",
  decline: "request.decline",
  declineSend: "request.declineSend",
  /** Leaves the decline-reason card with the request still pending: the Approve/Decline card comes back. */
  keepPending: "request.keepPending",
  list: "request.list",
  /** The card's refresh (Universal Actions): Teams asks for the reader's own view of the request. */
  view: "request.view",
} as const;

export interface PickValues {
  readonly benefitId?: string;
  readonly reason?: string;
  readonly alternateEmail?: string;
}

/** The data of cards/templates/benefitRequestPick.json. */
export interface BenefitRequestPickCardData {
  readonly submissionId: string;
  readonly title: string;
  readonly text: string;
  readonly error: string;
  readonly benefitLabel: string;
  readonly required: string;
  readonly selected: string;
  readonly choices: { title: string; value: string }[];
  readonly reasonLabel: string;
  readonly reason: string;
  readonly emailLabel: string;
  readonly alternateEmail: string;
  readonly sendButton: string;
  readonly backButton: string;
  readonly cancelButton: string;
}

export function requestPickCard(
  locale: Locale,
  benefits: readonly (VisualStudioBenefit | TechnicalBenefit)[],
  values: PickValues = {},
  error = "",
  submissionId = "",
): AdaptiveCardAttachment {
  return renderCard("benefitRequestPick", {
    ...navigationButtons(locale),
    submissionId,
    title: t(locale, "request.pick.title"),
    text: t(locale, "request.pick.text"),
    error,
    benefitLabel: t(locale, "request.pick.benefitLabel"),
    required: t(locale, "request.required"),
    selected: values.benefitId ?? "",
    // Choice titles are plain text in the picker, not Markdown.
    choices: benefits.map((b) => ({ title: choiceTitle(locale, b), value: b.id })),
    reasonLabel: t(locale, "request.pick.reasonLabel"),
    reason: values.reason ?? "",
    emailLabel: t(locale, "request.pick.emailLabel"),
    alternateEmail: values.alternateEmail ?? "",
    sendButton: t(locale, "request.pick.send"),
  });
}

function choiceTitle(locale: Locale, b: VisualStudioBenefit | TechnicalBenefit): string {
  if (b.category === "visualStudio") return t(locale, "request.choice.visualStudio", { name: b.name, free: freeSeats(b) });
  return t(locale, "request.choice.technical", { name: b.name });
}

export function nothingToRequestCard(locale: Locale, admins: readonly DirectoryUser[]): AdaptiveCardAttachment {
  return noticeCard(t(locale, "request.nothing", { admins: names(admins) }), t(locale, "request.pick.title"));
}

/**
 * The requester's own view of the request they just sent (the card that replaces their form), saying whom it reached.
 * In a group chat everyone there reads it, so it shows what anyone may see; Teams refreshes it for each reader.
 */
export function requestSentCard(
  locale: Locale,
  request: BenefitRequest,
  sent: { readonly requester: DirectoryUser | undefined; readonly reached: readonly DirectoryUser[]; readonly admins: readonly DirectoryUser[] },
  place: { readonly shared: boolean; readonly refresh: RefreshAudience },
): AdaptiveCardAttachment {
  const benefit = escapeMarkdown(request.benefitName);
  // No admins known: the store failed while they were looked up, after the request was saved.
  const unreached =
    sent.admins.length > 0 ? t(locale, "request.sent.unreached", { benefit, admins: names(sent.admins) }) : t(locale, "request.sent.adminsUnknown", { benefit });
  const note = sent.reached.length > 0 ? t(locale, "request.sent.text", { benefit, admins: names(sent.reached) }) : unreached;
  return adminRequestCard(locale, request, { requester: sent.requester, decider: undefined }, {
    viewer: place.shared ? "observer" : "requester",
    shared: place.shared,
    refresh: place.refresh,
    title: t(locale, "request.sent.title"),
    note,
  });
}

export interface RequestPeople {
  readonly requester: DirectoryUser | undefined;
  readonly decider: DirectoryUser | undefined;
}

export interface AdminCardOptions {
  readonly note?: string;
  readonly error?: string;
  readonly alternateEmail?: string;
  /** Whose eyes the card is for (default: a global admin's, who decides). */
  readonly viewer?: RequestViewer;
  /** In a group chat or channel: decisions are taken in the admin's personal chat, so no buttons there. */
  readonly shared?: boolean;
  /** While pending: the people Teams refreshes the card for, each to their own view (REQUEST_VERBS.view). */
  readonly refresh?: RefreshAudience;
  /** Instead of "‹name› requests ‹benefit›" (the requester's card right after sending says it was sent). */
  readonly title?: string;
}

/** The data of cards/templates/benefitRequestAdmin.json. */
export interface BenefitRequestAdminCardData {
  readonly title: string;
  readonly statusLine: string;
  readonly statusColor: string;
  readonly note: string;
  readonly whereToDecide: string;
  readonly error: string;
  readonly facts: { title: string; value: string }[];
  readonly askEmail: boolean;
  readonly emailLabel: string;
  readonly alternateEmail: string;
  readonly pending: boolean;
  readonly approveButton: string;
  readonly declineButton: string;
  readonly id: string;
  readonly version: number;
}

/**
 * A request as one reader sees it: a global admin gets Approve/Decline while it is pending (in their personal chat),
 * the requester its status with their own details, anyone else its status without the reason or alternate email;
 * once decided, everyone sees who decided and when.
 */
export function adminRequestCard(locale: Locale, request: BenefitRequest, people: RequestPeople, options: AdminCardOptions = {}): AdaptiveCardAttachment {
  const viewer = options.viewer ?? "decider";
  const requester = escapeMarkdown(people.requester?.displayName ?? request.requesterId);
  const pending = request.state === "pending";
  const actionable = pending && viewer === "decider" && options.shared !== true;
  const seesDetails = viewer !== "observer";
  const facts = [
    { title: t(locale, "request.fact.requester"), value: people.requester === undefined ? requester : escapeMarkdown(personLabel(people.requester)) },
    { title: t(locale, "request.fact.benefit"), value: escapeMarkdown(request.benefitName) },
    { title: t(locale, "request.fact.requestedOn"), value: formatDate(locale, request.createdAt) },
    ...(request.reason === "" || !seesDetails ? [] : [{ title: t(locale, "request.fact.reason"), value: escapeMarkdown(request.reason) }]),
    ...(request.alternateEmail === undefined || !seesDetails ? [] : [{ title: t(locale, "request.fact.alternateEmail"), value: escapeMarkdown(request.alternateEmail) }]),
  ];
  // Admins Teams does not refresh the card for (and admins reading it in a group) are told where they decide.
  const tellWhere = pending && !actionable && (viewer === "decider" || (options.refresh?.unlisted ?? 0) > 0);
  const card = renderCard("benefitRequestAdmin", {
    title: options.title ?? t(locale, "request.admin.title", { name: requester, benefit: escapeMarkdown(request.benefitName) }),
    statusLine: pending ? (actionable ? "" : t(locale, "request.status.pending")) : decisionLine(locale, request, people.decider, seesDetails),
    // Only an approval is good news: a decline must not look like one.
    statusColor: request.state === "approved" ? "Good" : "Default",
    note: options.note ?? "",
    whereToDecide: tellWhere ? t(locale, "request.whereToDecide") : "",
    error: options.error ?? "",
    facts,
    askEmail: actionable && request.category === "technical",
    emailLabel: t(locale, "request.admin.emailLabel"),
    alternateEmail: options.alternateEmail ?? request.alternateEmail ?? "",
    pending: actionable,
    approveButton: t(locale, "request.admin.approve"),
    declineButton: t(locale, "request.admin.decline"),
    id: request.id,
    version: request.version,
  });
  return pending && options.refresh !== undefined ? withRefresh(card, request, options.refresh) : card;
}

/**
 * Universal Actions' refresh: Teams asks the bot for each listed reader's own view when they look at the card. A
 * decided card needs none: it reads the same for everyone and never changes again.
 */
function withRefresh(card: AdaptiveCardAttachment, request: BenefitRequest, audience: RefreshAudience): AdaptiveCardAttachment {
  const refresh = { action: { type: "Action.Execute", verb: REQUEST_VERBS.view, data: { id: request.id } }, userIds: [...audience.userIds] };
  return { ...card, content: { ...card.content, refresh } };
}

function decisionLine(locale: Locale, request: BenefitRequest, decider: DirectoryUser | undefined, withReason: boolean): string {
  const vars = {
    name: escapeMarkdown(decider?.displayName ?? request.decidedBy ?? ""),
    date: request.decidedAt === undefined ? "" : formatDateTime(locale, request.decidedAt),
    reason: escapeMarkdown(request.declineReason ?? ""),
  };
  if (request.state === "approved") return t(locale, "request.decided.approved", vars);
  return t(locale, withReason ? "request.decided.declined" : "request.decided.declinedPublic", vars);
}

/** The data of cards/templates/benefitRequestReason.json. */
export interface BenefitRequestReasonCardData {
  readonly title: string;
  readonly text: string;
  readonly error: string;
  readonly reasonLabel: string;
  readonly required: string;
  readonly sendButton: string;
  readonly keepPendingButton: string;
  readonly keepPendingVerb: typeof REQUEST_VERBS.keepPending;
  readonly cancelButton: string;
  readonly id: string;
  readonly version: number;
}

export function declineReasonCard(locale: Locale, request: BenefitRequest, requester: DirectoryUser | undefined, error = ""): AdaptiveCardAttachment {
  return renderCard("benefitRequestReason", {
    title: t(locale, "request.reason.title", { benefit: escapeMarkdown(request.benefitName) }),
    text: t(locale, "request.reason.text", { name: escapeMarkdown(requester?.displayName ?? request.requesterId) }),
    error,
    reasonLabel: t(locale, "request.reason.label"),
    required: t(locale, "request.required"),
    sendButton: t(locale, "request.reason.send"),
    keepPendingButton: t(locale, "request.reason.keepPending"),
    keepPendingVerb: REQUEST_VERBS.keepPending,
    cancelButton: navigationButtons(locale).cancelButton,
    id: request.id,
    version: request.version,
  });
}

/** What the employee hears once an admin decided, with the next step. */
export function requesterDecisionCard(locale: Locale, request: BenefitRequest, decider: DirectoryUser | undefined): AdaptiveCardAttachment {
  const vars = {
    benefit: escapeMarkdown(request.benefitName),
    name: escapeMarkdown(decider?.displayName ?? ""),
    reason: escapeMarkdown(request.declineReason ?? ""),
    email: escapeMarkdown(request.alternateEmail ?? ""),
  };
  if (request.state === "declined") return noticeCard(t(locale, "request.toRequester.declined", vars), t(locale, "request.toRequester.declinedTitle"));
  const key = request.category === "visualStudio" ? "request.toRequester.approvedVisualStudio" : "request.toRequester.approvedTechnical";
  return noticeCard(t(locale, key, vars), t(locale, "request.toRequester.approvedTitle"));
}

export function requesterToldNote(locale: Locale, requester: DirectoryUser | undefined, told: boolean): string {
  const name = escapeMarkdown(requester?.displayName ?? "");
  return told ? t(locale, "request.requesterTold", { name }) : t(locale, "request.requesterUnreached", { name });
}

export function noPendingRequestsCard(locale: Locale): AdaptiveCardAttachment {
  return noticeCard(t(locale, "request.list.empty"), t(locale, "request.list.title"));
}

function names(users: readonly DirectoryUser[]): string {
  return users.map((u) => escapeMarkdown(u.displayName)).join(", ");
}
