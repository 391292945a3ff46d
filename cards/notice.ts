import { renderCard, type AdaptiveCardAttachment } from "./render";

/** A short card with a title and a sentence: confirmations, refusals, plain notes. */
export function noticeCard(text: string, title = "", tone: "default" | "attention" = "default"): AdaptiveCardAttachment {
  return renderCard("notice", { title, text, tone });
}
