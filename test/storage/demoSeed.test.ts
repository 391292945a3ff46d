import { expect } from "chai";
import type { Benefit } from "../../benefits/types";
import { loadDemoTenant, seedDemoTenant } from "../../storage/demoSeed";
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
    const [pack] = demo.packages;
    expect(pack.id).to.equal("pkg-action-pack");
    expect(pack.name).to.equal("Microsoft Action Pack");
    expect(NOW.getTime() - Date.parse(pack.purchasedAt)).to.equal(5 * DAY_MS);
    const later = new Date("2031-01-01T00:00:00.000Z");
    expect(later.getTime() - Date.parse(loadDemoTenant(later).packages[0].purchasedAt)).to.equal(5 * DAY_MS);
  });

  it("starts every document at version 0 in the demo tenant", () => {
    const all = [...demo.users, ...demo.packages, ...demo.benefits];
    expect(all.every((doc) => doc.version === 0 && doc.tenantId === TENANT)).to.equal(true);
    expect(demo.benefits.every((benefit) => benefit.packageId === "pkg-action-pack")).to.equal(true);
  });

  it("holds the agreed benefits of each category when loaded", () => {
    const enterprise = byId(ofCategory(demo.benefits, "visualStudio"), "vs-enterprise");
    expect([enterprise.seats, enterprise.assignments.map((a) => a.userId)]).to.deep.equal([5, ["a1a1a1a1-0000-4000-8000-000000000003"]]);
    const professional = byId(ofCategory(demo.benefits, "visualStudio"), "vs-professional");
    expect([professional.seats, professional.assignments]).to.deep.equal([3, []]);

    const technical = ofCategory(demo.benefits, "technical");
    expect(technical.map((b) => [b.kind, b.units, b.assignment])).to.deep.equal([
      ["supportIncidents", 5, undefined],
      ["advisoryHours", 10, undefined],
      ["presalesDeployment", 3, undefined],
    ]);

    const software = ofCategory(demo.benefits, "software");
    expect(software.map((b) => b.name)).to.deep.equal(["Windows Server 2022 Standard", "Microsoft 365 Apps for enterprise"]);
    expect(software.every((b) => b.productKeys.length > 0 && b.keysRevealed === undefined)).to.equal(true);
    expect(software.every((b) => b.downloads.every((d) => d.url.startsWith("https://download.example.com/")))).to.equal(true);

    const azure = byId(ofCategory(demo.benefits, "cloud"), "cloud-azure-usage");
    expect([azure.billing, azure.assignedTo]).to.deep.equal(["usage", undefined]);
    expect(Date.parse(azure.expiresAt ?? "") - NOW.getTime()).to.equal(365 * DAY_MS);
    expect(byId(ofCategory(demo.benefits, "cloud"), "cloud-dynamics-365-sales").billing).to.equal("license");

    const offers = ofCategory(demo.benefits, "goToMarket");
    expect(offers.map((o) => [o.level, o.state])).to.deep.equal([
      ["Silver Core", "available"],
      ["Silver Core", "available"],
      ["Gold Core", "available"],
    ]);
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

  it("stores every demo document as loaded, and no marketing contact, when the store is empty", async () => {
    const demo = loadDemoTenant(NOW);
    const result = await seedDemoTenant(cosmos.repositories, NOW);
    const stored = await snapshot();
    expect(result).to.deep.equal({ created: 6 + 1 + demo.benefits.length, kept: 0 });
    expect(stored.users.map((s) => s.value)).to.have.deep.members(demo.users);
    expect(stored.packages.map((s) => s.value)).to.have.deep.members(demo.packages);
    expect(stored.benefits.map((s) => s.value)).to.have.deep.members(demo.benefits);
    expect(stored.marketingContacts).to.deep.equal([]);
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
    const changed = await benefits.replace({ ...stored.value, version: 1, seats: 7 }, stored.etag);

    await seedDemoTenant(cosmos.repositories, NOW);
    expect(await benefits.get(TENANT, "vs-professional")).to.deep.equal(changed);
  });
});
