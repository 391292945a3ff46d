import { assignVisualStudioSeat, isAssigned, reassignVisualStudioSeat, removeVisualStudioSeat, type DirectoryUser, type VisualStudioBenefit } from "../../benefits";
import { t, type Locale } from "../../cards/strings";
import { VS_VERBS, peopleChoices, userFacts, type PeoplePicker } from "../../cards/visualStudio";
import type { FlowDefinition } from "../flow";
import { BACK_AND_CANCEL } from "../steps";
import { createSeatFlow, type Selection, type SeatTask } from "./visualStudioFlow";

function holders(subscription: VisualStudioBenefit, users: readonly DirectoryUser[]): DirectoryUser[] {
  return users.filter((u) => isAssigned(subscription, u.id));
}

function others(subscription: VisualStudioBenefit, users: readonly DirectoryUser[]): DirectoryUser[] {
  return users.filter((u) => !isAssigned(subscription, u.id));
}

function picker(locale: Locale, inputId: string, labelKey: string, users: readonly DirectoryUser[], selected: string, style: PeoplePicker["style"]): PeoplePicker {
  const choices = peopleChoices(users);
  const keep = choices.some((c) => c.value === selected) ? selected : "";
  return { inputId, label: t(locale, labelKey), style, selected: keep, choices };
}

const person = (selection: Selection, field: string): DirectoryUser[] => {
  const user = selection[field];
  return user === undefined ? [] : [user];
};

const assignTask: SeatTask = {
  kind: "assign",
  flowId: "visualStudio.assign",
  purpose: "assign",
  fields: ["userId"],
  addUser: true,
  pickers: (locale, sub, users, chosen) => [picker(locale, "userId", "vs.people.label.user", others(sub, users), chosen("userId"), "filtered")],
  invalid: () => undefined,
  facts: (locale, selection) => person(selection, "userId").flatMap((u) => userFacts(locale, "user", u)),
  // No version: the seat rule guards an assignment (NO_SEATS) and a double click is ALREADY_ASSIGNED, so another
  // admin's assignment in the meantime must not turn "no free seat" into "card out of date" (or block a free seat).
  perform: (deps, actor, benefitId, ids) => assignVisualStudioSeat(deps, actor, { benefitId, userId: ids.userId ?? "" }),
  names: (selection) => ({ user: selection.userId?.displayName ?? "" }),
};

const reassignTask: SeatTask = {
  kind: "reassign",
  flowId: "visualStudio.reassign",
  purpose: "manage",
  fields: ["fromUserId", "toUserId"],
  addUser: false,
  pickers: (locale, sub, users, chosen) => [
    // Filtered, like every person picker: a compact list here, where the subscription list stood on the card it replaces,
    // showed that list's options in the Agents Playground's renderer (the README walk caught it).
    picker(locale, "fromUserId", "vs.people.label.from", holders(sub, users), chosen("fromUserId"), "filtered"),
    picker(locale, "toUserId", "vs.people.label.to", others(sub, users), chosen("toUserId"), "filtered"),
  ],
  invalid: (locale, selection) => (selection.fromUserId?.id === selection.toUserId?.id ? t(locale, "vs.invalid.samePerson") : undefined),
  facts: (locale, selection) => [
    ...person(selection, "fromUserId").flatMap((u) => userFacts(locale, "from", u)),
    ...person(selection, "toUserId").flatMap((u) => userFacts(locale, "to", u)),
  ],
  perform: (deps, actor, benefitId, ids, expectedVersion) =>
    reassignVisualStudioSeat(deps, actor, { benefitId, fromUserId: ids.fromUserId ?? "", toUserId: ids.toUserId ?? "", expectedVersion }),
  names: (selection) => ({ from: selection.fromUserId?.displayName ?? "", to: selection.toUserId?.displayName ?? "" }),
};

const removeTask: SeatTask = {
  kind: "remove",
  flowId: "visualStudio.remove",
  purpose: "manage",
  fields: ["userId"],
  addUser: false,
  pickers: (locale, sub, users, chosen) => [picker(locale, "userId", "vs.people.label.remove", holders(sub, users), chosen("userId"), "filtered")],
  invalid: () => undefined,
  facts: (locale, selection) => person(selection, "userId").flatMap((u) => userFacts(locale, "user", u)),
  perform: (deps, actor, benefitId, ids, expectedVersion) => removeVisualStudioSeat(deps, actor, { benefitId, userId: ids.userId ?? "", expectedVersion }),
  names: (selection) => ({ user: selection.userId?.displayName ?? "" }),
};

export const visualStudioAssignFlow: FlowDefinition = {
  id: assignTask.flowId,
  intents: [/^(assign )?(a )?(visual studio|vs)( subscriptions?| seats?)?$/, /^(attribuer )?(un |une )?(abonnements? |licences? )?visual studio$/],
  startVerbs: [VS_VERBS.assign],
  capability: "assignBenefits",
  answerVerbs: [VS_VERBS.pickSubscription, VS_VERBS.pickPeople, ...(assignTask.addUser ? [VS_VERBS.addUser] : []), VS_VERBS.confirm[assignTask.kind], ...BACK_AND_CANCEL],
  create: (services) => createSeatFlow(assignTask, services),
};

export const visualStudioReassignFlow: FlowDefinition = {
  id: reassignTask.flowId,
  intents: [/^reassign (a )?(visual studio|vs)( subscriptions?| seats?)?$/, /^reattribuer( un| une)?( abonnement| licence)?( visual studio)?$/],
  startVerbs: [VS_VERBS.reassign],
  capability: "assignBenefits",
  answerVerbs: [VS_VERBS.pickSubscription, VS_VERBS.pickPeople, ...(reassignTask.addUser ? [VS_VERBS.addUser] : []), VS_VERBS.confirm[reassignTask.kind], ...BACK_AND_CANCEL],
  create: (services) => createSeatFlow(reassignTask, services),
};

export const visualStudioRemoveFlow: FlowDefinition = {
  id: removeTask.flowId,
  intents: [/^remove (a )?(visual studio|vs)( subscription| seat)?( assignments?)?$/, /^retirer( une attribution| un abonnement| une licence)?( visual studio)?$/],
  startVerbs: [VS_VERBS.remove],
  capability: "assignBenefits",
  answerVerbs: [VS_VERBS.pickSubscription, VS_VERBS.pickPeople, ...(removeTask.addUser ? [VS_VERBS.addUser] : []), VS_VERBS.confirm[removeTask.kind], ...BACK_AND_CANCEL],
  create: (services) => createSeatFlow(removeTask, services),
};
