import { z } from "zod";
import { ROLES, type AuditEntry, type Benefit, type BenefitRequest, type DirectoryUser, type Role } from "../benefits";
import { roleName } from "./errors";
import { escapeMarkdown } from "./markdown";
import type { PagingCardData } from "./paging";
import { renderCard, type AdaptiveCardAttachment } from "./render";
import { catalogFor, formatDateTime, t, type Locale, type Vars } from "./strings";

export interface HistoryNames {
  readonly users: readonly DirectoryUser[];
  readonly benefits: readonly Benefit[];
  /** Benefit requests are named by what was asked and by whom, never by their storage id. */
  readonly requests?: readonly BenefitRequest[];
}

const idList = z.array(z.string());
const withReference = z.object({ reference: z.string() });
const withUser = z.object({ userId: z.string() });
const withTopic = z.object({ topic: z.string() });
const SYSTEM_ACTOR_PREFIX = "system:";

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** A person, a benefit or a role by its name; an id nobody knows any more is never shown raw. */
function nameOf(locale: Locale, id: string, names: HistoryNames): string {
  const user = names.users.find((u) => u.id === id);
  if (user !== undefined) return escapeMarkdown(user.displayName);
  const benefit = names.benefits.find((b) => b.id === id);
  if (benefit !== undefined) return escapeMarkdown(benefit.name);
  if (isRole(id)) return roleName(locale, id);
  return t(locale, "history.unknownItem");
}

/** For changes recorded as lists (seat holders, roles): who or what was added and removed. */
function listChange(locale: Locale, entry: AuditEntry, names: HistoryNames): { added: string; removed: string } {
  const before = idList.safeParse(entry.before ?? []);
  const after = idList.safeParse(entry.after ?? []);
  if (!before.success || !after.success) return { added: "", removed: "" };
  const words = (ids: string[]) => ids.map((x) => nameOf(locale, x, names)).join(", ");
  return { added: words(after.data.filter((x) => !before.data.includes(x))), removed: words(before.data.filter((x) => !after.data.includes(x))) };
}

function actorName(locale: Locale, entry: AuditEntry, names: HistoryNames): string {
  if (entry.actorId.startsWith(SYSTEM_ACTOR_PREFIX)) return t(locale, "history.systemActor");
  return names.users.some((u) => u.id === entry.actorId) ? nameOf(locale, entry.actorId, names) : t(locale, "history.unknownActor");
}

/** Everything a sentence may name; each sentence uses the few that fit its action. */
function sentenceVars(locale: Locale, entry: AuditEntry, names: HistoryNames): Record<string, string> {
  const vars: Record<string, string> = { actor: actorName(locale, entry, names), ...listChange(locale, entry, names) };
  const request = names.requests?.find((r) => r.id === entry.targetId);
  if (request !== undefined) {
    vars.requestBenefit = escapeMarkdown(request.benefitName);
    vars.requester = nameOf(locale, request.requesterId, names);
  } else if (entry.targetId === "marketing-contact") {
    vars.target = t(locale, "history.marketingContact");
  } else {
    vars.target = nameOf(locale, entry.targetId, names);
  }
  const after = entry.after;
  const reference = withReference.safeParse(after);
  if (reference.success) vars.reference = escapeMarkdown(reference.data.reference);
  const person = withUser.safeParse(after);
  if (person.success) vars.person = nameOf(locale, person.data.userId, names);
  const assigned = z.object({ assignment: withUser }).safeParse(after);
  if (assigned.success) vars.person = nameOf(locale, assigned.data.assignment.userId, names);
  const topic = withTopic.safeParse(after);
  if (topic.success) vars.topic = escapeMarkdown(topic.data.topic);
  return vars;
}

function fills(template: string, vars: Vars): boolean {
  return [...template.matchAll(/\{(\w+)\}/g)].every(([, name]) => name !== undefined && typeof vars[name] === "string" && vars[name] !== "");
}

/**
 * Who did what to whom, as one sentence. An action without a sentence of its own, or whose sentence would miss a name,
 * says the action in words and its target instead; an action this card does not know is shown as recorded.
 */
export function historySentence(locale: Locale, entry: AuditEntry, names: HistoryNames): string {
  const vars = sentenceVars(locale, entry, names);
  const catalog = catalogFor(locale);
  const sentence = catalog[`history.sentence.${entry.action}`];
  if (sentence !== undefined && fills(sentence, vars)) return t(locale, `history.sentence.${entry.action}`, vars);
  const actionKey = `history.action.${entry.action}`;
  const action = actionKey in catalog ? t(locale, actionKey) : escapeMarkdown(entry.action);
  const target = vars.target ?? (vars.requestBenefit === undefined ? t(locale, "history.unknownItem") : t(locale, "history.request", vars));
  return t(locale, "history.line", { actor: vars.actor ?? "", action, target });
}

/** The history card's buttons: open it, and page it (the target page travels in the action's data). */
export const HISTORY_VERBS = { show: "history.show", previous: "history.previous", next: "history.next" } as const;

/** Entries per page: ten sentences with their times fit a Teams screen. */
export const HISTORY_PAGE_SIZE = 10;
/**
 * The audit store gives only the newest N entries (no OFFSET in the test server, and no cross-partition query), so a
 * page is cut from the newest (page + 1) × size; the history goes back this far, no further.
 */
export const HISTORY_MAX_ENTRIES = 200;
export const HISTORY_LAST_PAGE = HISTORY_MAX_ENTRIES / HISTORY_PAGE_SIZE - 1;

/** A page number from a card, which a client could forge: past the cap reads as the last page, not a page as the first. */
const pageSchema = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export function historyPageOf(data: Readonly<Record<string, unknown>> | undefined): number {
  const parsed = pageSchema.safeParse(data?.page);
  return parsed.success ? Math.min(parsed.data, HISTORY_LAST_PAGE) : 0;
}

/** How many entries to read to show `page` and know whether a later one exists. */
export function historyReadLimit(page: number): number {
  return Math.min((page + 1) * HISTORY_PAGE_SIZE + 1, HISTORY_MAX_ENTRIES);
}

export interface HistoryPage {
  readonly page: number;
  readonly entries: readonly AuditEntry[];
  readonly hasNext: boolean;
}

/** The asked page of the newest entries; a page past the end shows the last one, never an empty card. */
export function historyPageFrom(newest: readonly AuditEntry[], askedPage: number): HistoryPage {
  const lastPage = Math.max(0, Math.ceil(newest.length / HISTORY_PAGE_SIZE) - 1);
  const page = Math.min(askedPage, lastPage);
  const start = page * HISTORY_PAGE_SIZE;
  return { page, entries: newest.slice(start, start + HISTORY_PAGE_SIZE), hasNext: newest.length > start + HISTORY_PAGE_SIZE };
}

/** The data of cards/templates/history.json. */
export interface HistoryCardData extends PagingCardData {
  readonly title: string;
  readonly empty: string;
  readonly rows: { line: string; when: string }[];
}

export function historyCard(locale: Locale, shown: HistoryPage, names: HistoryNames): AdaptiveCardAttachment {
  const paged = shown.page > 0 || shown.hasNext;
  const data: HistoryCardData = {
    title: t(locale, "history.title"),
    empty: t(locale, "history.empty"),
    rows: shown.entries.map((entry) => ({ line: historySentence(locale, entry, names), when: formatDateTime(locale, entry.at) })),
    pageLabel: paged ? t(locale, "history.page", { page: String(shown.page + 1) }) : "",
    hasPrevious: shown.page > 0,
    hasNext: shown.hasNext,
    previousPage: Math.max(0, shown.page - 1),
    nextPage: shown.page + 1,
    previousButton: t(locale, "history.previousButton"),
    nextButton: t(locale, "history.nextButton"),
  };
  return renderCard("history", data);
}
