import {
  effectiveOfferState,
  type CloudBenefit,
  type GoToMarketOffer,
  type MyBenefits,
  type TechnicalBenefit,
  type VisualStudioBenefit,
} from "../benefits";
import { escapeMarkdown } from "./markdown";
import { noticeCard } from "./notice";
import { pageOf, pagingData, type PagingCardData } from "./paging";
import { renderCard, type AdaptiveCardAttachment } from "./render";
import { formatDate, formatDeadline, t, type Locale } from "./strings";

export const MINE_VERBS = { show: "mine.show", request: "request.start" } as const;

interface Row {
  readonly name: string;
  readonly kindLine: string;
  readonly stateLine: string;
  readonly nextLine: string;
  readonly expiryLine: string;
}

/** The data of cards/templates/myBenefits.json. */
export interface MyBenefitsCardData extends PagingCardData {
  readonly title: string;
  readonly text: string;
  readonly items: Row[];
  readonly requestButton: string;
}

/**
 * One page of the asker's own benefits (`page` cut to the pages that exist), each with where to use it and when it
 * ends; an empty list says whom to ask. Previous / Next open the list again (`MINE_VERBS.show`) at their page.
 */
export function myBenefitsCard(locale: Locale, mine: MyBenefits, now: Date, page = 0): AdaptiveCardAttachment {
  const userId = mine.user?.id ?? "";
  // By name within each kind: the store gives no order, and a page must hold the same rows every time it is opened.
  const items = [
    ...byName(mine.visualStudio).map((b) => visualStudioRow(locale, b, userId)),
    ...byName(mine.technical).map((b) => technicalRow(locale, b)),
    ...byName(mine.cloud).map((b) => cloudRow(locale, b)),
    ...byName(mine.offers).map((b) => offerRow(locale, b, now)),
  ];
  const shown = pageOf(items, page);
  const name = escapeMarkdown(mine.user?.displayName ?? "");
  const admins = mine.globalAdmins.map((u) => escapeMarkdown(u.displayName)).join(", ");
  return renderCard("myBenefits", {
    title: name === "" ? t(locale, "mine.titleAnonymous") : t(locale, "mine.title", { name }),
    text: items.length > 0 ? t(locale, "mine.text") : admins === "" ? t(locale, "mine.emptyNoAdmin") : t(locale, "mine.empty", { admins }),
    items: [...shown.items],
    ...pagingData(locale, shown),
    requestButton: t(locale, "mine.requestButton"),
  });
}

function byName<T extends { readonly name: string }>(benefits: readonly T[]): T[] {
  return [...benefits].sort((a, b) => a.name.localeCompare(b.name));
}

function expiryLine(locale: Locale, expiresAt: string | undefined): string {
  return expiresAt === undefined ? "" : t(locale, "mine.expires", { date: formatDeadline(locale, expiresAt) });
}

function visualStudioRow(locale: Locale, b: VisualStudioBenefit, userId: string): Row {
  const assignedAt = b.assignments.find((a) => a.userId === userId)?.assignedAt ?? "";
  return {
    name: escapeMarkdown(b.name),
    kindLine: t(locale, "mine.kind.visualStudio"),
    stateLine: assignedAt === "" ? "" : t(locale, "mine.state.assigned", { date: formatDate(locale, assignedAt) }),
    nextLine: t(locale, "mine.next.visualStudio"),
    expiryLine: expiryLine(locale, b.expiresAt),
  };
}

function technicalRow(locale: Locale, b: TechnicalBenefit): Row {
  const a = b.assignment;
  const state = a?.state ?? "pending";
  const email = escapeMarkdown(a?.alternateEmail ?? "");
  return {
    name: escapeMarkdown(b.name),
    kindLine: t(locale, `mine.kind.technical.${b.kind}`, { units: b.units }),
    stateLine: t(locale, `mine.state.technical.${state}`, { date: formatDate(locale, a?.activatedAt ?? a?.assignedAt ?? new Date(0)) }),
    nextLine: state === "pending" ? t(locale, "mine.next.technical.pending", { email }) : t(locale, `mine.next.technical.${b.kind}`, { email }),
    expiryLine: expiryLine(locale, b.expiresAt),
  };
}

function cloudRow(locale: Locale, b: CloudBenefit): Row {
  return {
    name: escapeMarkdown(b.name),
    kindLine: t(locale, "mine.kind.cloud"),
    stateLine: b.assignedTo === undefined ? "" : t(locale, "mine.state.assigned", { date: formatDate(locale, b.assignedTo.assignedAt) }),
    nextLine: t(locale, "mine.next.cloud"),
    expiryLine: expiryLine(locale, b.expiresAt),
  };
}

function offerRow(locale: Locale, b: GoToMarketOffer, now: Date): Row {
  const state = effectiveOfferState(b, now);
  const date = state === "expired" ? b.expiresAt : state === "active" ? b.activatedAt : b.requestedAt;
  return {
    name: escapeMarkdown(b.name),
    kindLine: t(locale, "mine.kind.offer", { level: escapeMarkdown(b.level) }),
    stateLine: t(locale, `mine.state.offer.${state}`, { date: date === undefined ? "" : formatDate(locale, date) }),
    nextLine: t(locale, `mine.next.offer.${state}`),
    expiryLine: state === "expired" ? "" : expiryLine(locale, b.expiresAt),
  };
}

/** What the group sees when the answer went to the asker privately; it never lists the benefits. */
export function sentPrivatelyNote(locale: Locale, sent: boolean): AdaptiveCardAttachment {
  return noticeCard(sent ? t(locale, "mine.sentPrivately") : t(locale, "mine.privateUnreachable"));
}

export const REMINDER_VERBS = { mute: "reminders.mute", resume: "reminders.resume" } as const;

/** The data of cards/templates/myBenefitsReminders.json. */
export interface MyBenefitsRemindersCardData {
  readonly title: string;
  readonly text: string;
  readonly button: string;
  readonly verb: typeof REMINDER_VERBS.mute | typeof REMINDER_VERBS.resume;
}

/** The new setting in the person's language, with the button that undoes it. */
export function remindersCard(locale: Locale, muted: boolean): AdaptiveCardAttachment {
  const state = muted ? "muted" : "resumed";
  return renderCard("myBenefitsReminders", {
    title: t(locale, `reminders.${state}.title`),
    text: t(locale, `reminders.${state}.text`),
    button: t(locale, muted ? "reminders.resumeButton" : "reminders.muteButton"),
    verb: muted ? REMINDER_VERBS.resume : REMINDER_VERBS.mute,
  });
}
