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
}

export const SHOW_HELP_VERB = "help.show";

/** What this person may do, given their roles: one row per flow with a button that starts it. */
export function helpCard(locale: Locale, name: string, roles: readonly Role[], entries: readonly HelpEntry[]): AdaptiveCardAttachment {
  return renderCard("help", {
    title: t(locale, "help.title", { name: escapeMarkdown(name) }),
    intro: t(locale, "help.intro"),
    rolesLine: t(locale, "help.roles", { roles: roles.map((r) => roleName(locale, r)).join(", ") }),
    items: entries.map((e) => ({
      title: t(locale, `flow.${e.flowId}.title`),
      description: t(locale, `flow.${e.flowId}.help`),
      example: t(locale, `flow.${e.flowId}.example`),
      button: t(locale, `flow.${e.flowId}.button`),
      verb: e.verb,
    })),
    footer: t(locale, "help.footer"),
  });
}

export function welcomeCard(locale: Locale): AdaptiveCardAttachment {
  return renderCard("welcome", { title: t(locale, "welcome.title"), text: t(locale, "welcome.text"), button: t(locale, "welcome.button") });
}
