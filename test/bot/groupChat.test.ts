import { expect } from "chai";
import { ADELE, ALEX, DEMO_TENANT, LEE, startTestBot, type TestBot, type TestChat } from "../support/botHarness";
import { actionOf, allTextOf, installMessenger, type RecordingMessenger } from "../flows/employees/support";

const GROUP = { id: "19:benefits-group@thread.v2", tenantId: DEMO_TENANT, conversationType: "groupChat", isGroup: true, name: "Benefits" };

/** Says something in the shared group conversation (every member's chat object posts into the same conversation). */
const inGroup = (chat: TestChat, text: string) => chat.send({ type: "message", text, conversation: GROUP });

describe("BenefitsBot in a group chat", () => {
  let bot: TestBot;
  let messenger: RecordingMessenger;
  before(async () => {
    bot = await startTestBot();
    messenger = installMessenger(bot);
  });
  beforeEach(() => messenger.clear());
  after(async () => {
    await bot.stop();
  });

  it("moves an admin task to the admin's personal chat and shows nothing of it in the group", async () => {
    const turn = await inGroup(bot.chat(ALEX), "assign visual studio");
    expect(turn.texts).to.deep.equal(["I've sent you a private message to continue."]);
    expect(turn.cards).to.have.length(0);
    const [handoff] = messenger.sentTo(ALEX);
    expect(handoff, "a private card to Alex").to.not.equal(undefined);
    expect(allTextOf(handoff!.card)).to.contain("Let's continue here");
    expect(messenger.sends.map((s) => s.userId)).to.deep.equal([ALEX]);
  });

  it("starts the task in the personal chat when the hand-off card's button is pressed there", async () => {
    await inGroup(bot.chat(ALEX), "assign visual studio");
    const [handoff] = messenger.sentTo(ALEX);
    const personal = bot.chat(ALEX);
    const turn = await personal.press(actionOf(handoff!.card, "vs.assign"));
    expect(turn.allText()).to.contain("Visual Studio Enterprise");
  });

  it("tells the admin to open a personal chat when no private message can reach them", async () => {
    messenger.unreachable.add(ALEX);
    const turn = await inGroup(bot.chat(ALEX), "manage roles");
    expect(turn.texts.join(" ")).to.contain("Open a chat with Benefits Bot");
    expect(turn.cards).to.have.length(0);
  });

  it("in French, says the private message was sent", async () => {
    const turn = await inGroup(bot.chat(ALEX, { locale: "fr-FR" }), "attribuer un abonnement visual studio");
    expect(turn.texts).to.deep.equal(["Je vous ai envoyé un message privé pour continuer."]);
  });

  it("keeps each member's flow their own: another member's cancel does not end it", async () => {
    const adele = bot.chat(ADELE);
    const started = await inGroup(adele, "request a benefit");
    expect(started.cards.length, "the request flow asks with a card").to.be.greaterThan(0);
    const lee = await inGroup(bot.chat(LEE), "cancel");
    expect(lee.texts).to.deep.equal(["There is nothing to cancel."]);
    const stillThere = await inGroup(adele, "help");
    expect(stillThere.texts.join(" ")).to.contain("You are in:");
  });

  it("leaves a shared card as it is and answers only the clicker when another member clicks it", async () => {
    const adele = bot.chat(ADELE);
    const started = await inGroup(adele, "request a benefit");
    const action = started.actions()[0];
    if (action === undefined) throw new Error("the request card has an action");
    const lee = await bot.chat(LEE).send({
      type: "invoke",
      name: "adaptiveCard/action",
      value: { action: { type: "Action.Execute", verb: action.verb, data: action.data }, trigger: "manual" },
      conversation: GROUP,
    });
    expect(lee.invokeStatus).to.equal(200);
    expect(lee.cards, "no card replaces Adele's").to.have.length(0);
    expect(lee.activities.filter((a) => a.type === "message"), "nothing posted to the group").to.have.length(0);
    expect(lee.texts.join(" ")).to.contain("out of date");
    const stillThere = await inGroup(adele, "help");
    expect(stillThere.texts.join(" ")).to.contain("You are in:");
  });

  it("tells someone without the role which role it needs, and sends them nothing privately", async () => {
    const turn = await inGroup(bot.chat(LEE), "assign visual studio");
    expect(turn.texts.join(" ")).to.contain("Global admin").and.to.contain("Alex Wilber");
    expect(messenger.sends).to.have.length(0);
  });

  it("opens the task at its start in private when a shared card's button would act at once", async () => {
    const turn = await bot.chat(ALEX).send({
      type: "invoke",
      name: "adaptiveCard/action",
      value: { action: { type: "Action.Execute", verb: "offers.activate", data: { id: "gtm-silver-marketing-kit", version: 0 } }, trigger: "manual" },
      conversation: GROUP,
    });
    expect(turn.texts).to.deep.equal(["I've sent you a private message to continue."]);
    const [handoff] = messenger.sentTo(ALEX);
    expect(actionOf(handoff!.card, "offers.start").data).to.deep.equal({});
    const offer = await bot.repos.benefits.get(DEMO_TENANT, "gtm-silver-marketing-kit");
    expect(offer?.value.version).to.equal(0);
  });
});
