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

/** What this person may do, given their roles: one row per flow with a button that starts it. */
export function helpCard(locale: Locale, name: string, roles: readonly Role[], entries: readonly HelpEntry[]): AdaptiveCardAttachment {
  return renderCard("help", {
    title: t(locale, "help.title", { name: escapeMarkdown(name) }),
    intro: t(locale, "help.intro"),
    rolesLine: t(locale, "help.roles", { roles: roles.map((r) => roleName(locale, r)).join(", ") }),
    items: entries.map((e) => {
      const prefix = e.strings ?? `flow.${e.flowId}`;
      return {
        title: t(locale, `${prefix}.title`),
        description: t(locale, `${prefix}.help`),
        example: t(locale, `${prefix}.example`),
        button: t(locale, `${prefix}.button`),
        verb: e.verb,
      };
    }),
    footer: t(locale, "help.footer"),
  });
}

export function welcomeCard(locale: Locale): AdaptiveCardAttachment {
  return renderCard("welcome", { title: t(locale, "welcome.title"), text: t(locale, "welcome.text"), button: t(locale, "welcome.button") });
}
