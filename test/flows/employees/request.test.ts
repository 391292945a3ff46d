import { expect } from "chai";
import { approveBenefitRequest, type BenefitRequest } from "../../../benefits";
import { ADELE, ALEX, DEMO_TENANT, LEE, NESTOR, startTestBot, type TestBot, type Turn } from "../../support/botHarness";
import { actionOf, allTextOf, benefitOf, installMessenger, type RecordingMessenger } from "./support";

describe("request a benefit", () => {
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

  async function requests(): Promise<BenefitRequest[]> {
    return (await bot.repos.benefitRequests.list(DEMO_TENANT)).map((s) => s.value);
  }

  async function seatHolders(id: string): Promise<string[]> {
    const benefit = await benefitOf(bot, DEMO_TENANT, id);
    return benefit.category === "visualStudio" ? benefit.assignments.map((a) => a.userId) : [];
  }

  /** Adele asks for a benefit through the cards; returns the card Alex received. */
  async function adeleRequests(benefitId: string, inputs: Record<string, unknown> = {}, locale = "en-US"): Promise<Record<string, unknown>> {
    const chat = bot.chat(ADELE, { locale });
    const pick = await chat.say(locale === "fr-FR" ? "demander un avantage" : "request a visual studio subscription");
    await chat.press(pick.findAction("request.send"), { benefitId, reason: "", alternateEmail: "", ...inputs });
    const toAlex = messenger.sentTo(ALEX);
    if (toAlex.length === 0) throw new Error("no card reached Alex");
    return toAlex[toAlex.length - 1]!.card;
  }

  it("sends the request to the global admins, and Alex's approval assigns the seat and tells Adele, in English", async () => {
    const chat = bot.chat(ADELE);
    const pick = await chat.say("request a visual studio subscription");
    expect(pick.allText()).to.contain("Visual Studio Professional subscription (3 free seats)");
    expect(pick.allText()).not.to.contain("Visual Studio Enterprise subscription");
    const sent = await chat.press(pick.findAction("request.send"), { benefitId: "vs-professional", reason: "Building the *new* app", alternateEmail: "" });
    expect(sent.allText()).to.contain("Your request for Visual Studio Professional subscription was sent to Alex Wilber.");
    const [stored] = await requests();
    expect(stored).to.include({ state: "pending", requesterId: ADELE, benefitId: "vs-professional", reason: "Building the *new* app" });
    expect(stored!.adminCards.map((c) => c.userId)).to.deep.equal([ALEX]);

    const adminCard = messenger.sentTo(ALEX)[0]!.card;
    expect(allTextOf(adminCard)).to.contain("Adele Vance requests Visual Studio Professional subscription");
    expect(allTextOf(adminCard)).to.contain("Building the \\*new\\* app");
    const approved = await bot.chat(ALEX).press(actionOf(adminCard, "request.approve"));
    expect(approved.cards[0] && allTextOf(approved.cards[0])).to.contain("Approved by Alex Wilber on");
    expect(approved.allText()).to.contain("Adele Vance was told.");
    expect(approved.actions()).to.deep.equal([]);

    expect(await seatHolders("vs-professional")).to.deep.equal([ADELE]);
    expect((await requests())[0]).to.include({ state: "approved", decidedBy: ALEX });
    const toAdele = messenger.sentTo(ADELE);
    expect(toAdele).to.have.length(1);
    expect(allTextOf(toAdele[0]!.card)).to.contain("Alex Wilber approved your request for Visual Studio Professional subscription. Next step: sign in at https://my.visualstudio.com");
    expect(messenger.updates.map((u) => u.ref.userId)).to.deep.equal([ALEX]);
    expect(allTextOf(messenger.updates[0]!.card)).to.contain("Approved by Alex Wilber on");
  });

  it("creates one request and says it was sent both times when Send the request is clicked twice", async () => {
    const chat = bot.chat(ADELE);
    const pick = await chat.say("request a visual studio subscription");
    const inputs = { benefitId: "vs-professional", reason: "", alternateEmail: "" };
    const first = await chat.press(pick.findAction("request.send"), inputs);
    const second = await chat.press(pick.findAction("request.send"), inputs);
    for (const turn of [first, second]) {
      expect(turn.cards).to.have.length(1);
      expect(turn.allText()).to.contain("Your request for Visual Studio Professional subscription was sent to Alex Wilber.");
    }
    expect(second.allText()).not.to.contain("out of date");
    expect(await requests()).to.have.length(1);
    expect(messenger.sentTo(ALEX)).to.have.length(1);
  });

  it("creates one request when Send the request arrives twice at the same moment", async () => {
    const chat = bot.chat(ADELE);
    const pick = await chat.say("request a visual studio subscription");
    const send = pick.findAction("request.send");
    const click = { type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb: send.verb, data: { ...send.data, benefitId: "vs-professional" } } } };
    // Both turns read the same waiting dialog: the race the deterministic request id is there for.
    const activity = (conversationId: string) => ({
      ...click,
      channelId: "msteams",
      serviceUrl: "https://smba.example.test/",
      locale: "en-US",
      from: { id: `29:${ADELE}`, aadObjectId: ADELE, name: "Adele Vance" },
      recipient: { id: "28:benefits-bot", name: "Benefits Bot" },
      conversation: { id: conversationId, tenantId: DEMO_TENANT, conversationType: "personal", isGroup: false, name: "" },
      channelData: { tenant: { id: DEMO_TENANT } },
    });
    const conversationId = chat.conversation;
    await Promise.all([1, 2].map(() => bot.adapter.processActivity(activity(conversationId), (context) => bot.bot.run(context))));
    expect(await requests()).to.have.length(1);
  });

  it("assigns once and shows the approved request both times when Approve is clicked twice", async () => {
    const adminCard = await adeleRequests("vs-professional");
    await bot.chat(ALEX).press(actionOf(adminCard, "request.approve"));
    const again = await bot.chat(ALEX).press(actionOf(adminCard, "request.approve"));
    expect(again.allText()).not.to.contain("This request was already decided, so nothing was changed.");
    expect(again.allText()).not.to.contain("out of date");
    expect(again.cards[0] && allTextOf(again.cards[0])).to.contain("Approved by Alex Wilber");
    expect(again.actions()).to.deep.equal([]);
    expect(await seatHolders("vs-professional")).to.deep.equal([ADELE]);
    expect(messenger.sentTo(ADELE)).to.have.length(1);
  });

  it("assigns once when two global admins approve at the same moment", async () => {
    const second = "a1a1a1a1-0000-4000-8000-000000000077";
    await bot.repos.users.create({ type: "user", id: second, tenantId: DEMO_TENANT, version: 0, displayName: "Second Admin", email: "second@contoso.com", roles: ["globalAdmin"], remindersMuted: false });
    await adeleRequests("vs-professional");
    const [request] = await requests();
    const results = await Promise.allSettled([ALEX, second].map((userId) => approveBenefitRequest(bot.deps, { tenantId: DEMO_TENANT, userId }, { requestId: request!.id, expectedVersion: 0 })));
    expect(results.filter((r) => r.status === "fulfilled")).to.have.length(1);
    expect(await seatHolders("vs-professional")).to.deep.equal([ADELE]);
  });

  it("refuses an employee's Approve with the role needed and who holds it, and changes nothing", async () => {
    const adminCard = await adeleRequests("vs-professional");
    const refused = await bot.chat(LEE).press(actionOf(adminCard, "request.approve"));
    expect(refused.allText()).to.contain("This needs the role Global admin. Ask Alex Wilber.");
    const declined = await bot.chat(LEE).press(actionOf(adminCard, "request.decline"));
    expect(declined.allText()).to.contain("This needs the role Global admin. Ask Alex Wilber.");
    expect((await requests())[0]).to.include({ state: "pending", version: 0 });
    expect(await seatHolders("vs-professional")).to.deep.equal([]);
    expect(messenger.sentTo(ADELE)).to.deep.equal([]);
  });

  it("keeps the request pending and says why when the last seat went elsewhere before the approval", async () => {
    const adminCard = await adeleRequests("vs-professional");
    const stored = await bot.repos.benefits.get(DEMO_TENANT, "vs-professional");
    if (stored === undefined || stored.value.category !== "visualStudio") throw new Error("demo tenant changed shape");
    const taken = [LEE, NESTOR, ALEX].map((userId) => ({ userId, assignedAt: new Date().toISOString(), assignedBy: ALEX }));
    await bot.repos.benefits.replace({ ...stored.value, assignments: taken }, stored.etag);
    const turn = await bot.chat(ALEX).press(actionOf(adminCard, "request.approve"));
    expect(turn.allText()).to.contain("There is no free seat left");
    expect((await requests())[0]!.state).to.equal("pending");
    expect(await seatHolders("vs-professional")).to.deep.equal([LEE, NESTOR, ALEX]);
    expect(messenger.sentTo(ADELE)).to.deep.equal([]);
  });

  it("approves without a second seat when the employee was given the subscription meanwhile", async () => {
    const adminCard = await adeleRequests("vs-professional");
    const stored = await bot.repos.benefits.get(DEMO_TENANT, "vs-professional");
    if (stored === undefined || stored.value.category !== "visualStudio") throw new Error("demo tenant changed shape");
    await bot.repos.benefits.replace({ ...stored.value, assignments: [{ userId: ADELE, assignedAt: new Date().toISOString(), assignedBy: ALEX }] }, stored.etag);
    const turn = await bot.chat(ALEX).press(actionOf(adminCard, "request.approve"));
    expect(turn.allText()).to.contain("Approved by Alex Wilber on");
    expect((await requests())[0]!.state).to.equal("approved");
    expect(await seatHolders("vs-professional")).to.deep.equal([ADELE]);
    expect(messenger.sentTo(ADELE)).to.have.length(1);
  });

  it("asks Alex for a reason when he declines and tells Adele with it", async () => {
    const adminCard = await adeleRequests("vs-professional");
    const alex = bot.chat(ALEX);
    const ask = await alex.press(actionOf(adminCard, "request.decline"));
    expect(ask.allText()).to.contain("Tell Adele Vance why.");
    const empty = await alex.press(ask.findAction("request.declineSend"), { reason: "  " });
    expect(empty.allText()).to.contain("Write a reason of 1 to 500 characters.");
    expect((await requests())[0]!.state).to.equal("pending");
    const done = await alex.press(empty.findAction("request.declineSend"), { reason: "No budget until July" });
    expect(done.allText()).to.contain("Declined by Alex Wilber");
    expect(done.allText()).to.contain("No budget until July");
    expect((await requests())[0]).to.include({ state: "declined", declineReason: "No budget until July", decidedBy: ALEX });
    expect(allTextOf(messenger.sentTo(ADELE)[0]!.card)).to.contain("Alex Wilber declined your request for Visual Studio Professional subscription. Reason: No budget until July");
    expect(await seatHolders("vs-professional")).to.deep.equal([]);
    const late = await alex.press(actionOf(adminCard, "request.approve"));
    expect(late.allText()).to.contain("already decided");
    expect(await seatHolders("vs-professional")).to.deep.equal([]);
  });

  it("changes nothing and shows the Approve/Decline card again when Alex keeps a request pending from the reason card", async () => {
    const adminCard = await adeleRequests("vs-professional");
    const before = await requests();
    const alex = bot.chat(ALEX);
    const ask = await alex.press(actionOf(adminCard, "request.decline"));
    const kept = await alex.press(ask.findAction("request.keepPending"));
    expect(await requests()).to.deep.equal(before);
    expect(before[0]!.state).to.equal("pending");
    expect(kept.cards).to.have.length(1);
    expect(kept.actions().map((a) => a.verb)).to.include.members(["request.approve", "request.decline"]);
    expect(messenger.sentTo(ADELE)).to.deep.equal([]);
    // The card that came back still works: the request can be approved from it.
    await alex.press(kept.findAction("request.approve"));
    expect(await seatHolders("vs-professional")).to.deep.equal([ADELE]);
  });

  it("changes nothing when Alex cancels on the reason card", async () => {
    const adminCard = await adeleRequests("vs-professional");
    const before = await requests();
    const alex = bot.chat(ALEX);
    const ask = await alex.press(actionOf(adminCard, "request.decline"));
    const canceled = await alex.press(ask.findAction("nav.cancel"));
    expect(canceled.allText()).to.contain("Canceled");
    expect(await requests()).to.deep.equal(before);
    expect(messenger.sentTo(ADELE)).to.deep.equal([]);
  });

  it("needs an alternate email to approve a technical benefit, then assigns it pending", async () => {
    const adminCard = await adeleRequests("tech-advisory-hours");
    const alex = bot.chat(ALEX);
    const missing = await alex.press(actionOf(adminCard, "request.approve"), { alternateEmail: "" });
    expect(missing.allText()).to.contain("Enter a valid alternate email");
    expect((await requests())[0]!.state).to.equal("pending");
    const same = await alex.press(actionOf(adminCard, "request.approve"), { alternateEmail: "adele.vance@contoso.com" });
    expect(same.allText()).to.contain("Enter a valid alternate email");
    const ok = await alex.press(actionOf(adminCard, "request.approve"), { alternateEmail: "adele@alt.example.com" });
    expect(ok.allText()).to.contain("Approved by Alex Wilber on");
    const benefit = await benefitOf(bot, DEMO_TENANT, "tech-advisory-hours");
    expect(benefit.category === "technical" && benefit.assignment).to.include({ userId: ADELE, alternateEmail: "adele@alt.example.com", state: "pending" });
    expect(allTextOf(messenger.sentTo(ADELE)[0]!.card)).to.contain("activation takes several days");
  });

  it("uses the alternate email the employee gave when the admin leaves it as is", async () => {
    const adminCard = await adeleRequests("tech-presales-deployment", { alternateEmail: "adele@alt.example.com" });
    expect(allTextOf(adminCard)).to.contain("adele@alt.example.com");
    await bot.chat(ALEX).press(actionOf(adminCard, "request.approve"));
    const benefit = await benefitOf(bot, DEMO_TENANT, "tech-presales-deployment");
    expect(benefit.category === "technical" && benefit.assignment?.alternateEmail).to.equal("adele@alt.example.com");
  });

  it("sends each person's card in their own stored language: the admin's in English, the French employee's answer in French", async () => {
    messenger.readers.set(ALEX, { language: "en", timeZone: "America/Los_Angeles" });
    messenger.readers.set(ADELE, "fr");
    const chat = bot.chat(ADELE, { locale: "fr-FR" });
    const pick = await chat.say("Demander un avantage");
    await chat.press(pick.findAction("request.send"), { benefitId: "vs-professional", reason: "", alternateEmail: "" });
    const adminCard = messenger.sentTo(ALEX)[0]!.card;
    expect(allTextOf(adminCard)).to.contain("Adele Vance requests Visual Studio Professional subscription").and.not.contain("(UTC)");
    await bot.chat(ALEX).press(actionOf(adminCard, "request.approve"));
    expect(allTextOf(messenger.sentTo(ADELE)[0]!.card)).to.contain("Alex Wilber a approuvé votre demande");
    expect(allTextOf(messenger.updates[0]!.card), "the admin's earlier card is updated in English too").to.contain("Approved by Alex Wilber on");
  });

  it("shows an approval in the success colour and a decline not", async () => {
    const approvedCard = await adeleRequests("vs-professional");
    const approved = await bot.chat(ALEX).press(actionOf(approvedCard, "request.approve"));
    expect(JSON.stringify(approved.card())).to.match(/"text":"Approved by Alex Wilber[^"]*"[^}]*"color":"Good"/);
    const declinedCard = await adeleRequests("tech-presales-deployment");
    const alex = bot.chat(ALEX);
    const reason = await alex.press(actionOf(declinedCard, "request.decline"));
    const declined = await alex.press(reason.findAction("request.declineSend"), { reason: "Not this quarter" });
    const status = JSON.stringify(declined.card()).match(/"text":"Declined by Alex Wilber[^"]*"[^}]*/)?.[0] ?? "";
    expect(status).to.not.equal("");
    expect(status).not.to.contain('"color":"Good"');
  });

  it("runs end to end in French", async () => {
    messenger.readers.set(ADELE, "fr");
    const chat = bot.chat(ADELE, { locale: "fr-FR" });
    const pick = await chat.say("Demander un avantage");
    expect(pick.allText()).to.contain("Choisissez ce dont vous avez besoin.");
    expect(pick.allText()).to.contain("(3 licences libres)");
    const sent = await chat.press(pick.findAction("request.send"), { benefitId: "vs-professional", reason: "", alternateEmail: "" });
    expect(sent.allText()).to.contain("Votre demande pour Visual Studio Professional subscription a été envoyée à Alex Wilber.");
    const adminCard = messenger.sentTo(ALEX)[0]!.card;
    const approved = await bot.chat(ALEX, { locale: "fr-FR" }).press(actionOf(adminCard, "request.approve"));
    expect(approved.allText()).to.contain("Approuvée par Alex Wilber");
    expect(allTextOf(messenger.sentTo(ADELE)[0]!.card)).to.contain("Alex Wilber a approuvé votre demande");
    expect(await seatHolders("vs-professional")).to.deep.equal([ADELE]);
  });

  it("re-renders the current state and changes nothing when the card's version is behind", async () => {
    const adminCard = await adeleRequests("vs-professional");
    const action = actionOf(adminCard, "request.approve");
    const stale = await bot.chat(ALEX).click("request.approve", { ...action.data, version: 7 });
    expect(stale.allText()).to.contain("That card is out of date");
    expect(stale.findAction("request.approve").data).to.deep.equal({ id: action.data.id, version: 0 });
    expect(await seatHolders("vs-professional")).to.deep.equal([]);
  });

  // The router refuses malformed ids and versions before the flow starts; the flow refuses the rest.
  const forged: [string, Record<string, unknown>, string][] = [
    ["an extra field", { extra: "x" }, "Some of what was entered isn't valid."],
    ["an oversized alternate email", { alternateEmail: `${"a".repeat(250)}@x.com` }, "Some of what was entered isn't valid."],
    ["an oversized id", { id: "r".repeat(200) }, "That card is out of date, so nothing was done."],
    ["a negative version", { version: -1 }, "That card is out of date, so nothing was done."],
  ];
  for (const [what, change, answer] of forged) {
    it(`changes nothing when the approve click carries ${what}`, async () => {
      const adminCard = await adeleRequests("vs-professional");
      const turn = await bot.chat(ALEX).click("request.approve", { ...actionOf(adminCard, "request.approve").data, ...change });
      expect(turn.allText()).to.contain(answer);
      expect((await requests())[0]).to.include({ state: "pending", version: 0 });
      expect(await seatHolders("vs-professional")).to.deep.equal([]);
    });
  }

  it("finds nothing when the request id belongs to no request of the admin's tenant", async () => {
    const turn = await bot.chat(ALEX).click("request.approve", { id: "req-from-elsewhere", version: 0 });
    expect(turn.allText()).to.contain("I couldn't find that item in your organization.");
  });

  async function pickThenSend(inputs: Record<string, unknown>): Promise<Turn> {
    const chat = bot.chat(ADELE);
    const pick = await chat.say("request a benefit");
    return chat.press(pick.findAction("request.send"), inputs);
  }

  it("re-asks and stores nothing when the pick card is forged with extra fields or an oversized reason", async () => {
    expect((await pickThenSend({ benefitId: "vs-professional", tenantId: "x" })).allText()).to.contain("Pick a benefit from the list.");
    expect((await pickThenSend({ benefitId: "vs-professional", reason: "x".repeat(501) })).allText()).to.contain("Pick a benefit from the list.");
    expect(await requests()).to.deep.equal([]);
    expect(messenger.sends).to.deep.equal([]);
  });

  it("refuses a benefit that cannot be requested and stores nothing", async () => {
    expect((await pickThenSend({ benefitId: "sw-windows-server" })).allText()).to.contain("I couldn't find that item");
    expect((await pickThenSend({ benefitId: "vs-enterprise" })).allText()).to.contain("already assigned");
    expect((await pickThenSend({ benefitId: "unknown-benefit" })).allText()).to.contain("I couldn't find that item");
    expect(await requests()).to.deep.equal([]);
  });

  it("re-asks on the same card when the alternate email is the employee's own", async () => {
    const turn = await pickThenSend({ benefitId: "tech-advisory-hours", alternateEmail: "adele.vance@contoso.com" });
    expect(turn.allText()).to.contain("The alternate email must be different");
    expect(turn.cards).to.have.length(1);
    expect(turn.allText()).to.contain("Pick what you need.");
    expect(turn.actions().map((a) => a.verb)).to.include("request.send");
    expect(await requests()).to.deep.equal([]);
  });

  it("refuses a second pending request for the same benefit", async () => {
    await adeleRequests("vs-professional");
    expect((await pickThenSend({ benefitId: "vs-professional" })).allText()).to.contain("That already exists.");
    expect(await requests()).to.have.length(1);
  });

  it("stores nothing when the employee cancels on the pick card, and back has nowhere to go", async () => {
    const chat = bot.chat(NESTOR);
    await chat.say("request a benefit");
    expect((await chat.say("back")).texts.join()).to.contain("This is the first step");
    expect((await chat.say("cancel")).texts.join()).to.contain("Canceled. Nothing was changed.");
    expect(await requests()).to.deep.equal([]);
  });

  it("keeps the request and asks the employee to tell the admins when no admin can be reached", async () => {
    messenger.unreachable.add(ALEX);
    const sent = await pickThenSend({ benefitId: "vs-professional" });
    expect(sent.allText()).to.contain("I couldn't reach your global admins (Alex Wilber)");
    expect((await requests())[0]!.adminCards).to.deep.equal([]);
  });

  it("lists the pending requests with working buttons when an admin asks, and refuses an employee", async () => {
    await adeleRequests("vs-professional");
    const list = await bot.chat(ALEX).say("pending requests");
    expect(list.allText()).to.contain("Adele Vance requests Visual Studio Professional subscription");
    await bot.chat(ALEX).press(list.findAction("request.approve"));
    expect(await seatHolders("vs-professional")).to.deep.equal([ADELE]);
    expect((await bot.chat(ALEX, { locale: "fr-FR" }).say("demandes en attente")).allText()).to.contain("Il n'y a aucune demande d'avantage en attente.");
    expect((await bot.chat(LEE).click("request.list", {})).allText()).to.contain("This needs the role Global admin.");
  });
});
