import { renderCard, type AdaptiveCardAttachment } from "./render";

/** The data of cards/templates/notice.json. */
export interface NoticeCardData {
  readonly title: string;
  readonly text: string;
  readonly tone: "default" | "attention";
}

/** A short card with a title and a sentence: confirmations, refusals, plain notes. */
export function noticeCard(text: string, title = "", tone: "default" | "attention" = "default"): AdaptiveCardAttachment {
  return renderCard("notice", { title, text, tone });
}
