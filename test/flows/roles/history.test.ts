import { expect } from "chai";
import { approveBenefitRequest, assignTechnicalBenefit, assignVisualStudioSeat, declineBenefitRequest, grantRole, requestAssistance, requestBenefit } from "../../../benefits";
import { activateTechnicalAsSystem } from "../../../benefits/notifications/systemActivation";
import { ADELE, ALEX, DEMO_TENANT, ISAIAH, LEE, MEGAN, startTestBot, type TestBot } from "../../support/botHarness";
import { formatDateTime } from "../../../cards/dates";
import { readable } from "../visualStudio/seatsSupport";

describe("History flow", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
    const admin = { tenantId: DEMO_TENANT, userId: ALEX };
    await assignVisualStudioSeat(bot.deps, admin, { benefitId: "vs-enterprise", userId: LEE });
    await grantRole(bot.deps, admin, { userId: ADELE, role: "adminAgent" });
  });
  after(async () => {
    await bot.stop();
  });

  for (const [who, userId] of [["a global admin", ALEX], ["an MPN partner admin", MEGAN], ["a user admin", ISAIAH]] as const) {
    it(`shows the recent changes as sentences saying who did what to whom, to ${who}`, async () => {
      const text = readable(await bot.chat(userId).say("history"));
      expect(text).to.include("**Alex Wilber** assigned a seat of Visual Studio Enterprise subscription to Lee Gu.");
      expect(text).to.include("**Alex Wilber** gave Adele Vance the Admin agent role.");
      expect(text).to.match(/\d{1,2}:\d{2} [AP]M \(UTC\)/);
    });
  }

  it("refuses an employee, naming the roles that may see it", async () => {
    const text = readable(await bot.chat(LEE).say("history"));
    expect(text).to.include("Global admin / MPN partner admin / User admin");
    expect(text).not.to.include("assigned a seat of Visual Studio Enterprise subscription to Lee Gu");
    expect(text).not.to.include("Recent changes in your organization");
  });

  it("speaks French", async () => {
    const text = readable(await bot.chat(ALEX, { locale: "fr-FR" }).say("historique"));
    expect(text).to.include("**Alex Wilber** a attribué une licence de Visual Studio Enterprise subscription à Lee Gu.");
    expect(text).to.include("**Alex Wilber** a donné le rôle Agent d'administration à Adele Vance.");
  });

  it("names automatic changes and requests by what people know them as", async () => {
    const admin = { tenantId: DEMO_TENANT, userId: ALEX };
    const request = await requestAssistance(bot.deps, admin, { benefitId: "tech-advisory-hours", topic: "Landing zone", phase: "design", description: "Review" });
    await assignTechnicalBenefit(bot.deps, admin, { benefitId: "tech-support-incidents", userId: LEE, alternateEmail: "lee@fabrikam.example" });
    await activateTechnicalAsSystem(bot.deps, { tenantId: DEMO_TENANT, benefitId: "tech-support-incidents", actorId: "system:demo" });
    const text = readable(await bot.chat(ALEX).say("history"));
    expect(text).to.include(`**Alex Wilber** requested technical assistance about “Landing zone”: service request ${request.reference}.`);
    expect(text).not.to.include(request.id);
    expect(text).to.include("**Benefits Bot (automatic)** activated Microsoft product support incidents for Lee Gu.");
    expect(text).not.to.include("no longer in the directory");
  });

  it("names benefit requests by what was asked and by whom, never by their id, in the reader's time zone", async () => {
    const adele = { tenantId: DEMO_TENANT, userId: ADELE };
    const admin = { tenantId: DEMO_TENANT, userId: ALEX };
    const approved = await requestBenefit(bot.deps, adele, { benefitId: "vs-professional", reason: "", requesterLocale: "en" });
    await approveBenefitRequest(bot.deps, admin, { requestId: approved.id });
    const declined = await requestBenefit(bot.deps, adele, { benefitId: "tech-presales-deployment", reason: "", requesterLocale: "en" });
    await declineBenefitRequest(bot.deps, admin, { requestId: declined.id, reason: "No seats this quarter" });
    const turn = await bot.chat(ALEX).send({ type: "message", text: "history", localTimezone: "Europe/Paris" });
    const text = readable(turn);
    expect(text).to.include("**Adele Vance** asked for Visual Studio Professional subscription.");
    expect(text).to.include("**Alex Wilber** approved Adele Vance's request for Visual Studio Professional subscription.");
    expect(text).to.include("**Alex Wilber** declined Adele Vance's request for Technical presales and deployment services.");
    expect(text).not.to.match(/req-|[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(text).not.to.include("(UTC)");
    const asked = (await bot.repos.audit.recent(DEMO_TENANT, 50)).find((e) => e.action === "benefitRequest.create");
    if (asked === undefined) throw new Error("the request's audit entry is missing");
    expect(text).to.include(formatDateTime({ language: "en", timeZone: "Europe/Paris" }, asked.at));
  });
});
