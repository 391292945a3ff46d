import { expect } from "chai";
import type { Benefit } from "../../benefits/types";
import { randomUUID } from "node:crypto";
import { connectCosmos } from "../../storage/cosmos";
import { loadDemoTenant, seedDemoTenant } from "../../storage/demoSeed";
import { startEmbeddedCosmos } from "../../storage/embeddedCosmos";
import { createRepositories } from "../../storage/repositories";
import { startTestCosmos, type TestCosmos } from "../support/cosmos";

const TENANT = "5f1d6c9e-7a43-4a8e-9b1c-0d2e3f4a5b6c";
const NOW = new Date("2025-03-10T09:00:00.000Z");
const DAY_MS = 24 * 60 * 60 * 1000;

function byId<T extends { id: string }>(docs: readonly T[], id: string): T {
  const found = docs.find((doc) => doc.id === id);
  if (found === undefined) throw new Error(`no ${id}`);
  return found;
}

function ofCategory<C extends Benefit["category"]>(benefits: readonly Benefit[], category: C): Extract<Benefit, { category: C }>[] {
  return benefits.filter((benefit): benefit is Extract<Benefit, { category: C }> => benefit.category === category);
}

describe("loadDemoTenant", () => {
  const demo = loadDemoTenant(NOW);

  it("names the agreed tenant and the six agreed users with their roles", () => {
    expect(demo.tenantId).to.equal(TENANT);
    expect(demo.users.map((u) => [u.id, u.displayName, u.email, u.roles])).to.deep.equal([
      ["a1a1a1a1-0000-4000-8000-000000000001", "Alex Wilber", "alex.wilber@contoso.com", ["globalAdmin"]],
      ["a1a1a1a1-0000-4000-8000-000000000002", "Megan Bowen", "megan.bowen@contoso.com", ["mpnPartnerAdmin"]],
      ["a1a1a1a1-0000-4000-8000-000000000003", "Adele Vance", "adele.vance@contoso.com", ["employee"]],
      ["a1a1a1a1-0000-4000-8000-000000000004", "Lee Gu", "lee.gu@contoso.com", ["employee"]],
      ["a1a1a1a1-0000-4000-8000-000000000005", "Nestor Wilke", "nestor.wilke@contoso.com", ["employee"]],
      ["a1a1a1a1-0000-4000-8000-000000000006", "Isaiah Langer", "isaiah.langer@contoso.com", ["userAdmin"]],
    ]);
  });

  it("dates the Action Pack purchase five days before now, inside the 30-day cancel window, whatever now is", () => {
    expect(demo.packageFile.id).to.equal("pkg-action-pack");
    expect(demo.packageFile.name).to.equal("Microsoft Action Pack");
    expect(NOW.getTime() - Date.parse(demo.packageFile.purchasedAt)).to.equal(5 * DAY_MS);
    const later = new Date("2031-01-01T00:00:00.000Z");
    expect(later.getTime() - Date.parse(loadDemoTenant(later).packageFile.purchasedAt)).to.equal(5 * DAY_MS);
  });
});

describe("seedDemoTenant", () => {
  let cosmos: TestCosmos;
  beforeEach(async () => {
    cosmos = await startTestCosmos();
  });
  afterEach(async () => {
    await cosmos.stop();
  });

  const snapshot = async () => {
    const { users, packages, benefits, marketingContacts } = cosmos.repositories;
    return {
      users: await users.list(TENANT),
      packages: await packages.list(TENANT),
      benefits: await benefits.list(TENANT),
      marketingContacts: await marketingContacts.list(TENANT),
    };
  };

  it("stores the demo people and, through importPackage, the package and its benefits, and no marketing contact, when the store is empty", async () => {
    const demo = loadDemoTenant(NOW);
    const result = await seedDemoTenant(cosmos.repositories, NOW);
    const stored = await snapshot();
    expect(result).to.deep.equal({ created: 6 + 1 + 12, kept: 0 });
    expect(stored.users.map((s) => s.value)).to.have.deep.members(demo.users);
    expect(stored.packages.map((s) => [s.value.id, s.value.importedBy, s.value.tenantId])).to.deep.equal([["pkg-action-pack", "system:demo", TENANT]]);
    expect(stored.benefits.map((s) => s.value.id).sort()).to.deep.equal(demo.packageFile.benefits.map((b) => b.id).sort());
    expect(stored.marketingContacts).to.deep.equal([]);
    // The starting state is nobody's change: the history starts empty.
    expect(await cosmos.repositories.audit.recent(TENANT, 50)).to.deep.equal([]);
  });

  it("holds the agreed benefits of each category, with the demo's starting seat, once seeded", async () => {
    await seedDemoTenant(cosmos.repositories, NOW);
    const benefits = (await cosmos.repositories.benefits.list(TENANT)).map((s) => s.value);
    const enterprise = byId(ofCategory(benefits, "visualStudio"), "vs-enterprise");
    expect([enterprise.seats, enterprise.version, enterprise.assignments.map((a) => [a.userId, a.assignedBy])]).to.deep.equal([
      5,
      0,
      [["a1a1a1a1-0000-4000-8000-000000000003", "a1a1a1a1-0000-4000-8000-000000000001"]],
    ]);
    expect(NOW.getTime() - Date.parse(enterprise.assignments[0].assignedAt)).to.equal(4 * DAY_MS);
    expect(Date.parse(enterprise.expiresAt ?? "") - NOW.getTime()).to.equal(360 * DAY_MS);
    const professional = byId(ofCategory(benefits, "visualStudio"), "vs-professional");
    expect([professional.seats, professional.assignments]).to.deep.equal([3, []]);

    const technical = ofCategory(benefits, "technical").sort((a, b) => a.id.localeCompare(b.id));
    expect(technical.map((b) => [b.kind, b.units, b.assignment])).to.deep.equal([
      ["advisoryHours", 10, undefined],
      ["presalesDeployment", 3, undefined],
      ["supportIncidents", 5, undefined],
    ]);

    const software = ofCategory(benefits, "software");
    expect(software.map((b) => b.name).sort()).to.deep.equal(["Microsoft 365 Apps for enterprise", "Windows Server 2022 Standard"]);
    expect(software.every((b) => b.productKeys.length > 0 && b.keysRevealed === undefined)).to.equal(true);
    expect(software.every((b) => b.downloads.every((d) => d.url.startsWith("https://download.example.com/")))).to.equal(true);

    const azure = byId(ofCategory(benefits, "cloud"), "cloud-azure-usage");
    expect([azure.billing, azure.assignedTo]).to.deep.equal(["usage", undefined]);
    expect(Date.parse(azure.expiresAt ?? "") - NOW.getTime()).to.equal(365 * DAY_MS);
    expect(byId(ofCategory(benefits, "cloud"), "cloud-dynamics-365-sales").billing).to.equal("license");

    const offers = ofCategory(benefits, "goToMarket");
    expect(offers.map((o) => [o.level, o.state]).sort()).to.deep.equal([
      ["Gold Core", "available"],
      ["Silver Core", "available"],
      ["Silver Core", "available"],
    ]);
  });

  it("leaves every document untouched, etags included, when seeding a second time", async () => {
    await seedDemoTenant(cosmos.repositories, NOW);
    const before = await snapshot();
    const result = await seedDemoTenant(cosmos.repositories, new Date(NOW.getTime() + DAY_MS));
    expect(result.created).to.equal(0);
    expect(await snapshot()).to.deep.equal(before);
  });

  it("keeps a changed document as changed when seeding again", async () => {
    await seedDemoTenant(cosmos.repositories, NOW);
    const { benefits } = cosmos.repositories;
    const stored = await benefits.get(TENANT, "vs-professional");
    if (stored?.value.category !== "visualStudio") throw new Error("vs-professional missing");
    const changed = await benefits.replace({ ...stored.value, version: stored.value.version + 1, seats: 7 }, stored.etag);

    await seedDemoTenant(cosmos.repositories, NOW);
    expect(await benefits.get(TENANT, "vs-professional")).to.deep.equal(changed);
  });

  it("costs a restart one read and no write once the demo package is stored", async () => {
    const requests: string[] = [];
    const server = await startEmbeddedCosmos({ onRequest: (method, path) => requests.push(`${method} ${path}`) });
    const connection = await connectCosmos({ endpoint: server.endpoint, key: server.key, httpsAgent: server.httpsAgent, databaseId: `test-${randomUUID()}` });
    try {
      const repositories = createRepositories(connection.tenantData);
      await seedDemoTenant(repositories, NOW);
      const seededWith = requests.length;
      const result = await seedDemoTenant(repositories, new Date(NOW.getTime() + DAY_MS));
      const demo = loadDemoTenant(NOW);
      expect(result).to.deep.equal({ created: 0, kept: demo.users.length + 1 + demo.packageFile.benefits.length });
      const restart = requests.slice(seededWith);
      expect(restart).to.have.length(1);
      expect(restart[0]).to.match(/^GET \/dbs\/[^/]+\/colls\/tenantData\/docs\/pkg-action-pack$/);
    } finally {
      connection.dispose();
      await server.close();
    }
  });

  it("stores every demo person even when some of them are already there", async () => {
    const demo = loadDemoTenant(NOW);
    const [first, second] = demo.users;
    if (first === undefined || second === undefined) throw new Error("the demo has fewer than two people");
    await cosmos.repositories.users.create(first);
    await cosmos.repositories.users.create(second);
    const result = await seedDemoTenant(cosmos.repositories, NOW);
    expect(result).to.deep.equal({ created: demo.users.length - 2 + 1 + demo.packageFile.benefits.length, kept: 2 });
    expect((await cosmos.repositories.users.list(TENANT)).map((s) => s.value.id).sort()).to.deep.equal(demo.users.map((u) => u.id).sort());
  });
});
