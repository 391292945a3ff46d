import type { BenefitsError, DirectoryUser, Role } from "../benefits";
import { ROLES } from "../benefits";
import { escapeMarkdown } from "./markdown";
import { noticeCard } from "./notice";
import type { AdaptiveCardAttachment } from "./render";
import { formatDate, formatDeadline, t, type Locale } from "./strings";

export function roleName(locale: Locale, role: Role): string {
  return t(locale, `common.role.${role}`);
}

/** The one place a refusal becomes words. `holders` are the people who have the missing role, to say whom to ask. */
export function errorText(locale: Locale, error: BenefitsError, holders: readonly DirectoryUser[] = []): string {
  const d = error.details;
  if (error.code === "NOT_AUTHORIZED") {
    const roles = String(d.requiredRoles ?? "")
      .split(",")
      .filter((r): r is Role => (ROLES as readonly string[]).includes(r))
      .map((r) => roleName(locale, r))
      .join(" / ");
    if (holders.length === 0) return t(locale, "error.NOT_AUTHORIZED.nobody", { roles });
    return t(locale, "error.NOT_AUTHORIZED", { roles, holders: holders.map((h) => escapeMarkdown(h.displayName)).join(", ") });
  }
  if (error.code === "INVALID_STATE" && d.state === "refundRequested") return t(locale, "error.INVALID_STATE.refundRequested");
  const vars: Record<string, string> = {};
  for (const [key, value] of Object.entries(d)) {
    if (value === undefined) continue;
    vars[key] = key === "deadline" ? formatDeadline(locale, String(value)) : key.endsWith("At") ? formatDate(locale, String(value)) : escapeMarkdown(String(value));
  }
  return t(locale, `error.${error.code}`, vars);
}

export function errorCard(locale: Locale, error: BenefitsError, holders: readonly DirectoryUser[] = []): AdaptiveCardAttachment {
  return noticeCard(errorText(locale, error, holders), t(locale, "error.title"), "attention");
}
