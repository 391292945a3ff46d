import { missingTexts, navigationButtons } from "./navigation";
import { noticeCard } from "./notice";
import { cancelDeadline, type Benefit, type CancelReview, type ServiceRequest } from "../benefits";
import { errorText } from "./errors";
import { escapeMarkdown } from "./markdown";
import { renderCard, type AdaptiveCardAttachment } from "./render";
import { formatDate, formatDeadline, t, type Locale } from "./strings";

export const CANCEL_VERBS = { start: "cancel.start", pick: "cancel.pick", confirm: "cancel.confirm", keep: "cancel.keep" } as const;

/** The data of cards/templates/cancelPick.json. */
export interface CancelPickCardData {
  readonly missing: Record<"date" | "email" | "person" | "item" | "phone" | "language", string>;
  readonly title: string;
  readonly text: string;
  readonly label: string;
  readonly selected: string;
  readonly choices: { title: string; value: string }[];
  readonly button: string;
  readonly verb: typeof CANCEL_VERBS.pick;
  readonly backButton: string;
  readonly cancelButton: string;
}

export function cancelPickCard(locale: Locale, candidates: readonly CancelReview[], selected: string | undefined): AdaptiveCardAttachment {
  return renderCard("cancelPick", {
    ...navigationButtons(locale),
    missing: missingTexts(locale),
    title: t(locale, "cancelBenefit.pick.title"),
    text: t(locale, "cancelBenefit.pick.text"),
    label: t(locale, "cancelBenefit.pick.label"),
    selected: selected ?? "",
    // Choice titles are plain text, not Markdown: no escaping.
    choices: candidates.map(({ benefit, pkg }) => ({
      title: t(locale, benefit.cancelRequest === undefined ? "cancelBenefit.pick.choice" : "cancelBenefit.pick.choiceRequested", { name: benefit.name, package: pkg.name }),
      value: benefit.id,
    })),
    button: t(locale, "cancelBenefit.pick.button"),
    verb: CANCEL_VERBS.pick,
  });
}

function reviewFacts(locale: Locale, review: CancelReview, deadline: string | undefined) {
  const facts = [
    { title: t(locale, "cancelBenefit.fact.package"), value: escapeMarkdown(review.pkg.name) },
    { title: t(locale, "cancelBenefit.fact.purchased"), value: formatDate(locale, review.pkg.purchasedAt) },
  ];
  if (deadline !== undefined) facts.push({ title: t(locale, "cancelBenefit.fact.deadline"), value: deadline });
  return facts;
}

/** The data of cards/templates/cancelReview.json. */
export interface CancelReviewCardData {
  readonly notice: string;
  readonly allowed: boolean;
  readonly title: string;
  readonly facts: { title: string; value: string }[];
  readonly text: string;
  readonly actions: ({ title: string; verb: typeof CANCEL_VERBS.confirm; id: string; version: number } | { title: string; verb: typeof CANCEL_VERBS.keep; id: string; version: number })[];
}

/** Whether a refund is possible and, when it is not, which rule blocks it and the deadline that applied. */
export function cancelReviewCard(locale: Locale, review: CancelReview, notice = ""): AdaptiveCardAttachment {
  const name = escapeMarkdown(review.benefit.name);
  const { verdict, benefit } = review;
  if (verdict.allowed) {
    const deadline = formatDeadline(locale, verdict.deadline);
    return renderCard("cancelReview", {
      notice,
      allowed: true,
      title: t(locale, "cancelBenefit.review.title", { name }),
      facts: reviewFacts(locale, review, deadline),
      text: t(locale, "cancelBenefit.review.allowed"),
      actions: [
        { title: t(locale, "cancelBenefit.review.button"), verb: CANCEL_VERBS.confirm, id: benefit.id, version: benefit.version },
        { title: t(locale, "cancelBenefit.review.keep"), verb: CANCEL_VERBS.keep, id: benefit.id, version: benefit.version },
      ],
    });
  }
  // The refusal's text already names the deadline it applied: the facts do not repeat it.
  const text =
    benefit.cancelRequest === undefined
      ? errorText(locale, verdict.reason)
      : t(locale, "cancelBenefit.alreadyRequested", { name, reference: escapeMarkdown(benefit.cancelRequest.reference) });
  return renderCard("cancelReview", {
    notice,
    allowed: false,
    title: t(locale, "cancelBenefit.blocked.title", { name }),
    facts: reviewFacts(locale, review, benefit.cancelRequest === undefined ? undefined : formatDeadline(locale, cancelDeadline(review.pkg))),
    text,
    actions: [],
  });
}

/** The data of cards/templates/cancelDone.json. */
export interface CancelDoneCardData {
  readonly title: string;
  readonly text: string;
  readonly facts: { title: string; value: string }[];
  readonly actions: never[];
}

export function cancelRequestedCard(locale: Locale, benefit: Benefit, request: ServiceRequest): AdaptiveCardAttachment {
  return renderCard("cancelDone", {
    title: t(locale, "cancelBenefit.done.title"),
    text: t(locale, "cancelBenefit.done.text", { name: escapeMarkdown(benefit.name), reference: escapeMarkdown(request.reference) }),
    facts: [
      { title: t(locale, "cancelBenefit.fact.reference"), value: escapeMarkdown(request.reference) },
      { title: t(locale, "cancelBenefit.fact.status"), value: t(locale, "cancelBenefit.status.requested") },
    ],
    actions: [],
  });
}

/** The person chose Keep on the review: nothing was requested. */
export function cancelKeptCard(locale: Locale, benefit: Benefit): AdaptiveCardAttachment {
  return noticeCard(t(locale, "cancelBenefit.kept", { name: escapeMarkdown(benefit.name) }));
}
