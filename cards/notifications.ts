import type { Notification } from "../benefits/notificationTypes";
import { escapeMarkdown } from "./markdown";
import { renderCard, type AdaptiveCardAttachment } from "./render";
import { formatDate, formatDeadline, t, type Locale } from "./strings";

const PORTALS = {
  visualStudio: { url: "https://my.visualstudio.com", key: "notifications.link.visualStudio" },
  cloud: { url: "https://portal.azure.com", key: "notifications.link.azure" },
  partnerCenter: { url: "https://partner.microsoft.com/dashboard", key: "notifications.link.partnerCenter" },
} as const;

export interface NotificationCardContext {
  readonly locale: Locale;
  /** The company marketing contact's email, for offers: Microsoft writes to it. */
  readonly marketingContactEmail?: string;
}

function isReminder(event: Notification["event"]): boolean {
  return event === "expiresIn30" || event === "expiresIn7" || event === "expiresIn1";
}

function nextStep(n: Notification, context: NotificationCardContext): string {
  const { locale } = context;
  if (n.event === "expired") return t(locale, "notifications.next.expired");
  if (n.facts.category === "goToMarket") {
    const activated = n.event === "activated";
    if (context.marketingContactEmail === undefined) {
      return t(locale, activated ? "notifications.next.goToMarket.activatedNoContact" : "notifications.next.goToMarket.noContact");
    }
    const email = escapeMarkdown(context.marketingContactEmail);
    return t(locale, activated ? "notifications.next.goToMarket.activated" : "notifications.next.goToMarket", { email });
  }
  return t(locale, `notifications.next.${n.facts.category}`);
}

function portalFor(category: string): (typeof PORTALS)[keyof typeof PORTALS] {
  if (category === "visualStudio") return PORTALS.visualStudio;
  if (category === "cloud") return PORTALS.cloud;
  return PORTALS.partnerCenter;
}

/** The data of cards/templates/notification.json. */
export interface NotificationCardData {
  readonly title: string;
  readonly text: string;
  readonly facts: { label: string; value: string }[];
  readonly nextStep: string;
  readonly urgent: boolean;
  readonly links: { title: string; url: "https://portal.azure.com" | "https://my.visualstudio.com" | "https://partner.microsoft.com/dashboard" }[];
}

/** What happened, when, and what to do next, in the recipient's language. */
export function notificationCard(n: Notification, context: NotificationCardContext): AdaptiveCardAttachment {
  const { locale } = context;
  const name = escapeMarkdown(n.facts.benefitName);
  const category = t(locale, `notifications.category.${n.facts.category}`);
  const expiresOn = n.facts.expiresAt === undefined ? "" : formatDeadline(locale, n.facts.expiresAt);
  const text =
    n.event === "activated"
      ? t(locale, "notifications.text.activated", { category, name })
      : t(locale, n.event === "expired" ? "notifications.text.expired" : "notifications.text.reminder", { category, name, date: expiresOn });
  const facts = [{ label: t(locale, "notifications.fact.benefit"), value: name }];
  if (n.event === "activated" && n.facts.activatedAt !== undefined) facts.push({ label: t(locale, "notifications.fact.activatedOn"), value: formatDate(locale, n.facts.activatedAt) });
  if (expiresOn !== "") facts.push({ label: t(locale, n.event === "expired" ? "notifications.fact.expiredOn" : "notifications.fact.expiresOn"), value: expiresOn });
  const portal = portalFor(n.facts.category);
  const reminderHint = isReminder(n.event) ? `\n\n${t(locale, "notifications.muteHint")}` : "";
  return renderCard("notification", {
    title: t(locale, `notifications.title.${n.event}`, { name }),
    text,
    facts,
    nextStep: `${nextStep(n, context)}${reminderHint}`,
    urgent: n.event === "expired" || n.event === "expiresIn1",
    links: [{ title: t(locale, portal.key), url: portal.url }],
  });
}
