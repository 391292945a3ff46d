import { missingTexts } from "./navigation";
import { freeSeats, type DirectoryUser, type VisualStudioBenefit } from "../benefits";
import { escapeMarkdown } from "./markdown";
import type { Fact, RowAction } from "./overviewRows";
import { renderCard, type AdaptiveCardAttachment } from "./render";

/** The verbs of the Visual Studio cards: start a task, pick the subscription and people, confirm. */
export const VS_VERBS = {
  assign: "vs.assign",
  reassign: "vs.reassign",
  remove: "vs.remove",
  pickSubscription: "vs.pickSubscription",
  pickPeople: "vs.pickPeople",
  addUser: "vs.addUser",
  confirm: { assign: "vs.confirm.assign", reassign: "vs.confirm.reassign", remove: "vs.confirm.remove" },
} as const;
import { t, type Locale } from "./strings";
import type { PeoplePicker } from "./people";

export type SeatTaskKind = "assign" | "reassign" | "remove";

export type { PeoplePicker } from "./people";

export function seatsLine(locale: Locale, subscription: VisualStudioBenefit): string {
  return t(locale, "vs.seats", { used: subscription.assignments.length, total: subscription.seats, free: freeSeats(subscription) });
}

/** The data of cards/templates/visualStudioPick.json. */
export interface VisualStudioPickCardData {
  readonly missing: Record<"date" | "email" | "person" | "item" | "phone" | "language", string>;
  readonly title: string;
  readonly intro: string;
  readonly label: string;
  readonly selected: string;
  readonly choices: { title: string; value: string }[];
  readonly verb: typeof VS_VERBS.pickSubscription;
  readonly nextButton: string;
  readonly cancelButton: string;
}

export function subscriptionPickerCard(locale: Locale, kind: SeatTaskKind, subscriptions: readonly VisualStudioBenefit[], selected: string): AdaptiveCardAttachment {
  return renderCard("visualStudioPick", {
    missing: missingTexts(locale),
    title: t(locale, `flow.visualStudio.${kind}.title`),
    intro: t(locale, `vs.pick.intro.${kind}`),
    label: t(locale, "vs.pick.label"),
    selected: selected === "" ? (subscriptions[0]?.id ?? "") : selected,
    choices: subscriptions.map((s) => ({
      title: t(locale, "vs.pick.choice", { name: s.name, used: s.assignments.length, free: freeSeats(s), total: s.seats }),
      value: s.id,
    })),
    verb: VS_VERBS.pickSubscription,
    nextButton: t(locale, "vs.next"),
    cancelButton: t(locale, "common.cancelButton"),
  });
}

export interface PeopleCardInput {
  readonly kind: SeatTaskKind;
  readonly subscription: VisualStudioBenefit;
  readonly pickers: readonly PeoplePicker[];
  readonly verb: string;
  /** Offered when assigning: the person may not be in the directory yet. */
  readonly addUser: boolean;
  readonly note?: string;
}

/** The data of cards/templates/visualStudioPeople.json. */
export interface VisualStudioPeopleCardData {
  readonly note: string;
  readonly title: string;
  readonly seatsLine: string;
  readonly emptyText: string;
  readonly pickers: readonly PeoplePicker[];
  readonly canPick: boolean;
  readonly verb: string;
  readonly id: string;
  readonly version: number;
  readonly addUser: { enabled: boolean; visible: boolean; toggle: string; nameLabel: string; emailLabel: string; button: string };
  readonly nextButton: string;
  readonly backButton: string;
  readonly cancelButton: string;
}

export function peopleCard(locale: Locale, input: PeopleCardInput): AdaptiveCardAttachment {
  const canPick = input.pickers.every((p) => p.hasPeople);
  return renderCard("visualStudioPeople", {
    note: input.note ?? "",
    title: t(locale, `vs.people.title.${input.kind}`, { name: escapeMarkdown(input.subscription.name) }),
    seatsLine: seatsLine(locale, input.subscription),
    emptyText: canPick ? "" : t(locale, input.addUser ? "vs.people.noneLeft" : "vs.people.nobody"),
    pickers: canPick ? input.pickers : [],
    canPick,
    verb: input.verb,
    id: input.subscription.id,
    version: input.subscription.version,
    addUser: {
      enabled: input.addUser,
      visible: !canPick,
      toggle: t(locale, "vs.addUser.toggle"),
      nameLabel: t(locale, "vs.addUser.name"),
      emailLabel: t(locale, "vs.addUser.email"),
      button: t(locale, "vs.addUser.button"),
    },
    nextButton: t(locale, "vs.next"),
    backButton: t(locale, "common.backButton"),
    cancelButton: t(locale, "common.cancelButton"),
  });
}

export function userFacts(locale: Locale, role: "user" | "from" | "to", user: DirectoryUser): Fact[] {
  return [
    { label: t(locale, `vs.fact.${role}`), value: escapeMarkdown(user.displayName) },
    { label: t(locale, "vs.fact.email"), value: escapeMarkdown(user.email) },
  ];
}

/** The data of cards/templates/visualStudioConfirm.json. */
export interface VisualStudioConfirmCardData {
  readonly title: string;
  readonly text: string;
  readonly facts: Fact[];
  readonly verb: typeof VS_VERBS.confirm.assign | typeof VS_VERBS.confirm.reassign | typeof VS_VERBS.confirm.remove;
  readonly data: { id: string; version: number };
  readonly confirmButton: string;
  readonly backButton: string;
  readonly cancelButton: string;
}

export function confirmCard(
  locale: Locale,
  kind: SeatTaskKind,
  subscription: VisualStudioBenefit,
  facts: readonly Fact[],
  data: Readonly<Record<string, string | number>>,
): AdaptiveCardAttachment {
  return renderCard("visualStudioConfirm", {
    title: t(locale, `vs.confirm.title.${kind}`),
    text: t(locale, `vs.confirm.text.${kind}`, { subscription: escapeMarkdown(subscription.name) }),
    facts: [{ label: t(locale, "vs.fact.subscription"), value: escapeMarkdown(subscription.name) }, ...facts, { label: t(locale, "vs.fact.seats"), value: seatsLine(locale, subscription) }],
    verb: VS_VERBS.confirm[kind],
    data: { id: subscription.id, version: subscription.version, ...data },
    confirmButton: t(locale, `vs.confirm.button.${kind}`),
    backButton: t(locale, "common.backButton"),
    cancelButton: t(locale, "common.cancelButton"),
  });
}

/** The data of cards/templates/visualStudioDone.json. */
export interface VisualStudioDoneCardData {
  readonly title: string;
  readonly text: string;
  readonly nextStep: string;
  readonly facts: { label: string; value: string }[];
  readonly portalButton: string;
  readonly actions: RowAction[];
}

/** The subscription after the change, with what the people involved do next and buttons for the next change. */
export function seatDoneCard(locale: Locale, kind: SeatTaskKind, after: VisualStudioBenefit, names: Readonly<Record<string, string>>): AdaptiveCardAttachment {
  const vars = { subscription: escapeMarkdown(after.name), ...Object.fromEntries(Object.entries(names).map(([k, v]) => [k, escapeMarkdown(v)])) };
  const actions: RowAction[] = [];
  const action = (verb: string) => ({ title: t(locale, `overview.action.${verb}`), verb, id: after.id, version: after.version });
  if (freeSeats(after) > 0) actions.push(action("vs.assign"));
  if (after.assignments.length > 0) actions.push(action("vs.reassign"), action("vs.remove"));
  return renderCard("visualStudioDone", {
    title: t(locale, `vs.done.title.${kind}`),
    text: t(locale, `vs.done.text.${kind}`, vars),
    nextStep: t(locale, `vs.done.next.${kind}`, vars),
    facts: [{ label: t(locale, "vs.fact.seats"), value: seatsLine(locale, after) }],
    portalButton: t(locale, "vs.portalButton"),
    actions,
  });
}
