import { renderCard, type AdaptiveCardAttachment } from "./render";
import { t, type Locale } from "./strings";

/** The data of cards/templates/handoff.json. */
export interface HandoffCardData {
  readonly title: string;
  readonly text: string;
  readonly button: string;
  readonly verb: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * Sent to a person's 1:1 chat when they start an admin task in a group or channel: admin cards show emails and choices
 * that are not for everyone there. The button starts the same task, on the same item, in private.
 */
export function privateHandoffCard(locale: Locale, flowId: string, verb: string, data: Readonly<Record<string, unknown>>): AdaptiveCardAttachment {
  return renderCard("handoff", {
    title: t(locale, "handoff.card.title", { flow: t(locale, `flow.${flowId}.title`) }),
    text: t(locale, "handoff.card.text"),
    button: t(locale, "handoff.card.button"),
    verb,
    data,
  });
}
