import { expect } from "chai";
import { ADELE, ALEX, DEMO_TENANT, startTestBot, type TestBot } from "../../support/botHarness";

async function assistanceRequests(bot: TestBot) {
  return (await bot.repos.serviceRequests.list(DEMO_TENANT)).map((s) => s.value).filter((r) => r.kind === "assistance");
}

describe("technical assistance request flow", () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it("stores the request and shows its reference number when the form is complete", async () => {
    const chat = bot.chat(ALEX);
    const form = await chat.say("request assistance");
    expect(form.allText()).to.contain("Partner advisory hours").and.contain("App development");
    expect(form.allText()).not.to.contain("Microsoft product support incidents");
    const done = await chat.press(form.findAction("technical.requestSend"), {
      benefitId: "tech-advisory-hours",
      topic: "Hybrid identity design",
      phase: "design",
      description: "We need a review of our Entra Connect topology.",
    });
    const [stored] = await assistanceRequests(bot);
    expect(stored).to.include({ benefitId: "tech-advisory-hours", topic: "Hybrid identity design", phase: "design", createdBy: ALEX });
    expect(done.allText()).to.contain(stored!.reference);
  });

  it("asks again with what was typed when a field is missing, storing nothing", async () => {
    const chat = bot.chat(ALEX, { locale: "fr-FR" });
    const form = await chat.say("demander une assistance");
    const again = await chat.press(form.findAction("Envoyer la demande"), { benefitId: "tech-advisory-hours", topic: "Migration", phase: "design", description: "" });
    expect(again.allText()).to.contain("Veuillez remplir tous les champs").and.contain("Migration");
    expect(await assistanceRequests(bot)).to.have.length(0);
    const done = await chat.press(again.findAction("Envoyer la demande"), { benefitId: "tech-advisory-hours", topic: "Migration", phase: "deployment", description: "Aide au déploiement" });
    expect(done.allText()).to.contain("Demande SR-");
    expect(await assistanceRequests(bot)).to.have.length(1);
  });

  it("answers not found for a benefit id of another kind and stores nothing", async () => {
    const chat = bot.chat(ALEX);
    const form = await chat.say("advisory hours");
    const turn = await chat.press(form.findAction("technical.requestSend"), { benefitId: "vs-enterprise", topic: "x", phase: "design", description: "y" });
    expect(turn.allText()).to.contain("couldn't find");
    expect(await assistanceRequests(bot)).to.have.length(0);
  });

  it("refuses an employee, naming the role and who holds it", async () => {
    const turn = await bot.chat(ADELE).say("request assistance");
    expect(turn.allText()).to.contain("Global admin").and.contain("Alex Wilber");
    expect(await assistanceRequests(bot)).to.have.length(0);
  });
});

describe("help card for the technical, software and cloud flows", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
  });
  after(async () => {
    await bot.stop();
  });

  it("offers the four flows to a global admin and none of them to an employee", async () => {
    const verbs = ["technical.request", "technical.start", "software.keys", "cloud.open"];
    const admin = (await bot.chat(ALEX).say("help")).actions().map((a) => a.verb);
    expect(admin).to.include.members(verbs);
    const employee = (await bot.chat(ADELE).say("help")).actions().map((a) => a.verb);
    expect(employee.filter((v) => verbs.includes(v))).to.deep.equal([]);
  });
});
