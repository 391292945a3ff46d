import { expect } from "chai";
import { redeemExportLink } from "../../../benefits";
import { ALEX, DEMO_TENANT, LEE, startTestBot, type TestBot, type Turn } from "../../support/botHarness";
import { startBot, type RunningBot } from "../../support/botHttp";

/** The link on the export card: its Download button's target. */
function linkOn(turn: Turn): string {
  const actions = JSON.stringify(turn.card()).match(/"type":"Action\.OpenUrl"[^}]*"url":"([^"]+)"/);
  if (actions?.[1] === undefined) throw new Error(`no download link on ${JSON.stringify(turn.card())}`);
  return actions[1];
}

describe("Exports asked for in chat, downloaded through GET /api/exports", () => {
  let bot: TestBot;
  let route: RunningBot;
  let baseUrl: string | undefined;

  before(async function () {
    this.timeout(60_000);
    bot = await startTestBot({ exportBaseUrl: () => baseUrl });
    // The real route, redeeming against the same store the chat writes to.
    route = await startBot({ exports: (token) => redeemExportLink(bot.deps, token) });
  });
  beforeEach(() => {
    baseUrl = route.url;
  });
  after(async () => {
    await route.close();
    await bot.stop();
  });

  it("gives a global admin a one-time link to who holds what, valid ten minutes; the second download is a 404", async () => {
    const turn = await bot.chat(ALEX).say("export assignments");
    expect(turn.allText()).to.contain("Your assignments export is ready").and.contain("works once");
    const link = linkOn(turn);
    expect(link.startsWith(`${route.url}/api/exports/`)).to.equal(true);
    const stored = (await bot.repos.exportLinks.list(DEMO_TENANT)).map((s) => s.value);
    expect(stored).to.have.length(1);
    expect(Date.parse(stored[0]?.expiresAt ?? "") - Date.parse(stored[0]?.createdAt ?? "")).to.equal(10 * 60 * 1000);

    const first = await fetch(link);
    expect(first.status).to.equal(200);
    expect(first.headers.get("content-disposition")).to.match(/^attachment; filename="assignments-\d{4}-\d{2}-\d{2}\.csv"$/);
    const csv = (await first.text()).replace(/^\uFEFF/, "");
    expect(csv.split("\r\n")[0]).to.equal("benefit,person,email,state,since,expires");
    expect(csv).to.contain("Visual Studio Enterprise subscription,Adele Vance,adele.vance@contoso.com,assigned,");
    expect((await fetch(link)).status).to.equal(404);
  });

  it("answers « exporter l'historique » in French with a link to the history", async () => {
    const turn = await bot.chat(ALEX, { locale: "fr-FR" }).say("exporter l'historique");
    expect(turn.allText()).to.contain("Votre export de l'historique est prêt").and.contain("une seule fois");
    const response = await fetch(linkOn(turn));
    expect(response.status).to.equal(200);
    expect(response.headers.get("content-disposition")).to.contain("history-");
    expect((await response.text()).replace(/^\uFEFF/, "").split("\r\n")[0]).to.equal("at,actor,action,target");
  });

  it("answers « exporter les attributions » too", async () => {
    const turn = await bot.chat(ALEX, { locale: "fr-FR" }).say("exporter les attributions");
    expect(turn.allText()).to.contain("Votre export des attributions est prêt");
  });

  it("refuses an employee and makes no link", async () => {
    const before = (await bot.repos.exportLinks.list(DEMO_TENANT)).length;
    const turn = await bot.chat(LEE).say("export history");
    expect(turn.allText()).to.match(/Global admin/);
    expect(JSON.stringify(turn.cards)).to.not.contain("/api/exports/");
    expect((await bot.repos.exportLinks.list(DEMO_TENANT)).length).to.equal(before);
  });

  it("says the setting is missing when links have no address, and makes no link", async () => {
    baseUrl = undefined;
    const before = (await bot.repos.exportLinks.list(DEMO_TENANT)).length;
    const turn = await bot.chat(ALEX).say("export assignments");
    expect(turn.allText()).to.contain("PUBLIC_BASE_URL").and.contain("Nothing was exported");
    expect((await bot.repos.exportLinks.list(DEMO_TENANT)).length).to.equal(before);
  });

  it("lists both exports on a global admin's help card", async () => {
    const turn = await bot.chat(ALEX).say("help");
    expect(turn.actions().map((a) => a.verb)).to.include.members(["export.assignments", "export.history", "bulk.howTo"]);
  });
});
