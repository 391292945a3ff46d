import { readFileSync } from "node:fs";
import { expect } from "chai";
import { importPackage } from "../../../benefits";
import { ALEX, DEMO_TENANT, LEE, startTestBot, type TestBot } from "../../support/botHarness";

const EXAMPLE = readFileSync("docs/import/example-package.json", "utf8");
const PACKAGE_ID = "fabrikam-silver-core-2026";

describe("Remove on a recorded package", () => {
  let bot: TestBot;
  beforeEach(async function () {
    this.timeout(60_000);
    bot = await startTestBot();
    const imported = await importPackage({ repos: bot.repos, now: () => new Date(), newId: () => "x" }, { kind: "person", actor: { tenantId: DEMO_TENANT, userId: LEE } }, EXAMPLE);
    if (!imported.ok) expect.fail("the example package was refused");
  });
  afterEach(async () => {
    await bot.stop();
  });

  async function packageVersion(): Promise<number | undefined> {
    return (await bot.repos.packages.get(DEMO_TENANT, PACKAGE_ID))?.value.version;
  }

  it("removes the unused package and says so when a global admin clicks Remove", async () => {
    const version = await packageVersion();
    const turn = await bot.chat(ALEX).click("package.remove", { id: PACKAGE_ID, version });
    expect(turn.allText()).to.contain("was removed, with its");
    expect(await packageVersion()).to.equal(undefined);
    const left = (await bot.repos.benefits.list(DEMO_TENANT)).filter((s) => s.value.packageId === PACKAGE_ID);
    expect(left).to.deep.equal([]);
  });

  it("refuses an employee's click and keeps the package", async () => {
    const version = await packageVersion();
    expect(version, "the package is there to remove").to.be.a("number");
    const turn = await bot.chat(LEE).click("package.remove", { id: PACKAGE_ID, version });
    expect(turn.allText()).to.contain("Global admin").and.not.contain("was removed");
    expect(await packageVersion()).to.equal(version);
  });

  it("answers in French and is not offered on the help card", async () => {
    const version = await packageVersion();
    const help = await bot.chat(ALEX).say("help");
    expect(JSON.stringify(help.activities)).to.not.contain("package.remove");
    const turn = await bot.chat(ALEX, { locale: "fr-FR" }).click("package.remove", { id: PACKAGE_ID, version });
    expect(turn.allText()).to.contain("a été retiré");
  });
});
