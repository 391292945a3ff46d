import { expect } from "chai";
import { createExportLink, redeemExportLink, type UseCaseDeps } from "../../benefits";
import { aUser, aVisualStudioBenefit, expectRejection } from "../benefits/fixtures";
import { startBot, type RunningBot } from "../support/botHttp";
import { startTestCosmos, type TestCosmos } from "../support/cosmos";

const TENANT = "export-tenant";
const OTHER = "export-other";
const ADMIN = "admin";

describe("GET /api/exports/<token>", () => {
  let cosmos: TestCosmos;
  let running: RunningBot;
  let clock: Date;
  let deps: UseCaseDeps;
  before(async function () {
    this.timeout(60_000);
    cosmos = await startTestCosmos();
    deps = { repos: cosmos.repositories, now: () => clock, newId: () => "unused" };
    for (const tenantId of [TENANT, OTHER]) {
      await cosmos.repositories.users.create({ ...aUser(ADMIN, ["globalAdmin"], { displayName: "=HYPERLINK(1)" }), tenantId });
      await cosmos.repositories.users.create({ ...aUser("emp", ["employee"], { displayName: "Émile, Jr" }), tenantId });
    }
    await cosmos.repositories.benefits.create({
      ...aVisualStudioBenefit("vs-1", 3, { name: "VS Enterprise", assignments: [{ userId: "emp", assignedAt: "2026-11-20T00:00:00.000Z", assignedBy: ADMIN }] }),
      tenantId: TENANT,
    });
    running = await startBot({ exports: (token) => redeemExportLink(deps, token) });
  });
  beforeEach(() => {
    clock = new Date("2026-11-24T12:00:00.000Z");
  });
  after(async () => {
    await running.close();
    await cosmos.stop();
  });

  const download = (token: string) => fetch(`${running.url}/api/exports/${token}`);

  it("serves the CSV of who holds what once, as an attachment, then 404", async () => {
    const { token } = await createExportLink(deps, { tenantId: TENANT, userId: ADMIN }, "assignments");
    expect(token).to.match(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const first = await download(token);
    expect(first.status).to.equal(200);
    expect(first.headers.get("content-disposition")).to.equal('attachment; filename="assignments-2026-11-24.csv"');
    expect(first.headers.get("content-type")).to.equal("text/csv; charset=utf-8");
    const bytes = Buffer.from(await first.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString("utf8")).to.equal(
      "benefit,person,email,state,since,expires\r\nVS Enterprise,\"Émile, Jr\",emp@contoso.example,assigned,2026-11-20T00:00:00.000Z,\r\n",
    );
    expect((await download(token)).status).to.equal(404);
  });

  it("serves the history with formula-like cells defused", async () => {
    await cosmos.repositories.audit.append({
      type: "audit", id: "audit:vs-1:1", tenantId: TENANT, version: 0, at: "2026-11-20T00:00:00.000Z",
      actorId: ADMIN, action: "visualStudio.assign", targetId: "vs-1", before: [], after: ["emp"],
    });
    const { token } = await createExportLink(deps, { tenantId: TENANT, userId: ADMIN }, "history");
    const body = await (await download(token)).text();
    expect(body).to.include("at,actor,action,target\r\n2026-11-20T00:00:00.000Z,'=HYPERLINK(1),visualStudio.assign,vs-1\r\n");
  });

  it("answers 404 when the link has expired after ten minutes", async () => {
    const { token } = await createExportLink(deps, { tenantId: TENANT, userId: ADMIN }, "assignments");
    clock = new Date(clock.getTime() + 10 * 60 * 1000);
    expect((await download(token)).status).to.equal(404);
  });

  it("answers 404 when the token is moved to another tenant", async () => {
    const { token } = await createExportLink(deps, { tenantId: TENANT, userId: ADMIN }, "assignments");
    const secret = token.split(".")[1];
    expect((await download(`${Buffer.from(OTHER).toString("base64url")}.${secret}`)).status).to.equal(404);
    expect((await download(token)).status).to.equal(200);
  });

  it("answers 404 for a made-up or malformed token", async () => {
    expect((await download(`${Buffer.from(TENANT).toString("base64url")}.${"A".repeat(43)}`)).status).to.equal(404);
    expect((await download("not-a-token")).status).to.equal(404);
  });

  it("serves one of two downloads of the same link at once", async () => {
    const { token } = await createExportLink(deps, { tenantId: TENANT, userId: ADMIN }, "assignments");
    const statuses = (await Promise.all([download(token), download(token)])).map((r) => r.status).sort();
    expect(statuses).to.deep.equal([200, 404]);
  });

  it("gives no link to an employee", async () => {
    await expectRejection(createExportLink(deps, { tenantId: TENANT, userId: "emp" }, "assignments"), "NOT_AUTHORIZED");
  });
});
