import { z } from "zod";
import { ROLES, type AuditEntry, type Benefit, type DirectoryUser, type Role } from "../benefits";
import { roleName } from "./errors";
import { escapeMarkdown } from "./markdown";
import { renderCard, type AdaptiveCardAttachment } from "./render";
import { catalogFor, t, type Locale } from "./strings";

export interface HistoryNames {
  readonly users: readonly DirectoryUser[];
  readonly benefits: readonly Benefit[];
}

const idList = z.array(z.string());
const withReference = z.object({ reference: z.string() });
const SYSTEM_ACTOR_PREFIX = "system:";

function dateTime(locale: Locale, iso: string): string {
  const format = new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return `${format.format(new Date(iso))} UTC`;
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Audit actions in words; an action this card does not know yet is shown as recorded rather than hidden. */
function actionWords(locale: Locale, action: string): string {
  const key = `history.action.${action}`;
  return key in catalogFor(locale) ? t(locale, key) : escapeMarkdown(action);
}

function nameOf(locale: Locale, id: string, names: HistoryNames): string {
  const user = names.users.find((u) => u.id === id);
  if (user !== undefined) return escapeMarkdown(user.displayName);
  const benefit = names.benefits.find((b) => b.id === id);
  if (benefit !== undefined) return escapeMarkdown(benefit.name);
  if (isRole(id)) return roleName(locale, id);
  return escapeMarkdown(id);
}

/** For changes recorded as lists (seat holders, roles): who or what was added and removed. */
function listChange(locale: Locale, entry: AuditEntry, names: HistoryNames): string {
  const before = idList.safeParse(entry.before ?? []);
  const after = idList.safeParse(entry.after ?? []);
  if (!before.success || !after.success) return "";
  const added = after.data.filter((x) => !before.data.includes(x)).map((x) => nameOf(locale, x, names));
  const removed = before.data.filter((x) => !after.data.includes(x)).map((x) => nameOf(locale, x, names));
  const parts = [
    ...(added.length > 0 ? [t(locale, "history.added", { items: added.join(", ") })] : []),
    ...(removed.length > 0 ? [t(locale, "history.removed", { items: removed.join(", ") })] : []),
  ];
  return parts.join(" · ");
}

function actorName(locale: Locale, entry: AuditEntry, names: HistoryNames): string {
  if (entry.actorId.startsWith(SYSTEM_ACTOR_PREFIX)) return t(locale, "history.systemActor");
  return names.users.some((u) => u.id === entry.actorId) ? nameOf(locale, entry.actorId, names) : t(locale, "history.unknownActor");
}

/** Requests are named by the reference people quote, not by their storage id. */
function targetName(locale: Locale, entry: AuditEntry, names: HistoryNames): string {
  if (entry.targetId === "marketing-contact") return t(locale, "history.marketingContact");
  const request = withReference.safeParse(entry.after);
  if (request.success) return escapeMarkdown(request.data.reference);
  return nameOf(locale, entry.targetId, names);
}

export function historyCard(locale: Locale, entries: readonly AuditEntry[], names: HistoryNames): AdaptiveCardAttachment {
  return renderCard("history", {
    title: t(locale, "history.title"),
    empty: t(locale, "history.empty"),
    rows: entries.map((entry) => ({
      line: t(locale, "history.line", {
        actor: actorName(locale, entry, names),
        action: actionWords(locale, entry.action),
        target: targetName(locale, entry, names),
      }),
      detail: listChange(locale, entry, names),
      when: dateTime(locale, entry.at),
    })),
  });
}
