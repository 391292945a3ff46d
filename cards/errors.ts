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
  const outcome = outcomeOf(error);
  if (outcome !== undefined) return t(locale, `error.UNAVAILABLE.${outcome}`);
  const vars: Record<string, string> = {};
  for (const [key, value] of Object.entries(d)) {
    if (value === undefined) continue;
    vars[key] = key === "deadline" ? formatDeadline(locale, String(value)) : key.endsWith("At") ? formatDate(locale, String(value)) : escapeMarkdown(String(value));
  }
  return t(locale, `error.${error.code}`, vars);
}

export function errorCard(locale: Locale, error: BenefitsError, holders: readonly DirectoryUser[] = []): AdaptiveCardAttachment {
  // "Nothing was changed" is said only when it is known: a write whose answer was lost and could not be read back may have happened.
  const outcome = outcomeOf(error);
  const title = outcome === undefined ? t(locale, "error.title") : t(locale, `error.title.${outcome}`);
  return noticeCard(errorText(locale, error, holders), title, "attention");
}

/** A store failure after which something may be, or is, saved (see benefits/useCases/unknownOutcome.ts). */
function outcomeOf(error: BenefitsError): "unknownOutcome" | "partial" | undefined {
  if (error.code !== "UNAVAILABLE") return undefined;
  if (error.details.outcome === "unknown") return "unknownOutcome";
  return error.details.outcome === "partial" ? "partial" : undefined;
}
