// Mixed admin and employee tasks, each a few turns through the cards as a person clicks them. The last turn of a
// task is its commit: what the bot says there is checked against the stored truth (see flakyStore.test.ts).
import type { Benefit, DirectoryUser } from "../../benefits";
import { ADELE, ALEX, ISAIAH, LEE, MEGAN, NESTOR, type TestChat, type Turn } from "../support/botHarness";
import { actionOf, type RecordingMessenger } from "../flows/employees/support";
import type { Truth } from "./flakyBot";

/** What a commit turn claims when it succeeds, and how the truth shows it happened. */
export interface Commit {
  readonly task: string;
  readonly done: RegExp;
  readonly holds: (after: Truth) => boolean;
  /** Another answer that is neither done nor a refusal, but true as well (judged by "nothing changed"). */
  readonly alsoTrue?: RegExp;
}

export interface Step {
  readonly turn: Turn;
  readonly commit?: Commit;
}

export interface World {
  chat(userId: string): TestChat;
  readonly messenger: RecordingMessenger;
  readonly random: () => number;
  truth(): Promise<Truth>;
  /** Runs one turn and judges it; a task's next step is taken only when the turn offered it. */
  turn(step: () => Promise<Turn>, commit?: Commit): Promise<Turn>;
}

export type Task = (world: World) => Promise<void>;

const EMPLOYEES = [ADELE, LEE, NESTOR, ISAIAH, MEGAN] as const;
const SUBSCRIPTIONS = ["vs-enterprise", "vs-professional"] as const;
const TECHNICAL = ["tech-support-incidents", "tech-advisory-hours", "tech-presales-deployment"] as const;
const SOFTWARE = ["sw-windows-server", "sw-m365-apps"] as const;

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("nothing to pick from");
  return item;
}

function actionOn(turn: Turn, verb: string, data: Record<string, unknown> = {}) {
  return turn.actions().find((a) => a.verb === verb && Object.entries(data).every(([k, v]) => a.data[k] === v));
}

function seatsOf(truth: Truth, id: string): string[] {
  const benefit = truth.benefits.get(id);
  return benefit?.category === "visualStudio" ? benefit.assignments.map((a) => a.userId) : [];
}

function benefit<C extends Benefit["category"]>(truth: Truth, id: string, category: C): Extract<Benefit, { category: C }> | undefined {
  const found = truth.benefits.get(id);
  return found?.category === category ? (found as Extract<Benefit, { category: C }>) : undefined;
}

function rolesOf(truth: Truth, id: string): DirectoryUser["roles"] {
  return truth.users.get(id)?.roles ?? [];
}

async function throughPicker(world: World, chat: TestChat, entry: Turn, inputs: Record<string, unknown>, confirmVerb: string, commit: Commit): Promise<void> {
  const pickPeople = actionOn(entry, "vs.pickPeople");
  if (pickPeople === undefined) return;
  const confirm = await world.turn(() => chat.press(pickPeople, inputs));
  const go = actionOn(confirm, confirmVerb);
  if (go !== undefined) await world.turn(() => chat.press(go), commit);
}

const assignSeat: Task = async (world) => {
  const id = pick(world.random, SUBSCRIPTIONS);
  const userId = pick(world.random, EMPLOYEES);
  const chat = world.chat(ALEX);
  const version = (await world.truth()).benefits.get(id)?.version ?? 0;
  const people = await world.turn(() => chat.click("vs.assign", { id, version }));
  await throughPicker(world, chat, people, { userId }, "vs.confirm.assign", {
    task: "assign a seat",
    done: /now has a seat of/,
    holds: (t) => seatsOf(t, id).includes(userId),
  });
};

const removeSeat: Task = async (world) => {
  const id = pick(world.random, SUBSCRIPTIONS);
  const truth = await world.truth();
  const userId = pick(world.random, seatsOf(truth, id).length > 0 ? seatsOf(truth, id) : EMPLOYEES);
  const chat = world.chat(ALEX);
  const people = await world.turn(() => chat.click("vs.remove", { id, version: truth.benefits.get(id)?.version ?? 0 }));
  await throughPicker(world, chat, people, { userId }, "vs.confirm.remove", {
    task: "remove a seat",
    done: /no longer has a seat of/,
    holds: (t) => !seatsOf(t, id).includes(userId),
  });
};

const reassignSeat: Task = async (world) => {
  const id = pick(world.random, SUBSCRIPTIONS);
  const truth = await world.truth();
  const holders = seatsOf(truth, id);
  if (holders.length === 0) return;
  const fromUserId = pick(world.random, holders);
  const toUserId = pick(world.random, EMPLOYEES.filter((u) => u !== fromUserId));
  const chat = world.chat(ALEX);
  const people = await world.turn(() => chat.click("vs.reassign", { id, version: truth.benefits.get(id)?.version ?? 0 }));
  await throughPicker(world, chat, people, { fromUserId, toUserId }, "vs.confirm.reassign", {
    task: "reassign a seat",
    done: /now has the seat of/,
    holds: (t) => seatsOf(t, id).includes(toUserId) && !seatsOf(t, id).includes(fromUserId),
  });
};

const assignTechnical: Task = async (world) => {
  const id = pick(world.random, TECHNICAL);
  const userId = pick(world.random, EMPLOYEES);
  const chat = world.chat(ALEX);
  const list = await world.turn(() => chat.say("technical benefits"));
  const assign = actionOn(list, "technical.assign", { id });
  if (assign === undefined) return;
  const userCard = await world.turn(() => chat.press(assign));
  const user = actionOn(userCard, "technical.user");
  if (user === undefined) return;
  const emailCard = await world.turn(() => chat.press(user, { userId }));
  const email = actionOn(emailCard, "technical.email");
  if (email === undefined) return;
  const confirm = await world.turn(() => chat.press(email, { alternateEmail: `support.${userId.slice(-2)}@fabrikam.com` }));
  const go = actionOn(confirm, "technical.confirm");
  if (go === undefined) return;
  await world.turn(() => chat.press(go), { task: "assign a technical benefit", done: /several days/, holds: (t) => benefit(t, id, "technical")?.assignment?.userId === userId });
};

const activateTechnical: Task = async (world) => {
  const id = pick(world.random, TECHNICAL);
  const chat = world.chat(ALEX);
  const list = await world.turn(() => chat.say("technical benefits"));
  const activate = actionOn(list, "technical.activate", { id });
  if (activate === undefined) return;
  await world.turn(() => chat.press(activate), {
    task: "mark a technical benefit active",
    done: /Active: assigned to/,
    holds: (t) => benefit(t, id, "technical")?.assignment?.state === "active",
  });
};

const activateOffer: Task = async (world) => {
  const chat = world.chat(pick(world.random, [ALEX, MEGAN]));
  const list = await world.turn(() => chat.say("activate offer"));
  const offers = list.actions().filter((a) => a.verb === "offers.activate");
  if (offers.length === 0) return;
  const offer = pick(world.random, offers);
  const id = String(offer.data.id);
  await world.turn(() => chat.press(offer), {
    task: "activate an offer",
    done: /Activation requested/,
    holds: (t) => benefit(t, id, "goToMarket")?.state === "pending",
    // True when no contact is stored: the bot asks for one and changes nothing.
    alsoTrue: /Set a marketing contact first/,
  });
};

const setMarketingContact: Task = async (world) => {
  const userId = pick(world.random, [MEGAN, LEE]);
  const chat = world.chat(ALEX);
  const intro = await world.turn(() => chat.say("marketing contact"));
  const edit = actionOn(intro, "contact.edit");
  if (edit === undefined) return;
  const pickUser = actionOn(await world.turn(() => chat.press(edit)), "contact.pickUser");
  if (pickUser === undefined) return;
  const details = actionOn(await world.turn(() => chat.press(pickUser, { userId })), "contact.details");
  if (details === undefined) return;
  const confirm = actionOn(await world.turn(() => chat.press(details, { alternateEmail: "marketing@fabrikam.com", phone: "+1 425 555 0100", language: "en" })), "contact.confirm");
  if (confirm === undefined) return;
  await world.turn(() => chat.press(confirm), {
    task: "set the marketing contact",
    done: /Marketing contact saved/,
    holds: (t) => t.contactUserId === userId,
  });
};

const revealKeys: Task = async (world) => {
  const id = pick(world.random, SOFTWARE);
  const chat = world.chat(ALEX);
  const version = (await world.truth()).benefits.get(id)?.version ?? 0;
  const product = await world.turn(() => chat.click("software.keys", { id, version }));
  const reveal = actionOn(product, "software.reveal");
  if (reveal === undefined) return;
  const firstKey = benefit(await world.truth(), id, "software")?.productKeys[0]?.key ?? "no key";
  await world.turn(() => chat.press(reveal), {
    task: "reveal software keys",
    done: new RegExp(firstKey.replace(/[-]/g, "\\-")),
    holds: (t) => benefit(t, id, "software")?.keysRevealed !== undefined,
  });
};

const requestRefund: Task = async (world) => {
  const benefitId = pick(world.random, SUBSCRIPTIONS);
  const chat = world.chat(ALEX);
  const list = await world.turn(() => chat.say("cancel a benefit"));
  const check = actionOn(list, "cancel.pick");
  if (check === undefined) return;
  const reviewed = await world.turn(() => chat.press(check, { benefitId }));
  const confirm = actionOn(reviewed, "cancel.confirm");
  if (confirm === undefined) return;
  await world.turn(() => chat.press(confirm), {
    task: "request a refund",
    done: /Cancellation requested/,
    holds: (t) => t.benefits.get(benefitId)?.cancelRequest !== undefined && t.serviceRequests > 0,
  });
};

const requestAndApprove: Task = async (world) => {
  const requester = pick(world.random, [ADELE, LEE, NESTOR]);
  const chat = world.chat(requester);
  const form = await world.turn(() => chat.say("request a visual studio subscription"));
  const send = actionOn(form, "request.send");
  if (send === undefined) return;
  const benefitId = pick(world.random, SUBSCRIPTIONS);
  const sentBefore = world.messenger.sentTo(ALEX).length;
  await world.turn(() => chat.press(send, { benefitId, reason: "", alternateEmail: "" }), {
    task: "send a request",
    done: /was sent to|is saved/,
    holds: (t) => t.requests.some((r) => r.requesterId === requester && r.benefitId === benefitId),
  });
  const card = world.messenger.sentTo(ALEX).slice(sentBefore).pop()?.card;
  const approve = card === undefined ? undefined : actionOf(card, "request.approve");
  if (approve === undefined) return;
  await world.turn(() => world.chat(ALEX).press(approve), {
    task: "approve a request",
    done: /Approved by/,
    holds: (t) => seatsOf(t, benefitId).includes(requester) && t.requests.some((r) => r.requesterId === requester && r.benefitId === benefitId && r.state === "approved"),
  });
};

const changeRole: Task = async (world) => {
  const userId = pick(world.random, [ADELE, LEE, NESTOR]);
  const chat = world.chat(ALEX);
  const card = await world.turn(() => chat.say("manage roles"));
  const granted = rolesOf(await world.truth(), userId).includes("userAdmin");
  const action = actionOn(card, granted ? "roles.revoke" : "roles.grant");
  if (action === undefined) return;
  await world.turn(() => chat.press(action, { userId, role: "userAdmin" }), {
    task: granted ? "revoke a role" : "grant a role",
    done: granted ? /no longer has the role/ : /now has the role/,
    holds: (t) => rolesOf(t, userId).includes("userAdmin") !== granted,
  });
};

/** Weighted: seat churn most, the one-way tasks (refund, activation) rarely, so the run keeps finding work to do. */
export const TASKS: readonly Task[] = [
  assignSeat,
  assignSeat,
  assignSeat,
  removeSeat,
  removeSeat,
  reassignSeat,
  reassignSeat,
  assignTechnical,
  activateTechnical,
  activateOffer,
  setMarketingContact,
  revealKeys,
  requestAndApprove,
  requestAndApprove,
  changeRole,
  changeRole,
];

/** Asked for in the last part of the run only: a refund blocks the package's key reveals for good. */
export const LATE_TASKS: readonly Task[] = [requestRefund];
