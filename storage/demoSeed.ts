import { z } from "zod";
import { isBenefitsError } from "../benefits/errors";
import { importPackage, IMPORT_SYSTEM_ACTORS } from "../benefits/import/importPackage";
import { checkPackageFile, fileDateToIso, type PackageFile } from "../benefits/import/packageFile";
import type { DocumentRepository, Repositories } from "../benefits/ports";
import { directoryUserSchema, idSchema, tenantIdSchema, type DirectoryUser } from "../benefits/types";
import type { UseCaseDeps } from "../benefits/useCases/deps";
import demoPackageFile from "./demo-package.json";
import demoTenantFile from "./demo-tenant.json";

const DAY_MS = 24 * 60 * 60 * 1000;
/** The demo package is always freshly bought: well inside the 30-day refund window. */
const DEMO_PURCHASE_DAYS_AGO = 5;

const demoTenantFileSchema = z.strictObject({
  tenantId: tenantIdSchema,
  users: z.array(z.record(z.string(), z.unknown())),
  /** The demo's own starting holdings: part of where the tenant starts, so not audited as anyone's change. */
  seatAssignments: z.array(
    z.strictObject({ benefitId: idSchema, userId: idSchema, assignedBy: idSchema, assignedAt: z.strictObject({ daysAgo: z.number().nonnegative() }) }),
  ),
});

export interface DemoTenant {
  readonly tenantId: string;
  readonly users: DirectoryUser[];
  /** storage/demo-package.json (a package file like any other), re-dated so that it was bought five days before now. */
  readonly packageFile: PackageFile;
  readonly seatAssignments: z.infer<typeof demoTenantFileSchema>["seatAssignments"];
}

export interface DemoSeedResult {
  readonly created: number;
  /** Documents left as they were because they already existed. */
  readonly kept: number;
}

function shifted(date: string, byMs: number): string {
  return new Date(Date.parse(fileDateToIso(date)) + byMs).toISOString();
}

/** Every date of the file moved by the same amount, so the purchase is DEMO_PURCHASE_DAYS_AGO before `now`. */
function redate(file: PackageFile, now: Date): PackageFile {
  const byMs = now.getTime() - DEMO_PURCHASE_DAYS_AGO * DAY_MS - Date.parse(fileDateToIso(file.purchasedAt));
  const move = <T extends { expiresAt?: string }>(item: T): T => (item.expiresAt === undefined ? item : { ...item, expiresAt: shifted(item.expiresAt, byMs) });
  return {
    ...move(file),
    purchasedAt: shifted(file.purchasedAt, byMs),
    benefits: file.benefits.map((benefit) => ("expiresAt" in benefit ? move(benefit) : benefit)),
  };
}

export function loadDemoTenant(now: Date): DemoTenant {
  const file = demoTenantFileSchema.parse(demoTenantFile);
  const reading = checkPackageFile(demoPackageFile);
  if (!reading.ok) throw new Error(`storage/demo-package.json is not a valid package file: ${JSON.stringify(reading.problems)}`);
  return {
    tenantId: file.tenantId,
    users: file.users.map((doc) => directoryUserSchema.parse({ ...doc, type: "user", tenantId: file.tenantId, version: 0 })),
    packageFile: redate(reading.file, now),
    seatAssignments: file.seatAssignments,
  };
}

/** All at once: the documents are independent, and a first start waits for every round trip. */
async function createUnlessPresent<T extends { id: string; tenantId: string }>(repository: DocumentRepository<T>, docs: readonly T[]): Promise<DemoSeedResult> {
  const outcomes = await Promise.all(
    docs.map(async (doc) => {
      try {
        await repository.create(doc);
        return "created";
      } catch (error) {
        if (!isBenefitsError(error, "ALREADY_EXISTS")) throw error;
        return "kept";
      }
    }),
  );
  const created = outcomes.filter((outcome) => outcome === "created").length;
  return { created, kept: outcomes.length - created };
}

/**
 * Creates the demo people, then imports the demo package through importPackage like any organization's file
 * (validated, planned and written the same way), as the tenant's starting state.
 * Seeding again never overwrites: once the package exists it is left as people changed it (no re-import), and the
 * people are not looked at either: they are created before the package, so a stored package means they were stored.
 * A restart therefore costs one point read.
 */
export async function seedDemoTenant(repos: Repositories, now: Date): Promise<DemoSeedResult> {
  const demo = loadDemoTenant(now);
  const packageId = demo.packageFile.id ?? "";
  if ((await repos.packages.get(demo.tenantId, packageId)) !== undefined) {
    return { created: 0, kept: demo.users.length + 1 + demo.packageFile.benefits.length };
  }
  const users = await createUnlessPresent(repos.users, demo.users);
  const deps: UseCaseDeps = { repos, now: () => now, newId: () => `demo-${now.getTime()}` };
  const seats = demo.seatAssignments.map(({ assignedAt, ...seat }) => ({
    ...seat,
    assignedAt: new Date(now.getTime() - assignedAt.daysAgo * DAY_MS).toISOString(),
  }));
  const importer = { kind: "system", tenantId: demo.tenantId, actorId: IMPORT_SYSTEM_ACTORS.demo } as const;
  const answer = await importPackage(deps, importer, { json: demo.packageFile }, { startingState: { seats } });
  if (!answer.ok) throw new Error(`the demo package was refused: ${JSON.stringify(answer.problems)}`);
  const { created, changed, unchanged, refused } = answer.report.counts;
  const packageCreated = answer.report.packageOutcome === "new" ? 1 : 0;
  return { created: users.created + packageCreated + created, kept: users.kept + (1 - packageCreated) + changed + unchanged + refused };
}
