import { expect } from "chai";
import { ADELE, ALEX, NESTOR, startTestBot, type TestBot } from "../../support/botHarness";
import { readable, seatHolders } from "./seatsSupport";

describe("Visual Studio flows in French", () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it("assigns a seat from start to finish in French", async () => {
    const chat = bot.chat(ALEX, { locale: "fr-FR" });
    const picker = await chat.say("attribuer un abonnement Visual Studio");
    expect(readable(picker)).to.include("De quel abonnement la personne doit-elle recevoir une licence ?");
    expect(readable(picker)).to.include("Visual Studio Enterprise subscription : 1 licences utilisées sur 5, 4 libres");
    const people = await chat.press(picker.findAction("Suivant"), { subscriptionId: "vs-enterprise" });
    expect(readable(people)).to.include("Qui reçoit une licence de Visual Studio Enterprise subscription ?");
    const confirm = await chat.press(people.findAction("Suivant"), { userId: NESTOR });
    expect(readable(confirm)).to.include("Attribuer cette licence ?");
    const back = await chat.say("retour");
    expect(readable(back)).to.include("Qui reçoit une licence");
    const again = await chat.press(back.findAction("Suivant"), { userId: NESTOR });
    const done = await chat.press(again.findAction("Attribuer"));
    expect(readable(done)).to.include("Nestor Wilke a maintenant une licence de Visual Studio Enterprise subscription.");
    expect(readable(done)).to.include("https://my.visualstudio.com");
    expect(await seatHolders(bot, "vs-enterprise")).to.deep.equal([ADELE, NESTOR]);
  });

  it("refuses an employee in French, naming the role and Alex Wilber", async () => {
    const turn = await bot.chat(NESTOR, { locale: "fr-FR" }).say("attribuer un abonnement visual studio");
    expect(readable(turn)).to.include("Administrateur général");
    expect(readable(turn)).to.include("Alex Wilber");
    expect(await seatHolders(bot, "vs-enterprise")).to.deep.equal([ADELE]);
  });

  it("cancels in French without changing anything", async () => {
    const chat = bot.chat(ALEX, { locale: "fr-FR" });
    const people = await chat.click("vs.assign", { id: "vs-enterprise", version: 0 });
    await chat.press(people.findAction("Suivant"), { userId: NESTOR });
    const canceled = await chat.say("annuler");
    expect(readable(canceled)).to.include("Rien n'a été modifié");
    expect(await seatHolders(bot, "vs-enterprise")).to.deep.equal([ADELE]);
  });
});
