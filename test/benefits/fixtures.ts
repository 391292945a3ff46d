// Builders for domain documents and whole tenants, shared by the rule and use-case tests.
import { expect } from "chai";
import {
  BenefitsError,
  MARKETING_CONTACT_ID,
  type Benefit,
  type BenefitPackage,
  type CloudBenefit,
  type DirectoryUser,
  type ErrorCode,
  type GoToMarketOffer,
  type MarketingContact,
  type Repositories,
  type Role,
  type SoftwareBenefit,
  type TechnicalBenefit,
  type UseCaseDeps,
  type VisualStudioBenefit,
} from "../../benefits";

/** The instant every test lives in unless it says otherwise. */
export const NOW = new Date("2026-11-24T12:00:00Z");
export const DAY_MS = 24 * 60 * 60 * 1000;

export function fixedClock(at: Date = NOW): () => Date {
  return () => new Date(at.getTime());
}

/** Deterministic ids: id0001, id0002, … (each call to sequentialIds starts its own sequence). */
export function sequentialIds(prefix = "id"): () => string {
  let n = 0;
  return () => `${prefix}${String(++n).padStart(4, "0")}`;
}

export function depsFor(repos: Repositories, options: { now?: Date; idPrefix?: string } = {}): UseCaseDeps {
  return { repos, now: fixedClock(options.now ?? NOW), newId: sequentialIds(options.idPrefix) };
}

/** Runs `fn`, insists it throws a BenefitsError with `code`, and returns that error so details can be checked. */
export function expectBenefitsError(fn: () => unknown, code: ErrorCode): BenefitsError {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  return checkError(thrown, code);
}

export async function expectRejection(promise: Promise<unknown>, code: ErrorCode): Promise<BenefitsError> {
  let thrown: unknown;
  try {
    await promise;
  } catch (e) {
    thrown = e;
  }
  return checkError(thrown, code);
}

function checkError(thrown: unknown, code: ErrorCode): BenefitsError {
  if (thrown === undefined) expect.fail(`expected a BenefitsError ${code}, but nothing was thrown`);
  if (!(thrown instanceof BenefitsError)) expect.fail(`expected a BenefitsError ${code}, got ${String(thrown)}`);
  expect(thrown.code, thrown.message).to.equal(code);
  return thrown;
}

// --- Documents -------------------------------------------------------------------------------------------------

export const DEFAULT_TENANT = "tenant-a";

export function aUser(id: string, roles: Role[], overrides: Partial<Omit<DirectoryUser, "type" | "id" | "roles">> = {}): DirectoryUser {
  return {
    type: "user",
    id,
    tenantId: DEFAULT_TENANT,
    version: 0,
    displayName: `User ${id}`,
    email: `${id}@contoso.example`,
    roles,
    remindersMuted: false,
    ...overrides,
  };
}

export function aPackage(id: string, purchasedAt: string, overrides: Partial<Omit<BenefitPackage, "type" | "id">> = {}): BenefitPackage {
  return { type: "package", id, tenantId: DEFAULT_TENANT, version: 0, name: `Package ${id}`, purchasedAt, ...overrides };
}

type Overrides<T> = Partial<Omit<T, "type" | "category" | "id">>;

export function aSoftwareBenefit(id: string, overrides: Overrides<SoftwareBenefit> = {}): SoftwareBenefit {
  return {
    type: "benefit",
    category: "software",
    id,
    tenantId: DEFAULT_TENANT,
    version: 0,
    packageId: "pkg-1",
    name: `Software ${id}`,
    productKeys: [{ product: "Windows Server", key: "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE" }],
    languages: ["English", "French"],
    operatingSystems: ["x64"],
    downloads: [{ language: "English", os: "x64", url: "https://downloads.example/windows-server-en-x64.iso" }],
    instructions: "",
    ...overrides,
  };
}

export function aCloudBenefit(id: string, billing: CloudBenefit["billing"], overrides: Overrides<CloudBenefit> = {}): CloudBenefit {
  return {
    type: "benefit",
    category: "cloud",
    id,
    tenantId: DEFAULT_TENANT,
    version: 0,
    packageId: "pkg-1",
    name: `Cloud ${id}`,
    billing,
    productKeys: billing === "license" ? [{ product: "Microsoft 365 E3", key: "M365-KEY-0001" }] : [],
    instructions: "",
    ...overrides,
  };
}

export function aVisualStudioBenefit(id: string, seats: number, overrides: Overrides<VisualStudioBenefit> = {}): VisualStudioBenefit {
  return {
    type: "benefit",
    category: "visualStudio",
    id,
    tenantId: DEFAULT_TENANT,
    version: 0,
    packageId: "pkg-1",
    name: `Visual Studio ${id}`,
    seats,
    assignments: [],
    ...overrides,
  };
}

export function aTechnicalBenefit(id: string, kind: TechnicalBenefit["kind"], overrides: Overrides<TechnicalBenefit> = {}): TechnicalBenefit {
  return {
    type: "benefit",
    category: "technical",
    id,
    tenantId: DEFAULT_TENANT,
    version: 0,
    packageId: "pkg-1",
    name: `Technical ${id}`,
    kind,
    units: 20,
    ...overrides,
  };
}

export function anOffer(id: string, state: GoToMarketOffer["state"], overrides: Overrides<GoToMarketOffer> = {}): GoToMarketOffer {
  return {
    type: "benefit",
    category: "goToMarket",
    id,
    tenantId: DEFAULT_TENANT,
    version: 0,
    packageId: "pkg-1",
    name: `Offer ${id}`,
    level: "Gold Core",
    state,
    ...overrides,
  };
}

export function aMarketingContact(userId: string, overrides: Partial<Omit<MarketingContact, "type" | "id">> = {}): MarketingContact {
  return {
    type: "marketingContact",
    id: MARKETING_CONTACT_ID,
    tenantId: DEFAULT_TENANT,
    version: 0,
    userId,
    alternateEmail: `${userId}.marketing@fabrikam.example`,
    phone: "+14255550100",
    language: "en",
    updatedAt: "2026-11-01T09:00:00.000Z",
    updatedBy: userId,
    ...overrides,
  };
}

/** A cancel mark as requestCancellation writes it. */
export function aCancelRequest(benefitId: string): NonNullable<Benefit["cancelRequest"]> {
  return { requestId: `cancel-${benefitId}`, reference: "SR-20261120-ABC123", requestedAt: "2026-11-20T10:00:00.000Z", requestedBy: "admin" };
}

// --- Whole tenants ---------------------------------------------------------------------------------------------

export interface TenantSeed {
  readonly tenantId: string;
  readonly users: DirectoryUser[];
  readonly packages: BenefitPackage[];
  readonly benefits: Benefit[];
  readonly marketingContact?: MarketingContact;
}

/**
 * Collects a tenant's documents; `build()` stamps every one with the tenant id, so the same builder calls give
 * isolated copies for a fresh tenant per test.
 */
export class TenantBuilder {
  private readonly users: DirectoryUser[] = [];
  private readonly packages: BenefitPackage[] = [];
  private readonly benefits: Benefit[] = [];
  private contact: MarketingContact | undefined;

  constructor(readonly tenantId: string) {}

  user(id: string, roles: Role[], overrides: Partial<Omit<DirectoryUser, "type" | "id" | "roles">> = {}): this {
    this.users.push(aUser(id, roles, overrides));
    return this;
  }

  /** `count` employees named emp-01, emp-02, … */
  employees(count: number): this {
    for (let i = 1; i <= count; i++) this.user(employeeId(i), ["employee"]);
    return this;
  }

  package(id: string, purchasedAt: string): this {
    this.packages.push(aPackage(id, purchasedAt));
    return this;
  }

  benefit(benefit: Benefit): this {
    this.benefits.push(benefit);
    return this;
  }

  marketingContact(userId: string, overrides: Partial<Omit<MarketingContact, "type" | "id">> = {}): this {
    this.contact = aMarketingContact(userId, overrides);
    return this;
  }

  build(): TenantSeed {
    const tenantId = this.tenantId;
    return {
      tenantId,
      users: this.users.map((u) => ({ ...u, tenantId })),
      packages: this.packages.map((p) => ({ ...p, tenantId })),
      benefits: this.benefits.map((b) => ({ ...b, tenantId })),
      marketingContact: this.contact === undefined ? undefined : { ...this.contact, tenantId },
    };
  }

  /** Writes the tenant through the repositories (as storage would hold it) and returns what was written. */
  async store(repos: Repositories): Promise<TenantSeed> {
    const seed = this.build();
    for (const u of seed.users) await repos.users.create(u);
    for (const p of seed.packages) await repos.packages.create(p);
    for (const b of seed.benefits) await repos.benefits.create(b);
    if (seed.marketingContact !== undefined) await repos.marketingContacts.create(seed.marketingContact);
    return seed;
  }
}

export function employeeId(i: number): string {
  return `emp-${String(i).padStart(2, "0")}`;
}

export const ADMIN = "admin";
export const SECOND_ADMIN = "admin-2";
export const MPN_ADMIN = "mpn-admin";
export const USER_ADMIN = "user-admin";
export const ADMIN_AGENT = "admin-agent";
export const EMPLOYEE = "emp-01";
/** Bought 14 days before NOW: refundable. */
export const RECENT_PURCHASE = "2026-11-10T08:00:00.000Z";
/** Bought 31 days before NOW: past the 30-day window. */
export const OLD_PURCHASE = "2026-10-24T12:00:00.000Z";

/**
 * The organization most use-case tests start from: one of each role, five employees, a recent package holding one
 * benefit of each kind, and an old package past its refund window.
 */
export function contosoTenant(tenantId: string): TenantBuilder {
  return new TenantBuilder(tenantId)
    .user(ADMIN, ["globalAdmin"])
    .user(MPN_ADMIN, ["mpnPartnerAdmin"])
    .user(USER_ADMIN, ["userAdmin"])
    .user(ADMIN_AGENT, ["adminAgent"])
    .employees(5)
    .package("pkg-1", RECENT_PURCHASE)
    .package("pkg-old", OLD_PURCHASE)
    .benefit(aVisualStudioBenefit("vs-1", 5))
    .benefit(aSoftwareBenefit("sw-1"))
    .benefit(aCloudBenefit("cloud-usage", "usage"))
    .benefit(aCloudBenefit("cloud-license", "license"))
    .benefit(aTechnicalBenefit("tech-advisory", "advisoryHours"))
    .benefit(aTechnicalBenefit("tech-support", "supportIncidents"))
    .benefit(anOffer("offer-1", "available"))
    .benefit(aVisualStudioBenefit("vs-old", 2, { packageId: "pkg-old" }));
}

let freshTenantCounter = 0;
/** A tenant id no other test in the process uses. */
export function freshTenantId(label: string): string {
  freshTenantCounter += 1;
  return `t-${label}-${freshTenantCounter}`;
}
