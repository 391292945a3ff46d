import { TurnContext, type Activity } from "botbuilder";
import { expect } from "chai";
import { z } from "zod";
import { grantRole, revokeRole, type BenefitRequest, type DirectoryUser } from "../../../benefits";
import { recordConversations } from "../../../bot/conversationRecorder";
import { formatDateTime } from "../../../cards/strings";
import { ADELE, ALEX, DEMO_TENANT, LEE, MEGAN, startTestBot, type TestBot, type TestChat, type Turn } from "../../support/botHarness";
import { actionOf, allTextOf, installMessenger, type RecordingMessenger } from "./support";

const OTHER_TENANT = "9e8d7c6b-0000-4000-8000-00000000abcd";
const refreshSchema = z.object({ action: z.object({ type: z.literal("Action.Execute"), verb: z.literal("request.view"), data: z.object({ id: z.string() }).strict() }), userIds: z.array(z.string()) });

/** What Teams sends by itself when someone looks at a card that has a refresh. */
function refresh(chat: TestChat, data: Record<string, unknown>, trigger = "automatic"): Promise<Turn> {
  return chat.send({ type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb: "request.view", data }, trigger } });
}

function refreshOf(card: Record<string, unknown>): z.infer<typeof refreshSchema> | undefined {
  return card.refresh === undefined ? undefined : refreshSchema.parse(card.refresh);
}

/** The view answered in the invoke response; a refresh never posts anything into the conversation. */
function viewOf(turn: Turn): Record<string, unknown> {
  expect(turn.activities.filter((a) => a.type !== "invokeResponse")).to.deep.equal([]);
  expect(turn.invokeStatus).to.equal(200);
  return turn.card();
}

const actionsSchema = z.array(z.object({ verb: z.string() }).loose()).default([]);

/** The buttons a reader can press (the refresh is not one: it sits in `refresh`, outside `actions`). */
function buttonsOf(card: Record<string, unknown>): string[] {
  return actionsSchema.parse(card.actions).map((a) => a.verb);
}

describe("the approval card's user-specific views (refresh)", () => {
  let bot: TestBot;
  let messenger: RecordingMessenger;

  beforeEach(async function () {
    this.timeout(60_000);
    bot = await startTestBot();
    messenger = installMessenger(bot);
  });
  afterEach(async () => {
    await bot.stop();
  });

  /** The person talked to the bot in Teams: their conversation is recorded as the bot records every activity's. */
  async function seenInTeams(userId: string, tenantId = DEMO_TENANT): Promise<void> {
    const activity: Partial<Activity> = {
      type: "message",
      channelId: "msteams",
      serviceUrl: "https://smba.example.test/",
      from: { id: `29:${userId}`, aadObjectId: userId, name: "" },
      recipient: { id: "28:benefits-bot", name: "Benefits Bot" },
      conversation: { id: `a:personal-${userId}`, tenantId, conversationType: "personal", isGroup: false, name: "" },
      channelData: { tenant: { id: tenantId } },
    };
    await recordConversations(bot.repos, () => new Date())(new TurnContext(bot.adapter, activity));
  }

  async function addAdmin(id: string, displayName: string): Promise<DirectoryUser> {
    const user: DirectoryUser = { type: "user", id, tenantId: DEMO_TENANT, version: 0, displayName, email: `${id.slice(-6)}@contoso.com`, roles: ["globalAdmin"], remindersMuted: false };
    await bot.repos.users.create(user);
    return user;
  }

  async function onlyRequest(): Promise<BenefitRequest> {
    const all = (await bot.repos.benefitRequests.list(DEMO_TENANT)).map((s) => s.value);
    expect(all).to.have.length(1);
    return all[0]!;
  }

  /** Adele asks for a Visual Studio seat with a reason; returns her own view (the card that replaced her form). */
  async function adeleRequests(chat = bot.chat(ADELE)): Promise<Record<string, unknown>> {
    const pick = await chat.say("request a visual studio subscription");
    const sent = await chat.press(pick.findAction("request.send"), { benefitId: "vs-professional", reason: "For the mobile app", alternateEmail: "" });
    return sent.card();
  }

  it("lists the requester and the global admins by the Teams id their activities carry, and gives each posted card the refresh", async () => {
    await seenInTeams(ALEX);
    await seenInTeams(ADELE);
    const ownView = await adeleRequests();
    const request = await onlyRequest();
    const adminCard = messenger.sentTo(ALEX)[0]!.card;
    for (const card of [ownView, adminCard]) {
      expect(refreshOf(card)).to.deep.equal({ action: { type: "Action.Execute", verb: "request.view", data: { id: request.id } }, userIds: [`29:${ADELE}`, `29:${ALEX}`] });
    }
    expect(request.refreshAudience).to.deep.equal({ userIds: [`29:${ADELE}`, `29:${ALEX}`], unlisted: 0 });
    expect(buttonsOf(adminCard)).to.deep.equal(["request.approve", "request.decline"]);
    expect(buttonsOf(ownView)).to.deep.equal([]);
    expect(allTextOf(ownView)).to.contain("Your request for Visual Studio Professional subscription was sent to Alex Wilber.");
    expect(allTextOf(ownView)).to.contain("Waiting for a global admin's decision.");
    expect(allTextOf(ownView)).to.contain("Request sent");
  });

  it("refreshes to Approve / Decline for a global admin while the request is pending, and the refreshed Approve works", async () => {
    await seenInTeams(ALEX);
    await adeleRequests();
    const request = await onlyRequest();
    const view = viewOf(await refresh(bot.chat(ALEX), { id: request.id }));
    expect(buttonsOf(view)).to.deep.equal(["request.approve", "request.decline"]);
    expect(allTextOf(view)).to.contain("For the mobile app");
    expect(refreshOf(view)?.userIds).to.deep.equal([`29:${ALEX}`]);
    const approved = await bot.chat(ALEX).press(actionOf(view, "request.approve"));
    expect(allTextOf(approved.cards[0]!)).to.contain("Approved by Alex Wilber on");
    expect((await onlyRequest()).state).to.equal("approved");
  });

  it("refreshes to the status with the requester's own details for the requester, with no button", async () => {
    await adeleRequests();
    const view = viewOf(await refresh(bot.chat(ADELE), { id: (await onlyRequest()).id }));
    expect(buttonsOf(view)).to.deep.equal([]);
    expect(allTextOf(view)).to.contain("Waiting for a global admin's decision.");
    expect(allTextOf(view)).to.contain("For the mobile app");
  });

  it("refreshes to the status without actions, reason or alternate email for another employee", async () => {
    const chat = bot.chat(ADELE);
    const pick = await chat.say("request a benefit");
    await chat.press(pick.findAction("request.send"), { benefitId: "tech-advisory-hours", reason: "Secret project", alternateEmail: "adele.other@example.com" });
    const view = viewOf(await refresh(bot.chat(LEE), { id: (await onlyRequest()).id }));
    expect(buttonsOf(view)).to.deep.equal([]);
    expect(allTextOf(view)).to.contain("Adele Vance requests");
    expect(allTextOf(view)).to.contain("Waiting for a global admin's decision.");
    expect(allTextOf(view)).not.to.contain("Secret project");
    expect(allTextOf(view)).not.to.contain("adele.other@example.com");
  });

  it("refreshes to the decided state for everyone once decided, in each reader's language and time zone, with no refresh left", async () => {
    await adeleRequests();
    const request = await onlyRequest();
    const declining = bot.chat(ALEX);
    const reasonCard = await declining.press(actionOf(messenger.sentTo(ALEX)[0]!.card, "request.decline"));
    await declining.press(reasonCard.findAction("request.declineSend"), { reason: "Budget is frozen" });
    const decided = await onlyRequest();
    expect(decided.state).to.equal("declined");
    const kiritimati = { language: "fr" as const, timeZone: "Pacific/Kiritimati" };
    const views = {
      admin: viewOf(await refresh(bot.chat(ALEX), { id: request.id })),
      requester: viewOf(await refresh(bot.chat(ADELE), { id: request.id })),
      other: viewOf(await refresh(bot.chat(LEE, { locale: "fr-FR" }), { id: request.id })),
      otherInKiritimati: viewOf(await bot.chat(LEE, { locale: "fr-FR" }).send({ type: "invoke", name: "adaptiveCard/action", localTimezone: kiritimati.timeZone, value: { action: { type: "Action.Execute", verb: "request.view", data: { id: request.id } }, trigger: "automatic" } })),
    };
    for (const view of Object.values(views)) {
      expect(buttonsOf(view)).to.deep.equal([]);
      expect(refreshOf(view)).to.equal(undefined);
    }
    expect(allTextOf(views.admin)).to.contain(`Declined by Alex Wilber on ${formatDateTime("en", decided.decidedAt!)}. Reason: Budget is frozen`);
    expect(allTextOf(views.requester)).to.contain("Reason: Budget is frozen");
    expect(allTextOf(views.other)).to.contain(`Refusée par Alex Wilber le ${formatDateTime("fr", decided.decidedAt!)}.`);
    expect(allTextOf(views.other)).not.to.contain("Budget is frozen");
    expect(allTextOf(views.otherInKiritimati)).to.contain(`Refusée par Alex Wilber le ${formatDateTime(kiritimati, decided.decidedAt!)}.`);
    expect(formatDateTime(kiritimati, decided.decidedAt!)).not.to.equal(formatDateTime("fr", decided.decidedAt!));
  });

  it("lists at most 60 admins and says where to decide for the others, who can still decide from their own card", async function () {
    this.timeout(60_000);
    const admins: DirectoryUser[] = [];
    for (let i = 0; i < 64; i++) admins.push(await addAdmin(`b2b2b2b2-0000-4000-8000-${String(i).padStart(12, "0")}`, `Admin ${String(i).padStart(2, "0")}`));
    for (const person of [ADELE, ALEX, ...admins.map((a) => a.id)]) await seenInTeams(person);
    const ownView = await adeleRequests();
    const userIds = refreshOf(ownView)?.userIds ?? [];
    expect(userIds).to.have.length(60);
    expect(new Set(userIds).size).to.equal(60);
    expect(userIds[0]).to.equal(`29:${ADELE}`);
    const everyAdmin = new Set([ALEX, ...admins.map((a) => a.id)].map((id) => `29:${id}`));
    expect(userIds.slice(1).every((id) => everyAdmin.has(id))).to.equal(true);
    expect(allTextOf(ownView)).to.contain('Global admins: to approve or decline, open your personal chat with Benefits Bot and type "requests".');
    expect(messenger.sentTo(ALEX)).to.have.length(1);
    expect(messenger.sends.filter((s) => s.sent !== undefined)).to.have.length(65);

    const unlisted = [ALEX, ...admins.map((a) => a.id)].find((id) => !userIds.includes(`29:${id}`));
    expect(unlisted).to.not.equal(undefined);
    const manual = viewOf(await refresh(bot.chat(unlisted!), { id: (await onlyRequest()).id }, "manual"));
    expect(buttonsOf(manual)).to.deep.equal(["request.approve", "request.decline"]);
    const listed = await bot.chat(unlisted!).say("requests");
    expect(listed.findAction("request.approve").data).to.deep.equal({ id: (await onlyRequest()).id, version: 0 });
  });

  it("says where to decide only when some admin is left out, as one whose chat the bot opened itself (no Teams id known)", async () => {
    await seenInTeams(ALEX);
    expect(allTextOf(await adeleRequests())).not.to.contain("Global admins: to approve or decline");

    const opened = await addAdmin("b2b2b2b2-0000-4000-8000-0000000000aa", "Opened Admin");
    // What the bot stores when it opens a chat itself: Teams named the person by their Entra object id only.
    await bot.repos.conversations.create({
      type: "conversation",
      id: `${opened.id}:opened`,
      tenantId: DEMO_TENANT,
      version: 0,
      userId: opened.id,
      conversationId: `a:opened-${opened.id}`,
      conversationType: "personal",
      serviceUrl: "https://smba.example.test/",
      reference: { channelId: "msteams", user: { id: opened.id, aadObjectId: opened.id }, conversation: { id: `a:opened-${opened.id}` } },
      updatedAt: new Date().toISOString(),
    });
    const chat = bot.chat(LEE);
    const pick = await chat.say("request a visual studio subscription");
    const leesView = (await chat.press(pick.findAction("request.send"), { benefitId: "vs-professional", reason: "", alternateEmail: "" })).card();
    expect(refreshOf(leesView)?.userIds).to.deep.equal([`29:${ALEX}`]);
    expect(allTextOf(leesView)).to.contain("Global admins: to approve or decline");
  });

  it("shows a demoted admin the status without Approve / Decline, and refuses their old Approve on the same card", async () => {
    const megan = MEGAN;
    await seenInTeams(ALEX);
    await grantRole(bot.deps, { tenantId: DEMO_TENANT, userId: ALEX }, { userId: megan, role: "globalAdmin" });
    await seenInTeams(megan);
    await adeleRequests();
    const meganCard = messenger.sentTo(megan)[0]!.card;
    expect(buttonsOf(meganCard)).to.deep.equal(["request.approve", "request.decline"]);
    await revokeRole(bot.deps, { tenantId: DEMO_TENANT, userId: ALEX }, { userId: megan, role: "globalAdmin" });

    const view = viewOf(await refresh(bot.chat(megan), { id: (await onlyRequest()).id }));
    expect(buttonsOf(view)).to.deep.equal([]);
    expect(allTextOf(view)).to.contain("Waiting for a global admin's decision.");
    expect(allTextOf(view)).not.to.contain("For the mobile app");
    // The list is the one the cards were sent with: she is still asked, and her view is decided as she looks.
    expect(refreshOf(view)?.userIds).to.deep.equal([`29:${ALEX}`, `29:${megan}`]);

    const clicked = await bot.chat(megan).press(actionOf(meganCard, "request.approve"));
    expect(allTextOf(clicked.card())).to.contain("This needs the role Global admin. Ask Alex Wilber.");
    expect(allTextOf(clicked.card())).to.contain("Adele Vance requests Visual Studio Professional subscription");
    expect(buttonsOf(clicked.card())).to.deep.equal([]);
    expect(await onlyRequest()).to.include({ state: "pending", version: 0 });
    expect(messenger.sentTo(ADELE)).to.deep.equal([]);
  });

  it("shows nothing of another tenant's request when a forged refresh names it, and changes nothing", async () => {
    const foreign: BenefitRequest = {
      type: "benefitRequest",
      id: "req-foreign-0001",
      tenantId: OTHER_TENANT,
      version: 0,
      benefitId: "vs-foreign",
      category: "visualStudio",
      benefitName: "Foreign Enterprise seat",
      requesterId: "c3c3c3c3-0000-4000-8000-000000000001",
      requesterLocale: "en",
      reason: "Foreign reason",
      state: "pending",
      createdAt: new Date().toISOString(),
      adminCards: [],
    };
    await bot.repos.benefitRequests.create(foreign);
    for (const data of [{ id: foreign.id }, { id: foreign.id, tenantId: OTHER_TENANT }]) {
      const view = viewOf(await refresh(bot.chat(ALEX), data));
      expect(allTextOf(view)).to.contain("That card is out of date");
      expect(JSON.stringify(view)).not.to.match(/Foreign|req-foreign/);
    }
    const submitted = await bot.chat(ALEX).submit("request.view", { id: foreign.id });
    expect(submitted.allText()).to.contain("That card is out of date");
    expect(JSON.stringify(submitted.activities)).not.to.match(/Foreign/);
    const approve = await bot.chat(ALEX).click("request.approve", { id: foreign.id, version: 0 });
    expect(approve.allText()).to.contain("I couldn't find that item in your organization.");
    expect((await bot.repos.benefitRequests.get(OTHER_TENANT, foreign.id))?.value).to.include({ state: "pending", version: 0 });
  });

  it("answers a refresh beside the task the admin has open, which goes on afterwards", async () => {
    await adeleRequests();
    const alex = bot.chat(ALEX);
    await alex.say("assign visual studio");
    viewOf(await refresh(alex, { id: (await onlyRequest()).id }));
    expect((await alex.say("cancel")).texts.join()).to.contain("Canceled. Nothing was changed.");
  });

  it("answers a refresh in a group chat to the reader alone, an admin there being told to decide in private", async () => {
    await seenInTeams(ALEX);
    const group = { conversationType: "groupChat" as const };
    const adele = bot.chat(ADELE, group);
    const pick = await adele.say("request a visual studio subscription");
    const posted = await adele.press(pick.findAction("request.send"), { benefitId: "vs-professional", reason: "For the mobile app", alternateEmail: "" });
    expect(allTextOf(posted.card())).not.to.contain("For the mobile app");
    const view = viewOf(await refresh(bot.chat(ALEX, group), { id: (await onlyRequest()).id }));
    expect(buttonsOf(view)).to.deep.equal([]);
    expect(allTextOf(view)).to.contain('Global admins: to approve or decline, open your personal chat with Benefits Bot and type "requests".');
  });

  it("updates the requester's own view, which replaced their form, to the decision", async () => {
    const adele = bot.chat(ADELE);
    const pick = await adele.say("request a visual studio subscription");
    const send = pick.findAction("request.send");
    const data = { ...send.data, benefitId: "vs-professional", reason: "", alternateEmail: "" };
    await adele.send({ type: "invoke", name: "adaptiveCard/action", replyToId: "form-activity-1", value: { action: { type: "Action.Execute", verb: send.verb, data } } });
    expect((await onlyRequest()).requesterCard).to.deep.equal({ userId: ADELE, conversationId: adele.conversation, activityId: "form-activity-1" });
    await bot.chat(ALEX).press(actionOf(messenger.sentTo(ALEX)[0]!.card, "request.approve"));
    const own = messenger.updates.find((u) => u.ref.userId === ADELE);
    expect(own?.ref.activityId).to.equal("form-activity-1");
    expect(allTextOf(own!.card)).to.contain("Approved by Alex Wilber on");
    expect(buttonsOf(own!.card)).to.deep.equal([]);
  });

  it("updates every other admin's recorded card to the decision in that admin's own language", async () => {
    await grantRole(bot.deps, { tenantId: DEMO_TENANT, userId: ALEX }, { userId: MEGAN, role: "globalAdmin" });
    messenger.readers.set(MEGAN, "fr");
    await adeleRequests();
    await bot.chat(ALEX).press(actionOf(messenger.sentTo(ALEX)[0]!.card, "request.approve"));
    const updates = new Map(messenger.updates.map((u) => [u.ref.userId, allTextOf(u.card)]));
    expect(updates.get(ALEX)).to.contain("Approved by Alex Wilber on");
    expect(updates.get(MEGAN)).to.contain("Approuvée par Alex Wilber le");
  });
});
