import { expect } from "chai";
import { requestCancellation, type SoftwareBenefit } from "../../../benefits";
import { ADELE, ALEX, DEMO_TENANT, startTestBot, type TestBot } from "../../support/botHarness";

const M365 = "sw-m365-apps";
const WARNING = "Revealing keys activates this software; after that the package can no longer be refunded.";

async function software(bot: TestBot, id = M365): Promise<SoftwareBenefit> {
  const stored = await bot.repos.benefits.get(DEMO_TENANT, id);
  if (stored?.value.category !== "software") throw new Error(`${id} is not a stored software benefit`);
  return stored.value;
}

async function revealAudits(bot: TestBot, id = M365) {
  return (await bot.repos.audit.recent(DEMO_TENANT, 50)).filter((e) => e.targetId === id && e.action === "software.revealKeys");
}

describe("software keys flow", () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it("warns before revealing, reveals the keys (activating), then gives the links for the chosen language and OS", async () => {
    const chat = bot.chat(ALEX);
    const list = await chat.say("get keys");
    expect(list.allText()).to.contain("Microsoft 365 Apps for enterprise").and.contain("Keys not revealed yet");
    const open = list.actions().find((a) => a.verb === "software.keys" && a.data.id === M365);
    if (open === undefined) throw new Error("no button for Microsoft 365 Apps");
    const product = await chat.press(open);
    expect(product.allText()).to.contain(WARNING);
    expect(product.allText()).not.to.contain("M3P6H-4XJ9T-QW2BD-7KC8R-F5N3Y");
    expect((await software(bot)).keysRevealed).to.equal(undefined);

    const keys = await chat.press(product.findAction("Get keys"));
    expect(keys.allText()).to.contain("M3P6H-4XJ9T-QW2BD-7KC8R-F5N3Y").and.contain("side by side");
    expect((await software(bot)).keysRevealed?.by).to.equal(ALEX);

    const links = await chat.press(keys.findAction("software.download"), { language: "French", os: "32-bit" });
    expect(JSON.stringify(links.card())).to.contain("https://download.example.com/m365-apps/fr-fr/setup-x86.exe");
    expect(JSON.stringify(links.card())).not.to.contain("setup-x64.exe");
    expect(links.allText()).to.contain("Next step");
  });

  it("reveals once when Get keys is clicked twice: one audit entry, keys shown again", async () => {
    const chat = bot.chat(ALEX);
    const product = await chat.click("software.keys", { id: M365, version: 0 });
    const getKeys = product.findAction("Get keys");
    await chat.press(getKeys);
    const second = await chat.press(getKeys);
    expect(second.allText()).to.contain("M3P6H-4XJ9T-QW2BD-7KC8R-F5N3Y");
    expect(await revealAudits(bot)).to.have.length(1);
    expect((await software(bot)).version).to.equal(1);
  });

  it("refuses to reveal, shows no key and changes nothing once a refund was requested for another benefit of the package", async () => {
    const chat = bot.chat(ALEX);
    const product = await chat.click("software.keys", { id: M365, version: 0 });
    await requestCancellation(bot.deps, { tenantId: DEMO_TENANT, userId: ALEX }, { benefitId: "vs-professional" });
    const pkgBefore = await bot.repos.packages.get(DEMO_TENANT, "pkg-action-pack");

    const refused = await chat.press(product.findAction("Get keys"));

    expect(refused.allText()).to.contain("a refund was requested for this package");
    expect(refused.allText()).not.to.contain("M3P6H-4XJ9T-QW2BD-7KC8R-F5N3Y");
    expect((await software(bot)).keysRevealed).to.equal(undefined);
    expect(await revealAudits(bot)).to.have.length(0);
    expect(await bot.repos.packages.get(DEMO_TENANT, "pkg-action-pack")).to.deep.equal(pkgBefore);
  });

  it("offers no Get keys and says why when a refund was already requested for a benefit of the package", async () => {
    await requestCancellation(bot.deps, { tenantId: DEMO_TENANT, userId: ALEX }, { benefitId: "vs-professional" });
    const product = await bot.chat(ALEX).click("software.keys", { id: M365, version: 0 });
    expect(product.allText()).to.contain("Keys can't be revealed: a refund was requested for a benefit of this package");
    expect(product.allText()).not.to.contain(WARNING);
    expect(product.actions().filter((a) => a.verb === "software.reveal")).to.have.length(0);
    expect((await software(bot)).keysRevealed).to.equal(undefined);
    expect(await revealAudits(bot)).to.have.length(0);
  });

  it("says in French why the keys can't be revealed once a refund was requested", async () => {
    await requestCancellation(bot.deps, { tenantId: DEMO_TENANT, userId: ALEX }, { benefitId: "vs-professional" });
    const product = await bot.chat(ALEX, { locale: "fr-FR" }).click("software.keys", { id: M365, version: 0 });
    expect(product.allText()).to.contain("Les clés ne peuvent pas être affichées : un remboursement a été demandé");
    expect(product.actions().filter((a) => a.verb === "software.reveal")).to.have.length(0);
  });

  it("asks again when the language or OS is not offered, and shows nothing else", async () => {
    const chat = bot.chat(ALEX);
    const product = await chat.click("software.keys", { id: "sw-windows-server", version: 0 });
    const keys = await chat.press(product.findAction("Get keys"));
    const wrong = await chat.press(keys.findAction("software.download"), { language: "Klingon", os: "64-bit" });
    expect(wrong.allText()).to.contain("isn't offered");
    expect(JSON.stringify(wrong.card())).not.to.contain("download.example.com");
    expect(wrong.actions().map((a) => a.verb)).to.include("software.download");
  });

  it("runs end to end in French", async () => {
    const chat = bot.chat(ALEX, { locale: "fr-FR" });
    const list = await chat.say("obtenir les clés");
    const product = await chat.press(list.actions().find((a) => a.data.id === "sw-windows-server")!);
    expect(product.allText()).to.contain("Afficher les clés active ce logiciel ; ensuite, le package ne peut plus être remboursé.");
    const keys = await chat.press(product.findAction("Obtenir les clés"));
    expect(keys.allText()).to.contain("W7K2D-9QH4M-T3XCF-8RJ6P-B2N4V").and.contain("Instructions particulières");
    const links = await chat.press(keys.findAction("Afficher les liens de téléchargement"), { language: "French", os: "64-bit" });
    expect(JSON.stringify(links.card())).to.contain("windows-server-2022/fr-fr/x64.iso");
    expect(links.allText()).to.contain("Étape suivante");
  });

  it("refuses an employee, naming the role and who holds it, and reveals nothing", async () => {
    const chat = bot.chat(ADELE);
    const typed = await chat.say("software");
    expect(typed.allText()).to.contain("Global admin").and.contain("Alex Wilber");
    const clicked = await chat.click("software.keys", { id: M365, version: 0 });
    expect(clicked.allText()).to.contain("Global admin");
    expect((await software(bot)).keysRevealed).to.equal(undefined);
  });

  const forged: ReadonlyArray<[string, Record<string, unknown>]> = [
    ["a cloud subscription id", { id: "cloud-dynamics-365-sales", version: 0 }],
    ["another tenant's product id", { id: "other-sw", version: 0 }],
    ["an unknown id", { id: "nope", version: 0 }],
  ];
  for (const [what, data] of forged) {
    it(`answers not found and reveals nothing when the card carries ${what}`, async () => {
      await bot.repos.benefits.create({ ...(await software(bot)), id: "other-sw", tenantId: "0000aaaa-1111-2222-3333-444455556666", version: 0 });
      const turn = await bot.chat(ALEX).click("software.keys", data);
      expect(turn.allText()).to.contain("couldn't find");
      expect(turn.allText()).not.to.contain("M3P6H");
      expect(await bot.repos.audit.recent(DEMO_TENANT, 10)).to.have.length(0);
    });
  }
});
