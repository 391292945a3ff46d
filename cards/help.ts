import type { Role } from "../benefits";
import { roleName } from "./errors";
import { escapeMarkdown } from "./markdown";
import { renderCard, type AdaptiveCardAttachment } from "./render";
import { t, type Locale } from "./strings";

export interface HelpEntry {
  /** The flow id: its strings are flow.<id>.title / .help / .example / .button. */
  readonly flowId: string;
  /** The verb its button sends. */
  readonly verb: string;
  /** Another prefix for those strings than flow.<id>, when the entry depends on the person. */
  readonly strings?: string;
}

export const SHOW_HELP_VERB = "help.show";

/** How many tasks the card shows before "More": what fits on a phone screen. */
export const HELP_FIRST_COUNT = 6;

/** What each role most likely came for, first first; someone with several roles gets their roles' lists in this order. */
const LIKELY_BY_ROLE: Record<Role, readonly string[]> = {
  globalAdmin: ["overview", "visualStudio.assign", "technicalBenefits", "requestDecision", "softwareKeys", "goToMarketOffers"],
  mpnPartnerAdmin: ["goToMarketOffers", "marketingContact", "cancelBenefit", "overview", "history"],
  userAdmin: ["history", "overview", "mine", "request"],
  adminAgent: ["overview", "mine", "request", "reminders"],
  employee: ["mine", "request", "overview", "reminders"],
};
const ROLE_ORDER: readonly Role[] = ["globalAdmin", "mpnPartnerAdmin", "userAdmin", "adminAgent", "employee"];

/** The entries split into the few this person most likely wants (their roles' order) and the rest (the given order). */
export function rankHelpEntries<E extends { readonly flowId: string }>(roles: readonly Role[], entries: readonly E[]): { first: E[]; more: E[] } {
  const likely = ROLE_ORDER.filter((r) => roles.includes(r) || r === "employee").flatMap((r) => LIKELY_BY_ROLE[r]);
  const first: E[] = [];
  for (const flowId of likely) {
    const entry = entries.find((e) => e.flowId === flowId);
    if (entry !== undefined && !first.includes(entry) && first.length < HELP_FIRST_COUNT) first.push(entry);
  }
  return { first, more: entries.filter((e) => !first.includes(e)) };
}

function item(locale: Locale, e: HelpEntry) {
  const prefix = e.strings ?? `flow.${e.flowId}`;
  return {
    title: t(locale, `${prefix}.title`),
    description: t(locale, `${prefix}.help`),
    example: t(locale, `${prefix}.example`),
    button: t(locale, `${prefix}.button`),
    verb: e.verb,
  };
}

/** The data of cards/templates/help.json. */
export interface HelpCardData {
  readonly title: string;
  readonly intro: string;
  readonly rolesLine: string;
  readonly items: { title: string; description: string; example: string; button: string; verb: string }[];
  readonly moreButton: string;
  readonly moreItems: { title: string; description: string; example: string; button: string; verb: string }[];
  readonly footer: string;
}

/** What this person may do, given their roles: the likeliest few with a button each, the rest behind "More". */
export function helpCard(locale: Locale, name: string, roles: readonly Role[], entries: readonly HelpEntry[]): AdaptiveCardAttachment {
  const { first, more } = rankHelpEntries(roles, entries);
  return renderCard("help", {
    title: t(locale, "help.title", { name: escapeMarkdown(name) }),
    intro: t(locale, "help.intro"),
    rolesLine: t(locale, "help.roles", { roles: roles.map((r) => roleName(locale, r)).join(", ") }),
    items: first.map((e) => item(locale, e)),
    moreButton: t(locale, "help.more", { count: more.length }),
    moreItems: more.map((e) => item(locale, e)),
    footer: t(locale, "help.footer"),
  });
}

/** The data of cards/templates/welcome.json. */
export interface WelcomeCardData {
  readonly title: string;
  readonly text: string;
  readonly button: string;
}

export function welcomeCard(locale: Locale): AdaptiveCardAttachment {
  return renderCard("welcome", { title: t(locale, "welcome.title"), text: t(locale, "welcome.text"), button: t(locale, "welcome.button") });
}
