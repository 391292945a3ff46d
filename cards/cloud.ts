import { z } from "zod";
import type { CloudBenefit, DirectoryUser } from "../benefits";
import { escapeMarkdown } from "./markdown";
import { renderCard, type AdaptiveCardAttachment } from "./render";
import { formatDate, formatDeadline, t, type Locale } from "./strings";
import { pageOf, pagingData, type PagingCardData } from "./paging";
import { refSchema } from "./submit";

export const CLOUD_VERBS = { open: "cloud.open", page: "cloud.page", assignSelf: "cloud.assignSelf", reveal: "cloud.reveal" } as const;
export const AZURE_PORTAL_URL = "https://portal.azure.com";

type UserLookup = (userId: string) => DirectoryUser | undefined;

function billingLine(locale: Locale, b: CloudBenefit): string {
  const expiry = b.expiresAt === undefined ? "" : ` ${t(locale, "cloud.expires", { date: formatDeadline(locale, b.expiresAt) })}`;
  return t(locale, `cloud.billing.${b.billing}`) + expiry;
}

function stateLine(locale: Locale, b: CloudBenefit, userOf: UserLookup): string {
  if (b.billing === "usage") {
    if (b.assignedTo === undefined) return t(locale, "cloud.state.unassigned");
    const name = escapeMarkdown(userOf(b.assignedTo.userId)?.displayName ?? b.assignedTo.userId);
    return t(locale, "cloud.state.assigned", { name, date: formatDate(locale, b.assignedTo.assignedAt) });
  }
  if (b.keysRevealed === undefined) return t(locale, "cloud.state.keysHidden");
  return t(locale, "cloud.state.keysRevealed", { date: formatDate(locale, b.keysRevealed.at) });
}

/** The data of cards/templates/cloudServices.json. */
export interface CloudServicesCardData extends PagingCardData {
  readonly title: string;
  readonly text: string;
  readonly openButton: string;
  readonly subscriptions: { id: string; version: number; name: string; billingLine: string; stateLine: string }[];
}

/** One page of the subscriptions (`page` is cut to the pages that exist); Previous / Next send `CLOUD_VERBS.page`. */
export function cloudListCard(locale: Locale, subscriptions: readonly CloudBenefit[], userOf: UserLookup, page = 0): AdaptiveCardAttachment {
  const shown = pageOf(subscriptions, page);
  return renderCard("cloudServices", {
    title: t(locale, "cloud.list.title"),
    text: subscriptions.length === 0 ? t(locale, "cloud.list.empty") : t(locale, "cloud.list.text"),
    openButton: t(locale, "cloud.button.open"),
    ...pagingData(locale, shown),
    subscriptions: shown.items.map((b) => ({
      id: b.id,
      version: b.version,
      name: escapeMarkdown(b.name),
      billingLine: billingLine(locale, b),
      stateLine: stateLine(locale, b, userOf),
    })),
  });
}

/** What a subscription offers next: assign it to yourself (usage-based) or get its keys (license-based). */
export function cloudNextAction(b: CloudBenefit): string {
  if (b.cancelRequest !== undefined) return "";
  if (b.billing === "usage") return b.assignedTo === undefined ? CLOUD_VERBS.assignSelf : "";
  return CLOUD_VERBS.reveal;
}

export interface CloudCardOptions {
  readonly notice?: string;
  /** The state after an action: the title says it is done and the keys (if revealed) are shown. */
  readonly done?: boolean;
}

/** The data of cards/templates/cloudSubscription.json. */
export interface CloudSubscriptionCardData {
  readonly title: string;
  readonly done: boolean;
  readonly notice: string;
  readonly billingLine: string;
  readonly stateLine: string;
  readonly keys: { title: string; value: string }[];
  readonly instructions: string;
  readonly text: string;
  readonly actionVerb: string;
  readonly actionTitle: string;
  readonly portalUrl: string;
  readonly portalTitle: string;
  readonly id: string;
  readonly version: number;
}

export function cloudSubscriptionCard(locale: Locale, b: CloudBenefit, userOf: UserLookup, options: CloudCardOptions = {}): AdaptiveCardAttachment {
  const done = options.done === true;
  const showKeys = done && b.billing === "license" && b.keysRevealed !== undefined;
  const action = done ? "" : cloudNextAction(b);
  const assignedUsage = b.billing === "usage" && b.assignedTo !== undefined;
  return renderCard("cloudSubscription", {
    title: done ? t(locale, `cloud.done.${b.billing}`, { name: escapeMarkdown(b.name) }) : escapeMarkdown(b.name),
    done,
    notice: options.notice ?? "",
    billingLine: billingLine(locale, b),
    stateLine: stateLine(locale, b, userOf),
    keys: showKeys ? b.productKeys.map((k) => ({ title: escapeMarkdown(k.product), value: k.key })) : [],
    instructions: b.instructions === "" ? "" : t(locale, "cloud.instructions", { text: escapeMarkdown(b.instructions) }),
    text: t(locale, assignedUsage ? "cloud.next.portal" : `cloud.next.${b.billing}`, { url: AZURE_PORTAL_URL }),
    actionVerb: action,
    actionTitle: action === "" ? "" : t(locale, action === CLOUD_VERBS.assignSelf ? "cloud.button.assignSelf" : "cloud.button.getKeys"),
    portalUrl: assignedUsage ? AZURE_PORTAL_URL : "",
    portalTitle: t(locale, "cloud.button.portal"),
    id: b.id,
    version: b.version,
  });
}

export const cloudRefSubmit = z.object({ id: refSchema.id, version: refSchema.version }).strict();
