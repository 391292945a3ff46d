import type { TurnContext } from "botbuilder";
import type { DialogTurnResult, WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import {
  addDirectoryUser,
  directoryMember,
  findPickablePerson,
  listDirectory,
  peopleToPick,
  openVisualStudioSubscription,
  readSeatTaskAhead,
  visualStudioSeats,
  type Actor,
  type DirectoryUser,
  type PeopleScope,
  type SeatPurpose,
  type UseCaseDeps,
  type VisualStudioBenefit,
} from "../../benefits";
import { noticeCard } from "../../cards/notice";
import type { Fact } from "../../cards/overviewRows";
import { t, type Locale } from "../../cards/strings";
import { refSchema } from "../../cards/submit";
import { peoplePicker, type PeoplePicker } from "../../cards/people";
import { VS_VERBS, confirmCard, peopleCard, seatDoneCard, subscriptionPickerCard, type SeatTaskKind } from "../../cards/visualStudio";
import { askWithCard } from "../cardPrompt";
import { flowOptionsSchema, type FlowServices } from "../flow";
import { factsOf, FlowDialog } from "../flowDialog";
import { BACK_AND_CANCEL, isFreshStart, rejectInput, retry, stepValues, submitOf } from "../steps";
import { attemptOnBenefit, showCurrentState } from "./benefitCurrentState";

/** The people a task names, by card field (userId, or fromUserId and toUserId). */
export type Selection = Readonly<Record<string, DirectoryUser>>;

/** One people input: its card field, label, and whom it offers. */
export interface PickerSpec {
  readonly inputId: string;
  readonly labelKey: string;
  readonly scope: PeopleScope;
  readonly style: PeoplePicker["style"];
}

/** What differs between assigning, reassigning and removing a seat; the four steps are shared. */
export interface SeatTask {
  readonly kind: SeatTaskKind;
  readonly flowId: string;
  readonly purpose: SeatPurpose;
  readonly fields: readonly string[];
  readonly addUser: boolean;
  /** The people inputs of the people card; each offers the people of its scope (static when few, else typeahead). */
  pickers(subscription: VisualStudioBenefit): PickerSpec[];
  /** Input checks a card cannot express (e.g. two different people); returns what is wrong, or undefined. */
  invalid(locale: Locale, selection: Selection): string | undefined;
  facts(locale: Locale, selection: Selection): Fact[];
  perform(deps: UseCaseDeps, actor: Actor, benefitId: string, ids: Readonly<Record<string, string>>, expectedVersion: number | undefined): Promise<VisualStudioBenefit>;
  names(selection: Selection): Record<string, string>;
}

const PICK_SUBSCRIPTION = VS_VERBS.pickSubscription;
const PICK_PEOPLE = VS_VERBS.pickPeople;
const ADD_USER = VS_VERBS.addUser;

const pickSubscriptionSchema = z.object({ subscriptionId: refSchema.id }).strict();
// The people card's inputs all travel with each of its buttons (Adaptive Cards submit every input of the card).
const formFields = { displayName: z.string().max(120).optional(), email: z.string().max(254).optional() };
const newUserFields = { displayName: z.string().trim().min(1).max(120), email: z.email().max(254) };

/** What the steps remember: the subscription, its version when the admin picked people, and the people by field. */
const seatValues = {
  benefitId: z.string().optional(),
  version: z.number().optional(),
  people: z.record(z.string(), z.string()).optional(),
};

function values(step: WaterfallStepContext) {
  return stepValues(step, seatValues);
}

function people(step: WaterfallStepContext): Readonly<Record<string, string>> {
  return values(step).read().people ?? {};
}

function idsSchema(task: SeatTask) {
  return Object.fromEntries(task.fields.map((f) => [f, refSchema.id]));
}

function optionalIdsSchema(task: SeatTask) {
  return Object.fromEntries(task.fields.map((f) => [f, refSchema.id.or(z.literal("")).optional()]));
}

export function createSeatFlow(task: SeatTask, services: FlowServices): FlowDialog {
  const respond = services.respond;
  const turnFacts = (context: TurnContext) => factsOf(services, context);
  const pickSchema = z.object({ id: refSchema.id, version: refSchema.version, ...idsSchema(task), ...formFields }).strict();
  const addUserSchema = z.object({ id: refSchema.id, version: refSchema.version, ...optionalIdsSchema(task), ...newUserFields }).strict();
  const confirmSchema = z.object({ id: refSchema.id, version: refSchema.version, ...idsSchema(task) }).strict();

  async function chooseSubscription(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale, deps } = turnFacts(step.context);
    // Both ways on check the actor's role before anything is shown (openVisualStudioSubscription, visualStudioSeats).
    const options = flowOptionsSchema.safeParse(step.options ?? {});
    const startId = options.success ? options.data.benefitId : undefined;
    if (options.success && startId !== undefined && isFreshStart(step)) {
      // Started from a button on a subscription's card: that card's version must still be current.
      const expectedVersion = options.data.version;
      const opened = await attemptOnBenefit(services, step.context, startId, () => openVisualStudioSubscription(deps, actor, { benefitId: startId, purpose: task.purpose, expectedVersion }));
      if (!opened.ok) return step.endDialog();
      values(step).write({ benefitId: opened.value.id });
      return step.next();
    }
    const seats = await respond.attempt(step.context, () => visualStudioSeats(deps, actor));
    if (!seats.ok) return step.endDialog();
    const listed = task.purpose === "manage" ? seats.value.subscriptions.filter((s) => s.assignments.length > 0) : seats.value.subscriptions;
    if (listed.length === 0) {
      const none = seats.value.subscriptions.length === 0 ? "vs.none" : "vs.none.manage";
      await respond.card(step.context, noticeCard(t(locale, none)));
      return step.endDialog();
    }
    const card = subscriptionPickerCard(locale, task.kind, listed, values(step).read().benefitId ?? "");
    return askWithCard(step, card, [PICK_SUBSCRIPTION, ...BACK_AND_CANCEL]);
  }

  async function choosePeople(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale, deps } = turnFacts(step.context);
    const submit = submitOf(step.result);
    if (submit !== undefined) {
      const picked = pickSubscriptionSchema.safeParse(submit.data);
      if (!picked.success) return rejectInput(respond, step, t(locale, "vs.invalid.pick"));
      values(step).write({ benefitId: picked.data.subscriptionId });
    }
    const benefitId = values(step).read().benefitId ?? "";
    // The directory first: the actor's role check and the pickers below are then answered from it (one read this turn).
    await listDirectory(deps, actor.tenantId);
    const opened = await attemptOnBenefit(services, step.context, benefitId, () => openVisualStudioSubscription(deps, actor, { benefitId, purpose: task.purpose }));
    // A subscription picked here that cannot be used (no free seat...) was explained: let the person pick another.
    if (!opened.ok) return submit !== undefined ? retry(step) : step.endDialog();
    const pickers = await buildPickers(deps, actor.tenantId, locale, task.pickers(opened.value), people(step));
    const card = peopleCard(locale, { kind: task.kind, subscription: opened.value, pickers, verb: PICK_PEOPLE, addUser: task.addUser });
    return askWithCard(step, card, [PICK_PEOPLE, ...(task.addUser ? [ADD_USER] : []), ...BACK_AND_CANCEL]);
  }

  /** Reads the people card: picked users, or (when assigning) a new user added to the directory on the spot. */
  async function readPeople(step: WaterfallStepContext): Promise<DialogTurnResult | "read"> {
    const { actor, locale, deps } = turnFacts(step.context);
    const submit = submitOf(step.result);
    if (submit === undefined) return "read";
    const benefitId = values(step).read().benefitId;
    if (submit.verb === ADD_USER) {
      const form = addUserSchema.safeParse(submit.data);
      if (!form.success || form.data.id !== benefitId) return rejectInput(respond, step, newUserProblem(locale, submit.data));
      const { displayName, email } = form.data;
      const added = await respond.attempt(step.context, () => addDirectoryUser(deps, actor, { displayName, email }));
      if (!added.ok) return retry(step);
      values(step).write({ people: { ...people(step), [task.fields[0] ?? "userId"]: added.value.id } });
      values(step).write({ version: form.data.version });
      return "read";
    }
    const picked = pickSchema.safeParse(submit.data);
    const unpicked = task.fields.some((field) => submit.data[field] === undefined || submit.data[field] === "");
    if (!picked.success || picked.data.id !== benefitId) return rejectInput(respond, step, t(locale, unpicked ? "vs.invalid.person" : "vs.invalid.pick"));
    const data: Record<string, unknown> = picked.data;
    values(step).write({ people: Object.fromEntries(task.fields.map((field) => [field, String(data[field])])) });
    values(step).write({ version: picked.data.version });
    return "read";
  }

  async function confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale, deps } = turnFacts(step.context);
    const read = await readPeople(step);
    if (read !== "read") return read;
    const benefitId = values(step).read().benefitId ?? "";
    await readSeatTaskAhead(deps, actor, benefitId, task.fields.map((field) => people(step)[field] ?? ""));
    const opened = await attemptOnBenefit(services, step.context, benefitId, () => openVisualStudioSubscription(deps, actor, { benefitId, purpose: task.purpose, expectedVersion: values(step).read().version }));
    if (!opened.ok) return step.endDialog();
    // A typeahead choice is whatever id the client sent: each must be a person of this tenant who has not left.
    const selection: Record<string, DirectoryUser> = {};
    for (const field of task.fields) {
      const user = await findPickablePerson(deps, actor.tenantId, people(step)[field]);
      if (user === undefined) return rejectInput(respond, step, t(locale, "vs.invalid.unknownUser"));
      selection[field] = user;
    }
    const invalid = task.invalid(locale, selection);
    if (invalid !== undefined) return rejectInput(respond, step, invalid);
    const ids = Object.fromEntries(task.fields.map((f) => [f, selection[f]?.id ?? ""]));
    const card = confirmCard(locale, task.kind, opened.value, task.facts(locale, selection), ids);
    return askWithCard(step, card, [VS_VERBS.confirm[task.kind], ...BACK_AND_CANCEL]);
  }

  async function perform(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale, deps } = turnFacts(step.context);
    const submit = submitOf(step.result);
    if (submit === undefined) return step.endDialog();
    const confirmed = confirmSchema.safeParse(submit.data);
    if (!confirmed.success) return rejectInput(respond, step, t(locale, "vs.invalid.pick"));
    const { id } = confirmed.data;
    const data: Record<string, unknown> = confirmed.data;
    const ids = Object.fromEntries(task.fields.map((f) => [f, String(data[f])]));
    const sameAsAsked = id === values(step).read().benefitId && task.fields.every((f) => ids[f] === people(step)[f]);
    if (!sameAsAsked) {
      await showCurrentState(services, step.context, values(step).read().benefitId ?? "", t(locale, "common.staleCard"));
      return step.endDialog();
    }
    // The version the confirm card was built from, not the one the click carries: that is what the admin agreed to.
    const seenVersion = values(step).read().version;
    await readSeatTaskAhead(deps, actor, id, Object.values(ids));
    // Seats taken meanwhile: say so on the subscription as it is now, in the one card that replaces the clicked one.
    const done = await attemptOnBenefit(services, step.context, id, () => task.perform(deps, actor, id, ids, seenVersion), ["NO_SEATS"]);
    if (!done.ok) return step.endDialog();
    const named = await Promise.all(task.fields.map(async (f) => [f, await directoryMember(deps, actor.tenantId, ids[f] ?? "")] as const));
    const selection = Object.fromEntries(named.flatMap(([f, u]) => (u === undefined ? [] : [[f, u] as const])));
    await respond.card(step.context, seatDoneCard(locale, task.kind, done.value, task.names(selection)));
    return step.endDialog();
  }

  return FlowDialog.of(task.flowId, services, [chooseSubscription, choosePeople, confirm, perform]);
}

/** Which of the "add a user" fields is wrong, in words (the add action checks only its own two fields). */
function newUserProblem(locale: Locale, data: Readonly<Record<string, unknown>>): string {
  if (!newUserFields.displayName.safeParse(data.displayName).success) return t(locale, "vs.invalid.name");
  if (!newUserFields.email.safeParse(data.email).success) return t(locale, "vs.invalid.email");
  return t(locale, "vs.invalid.newUser");
}

/** Each people input with its people (or its search), keeping the person chosen before when they still qualify. */
async function buildPickers(deps: UseCaseDeps, tenantId: string, locale: Locale, specs: readonly PickerSpec[], chosen: Readonly<Record<string, string>>): Promise<PeoplePicker[]> {
  const pickers: PeoplePicker[] = [];
  for (const spec of specs) {
    const toPick = await peopleToPick(deps, tenantId, spec.scope);
    const selected = await findPickablePerson(deps, tenantId, chosen[spec.inputId]);
    const label = t(locale, spec.labelKey);
    pickers.push(peoplePicker({ inputId: spec.inputId, label, placeholder: t(locale, "people.search.placeholder"), scope: spec.scope, toPick, selected, style: spec.style }));
  }
  return pickers;
}
