import { z } from "zod";
import { isBenefitsError } from "../benefits/errors";
import type { DocumentRepository, Repositories } from "../benefits/ports";
import {
  benefitPackageSchema,
  benefitSchema,
  directoryUserSchema,
  tenantIdSchema,
  type Benefit,
  type BenefitPackage,
  type DirectoryUser,
} from "../benefits/types";
import demoTenantFile from "./demo-tenant.json";

const DAY_MS = 24 * 60 * 60 * 1000;

/** In the file a date is written relative to the seeding time, so the demo package is always freshly bought. */
const relativeDateSchema = z.union([
  z.strictObject({ daysAgo: z.number().nonnegative() }),
  z.strictObject({ daysFromNow: z.number().nonnegative() }),
]);
const fileDocumentsSchema = z.array(z.record(z.string(), z.unknown()));
const demoTenantFileSchema = z.strictObject({
  tenantId: tenantIdSchema,
  users: fileDocumentsSchema,
  packages: fileDocumentsSchema,
  benefits: fileDocumentsSchema,
});
const jsonObjectSchema = z.record(z.string(), z.unknown());

export interface DemoTenant {
  readonly tenantId: string;
  readonly users: DirectoryUser[];
  readonly packages: BenefitPackage[];
  readonly benefits: Benefit[];
}

export interface DemoSeedResult {
  readonly created: number;
  /** Documents left as they were because their id already existed. */
  readonly kept: number;
}

function resolveRelativeDates(value: unknown, now: Date): unknown {
  const relative = relativeDateSchema.safeParse(value);
  if (relative.success) {
    const days = "daysAgo" in relative.data ? -relative.data.daysAgo : relative.data.daysFromNow;
    return new Date(now.getTime() + days * DAY_MS).toISOString();
  }
  if (Array.isArray(value)) return value.map((item) => resolveRelativeDates(item, now));
  const object = jsonObjectSchema.safeParse(value);
  if (!object.success) return value;
  return Object.fromEntries(Object.entries(object.data).map(([field, item]) => [field, resolveRelativeDates(item, now)]));
}

/** The demo tenant's documents as of `now`, every one parsed with its domain schema (version 0). */
export function loadDemoTenant(now: Date): DemoTenant {
  const file = demoTenantFileSchema.parse(demoTenantFile);
  const documentsOf = (docs: Record<string, unknown>[], type: string) =>
    docs.map((doc) => ({ ...jsonObjectSchema.parse(resolveRelativeDates(doc, now)), type, tenantId: file.tenantId, version: 0 }));
  return {
    tenantId: file.tenantId,
    users: documentsOf(file.users, "user").map((doc) => directoryUserSchema.parse(doc)),
    packages: documentsOf(file.packages, "package").map((doc) => benefitPackageSchema.parse(doc)),
    benefits: documentsOf(file.benefits, "benefit").map((doc) => benefitSchema.parse(doc)),
  };
}

async function createUnlessPresent<T extends { id: string; tenantId: string }>(
  repository: DocumentRepository<T>,
  docs: readonly T[],
): Promise<DemoSeedResult> {
  let created = 0;
  let kept = 0;
  for (const doc of docs) {
    try {
      await repository.create(doc);
      created++;
    } catch (error) {
      if (!isBenefitsError(error, "ALREADY_EXISTS")) throw error;
      kept++;
    }
  }
  return { created, kept };
}

/** Creates the demo tenant's documents that do not exist yet; never overwrites one, so seeding again is harmless. */
export async function seedDemoTenant(repos: Repositories, now: Date): Promise<DemoSeedResult> {
  const demo = loadDemoTenant(now);
  const results = [
    await createUnlessPresent(repos.users, demo.users),
    await createUnlessPresent(repos.packages, demo.packages),
    await createUnlessPresent(repos.benefits, demo.benefits),
  ];
  return {
    created: results.reduce((sum, result) => sum + result.created, 0),
    kept: results.reduce((sum, result) => sum + result.kept, 0),
  };
}
