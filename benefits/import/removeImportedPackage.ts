import { BenefitsError } from "../errors";
import { benefitInUse, packageInUse } from "../rules/packageUse";
import type { Stored } from "../ports";
import type { Actor, Benefit, BenefitPackage } from "../types";
import type { UseCaseDeps } from "../useCases/deps";
import { listDirectory } from "../useCases/directory";
import { requireActor } from "../useCases/shared";
import { removeAudited } from "../useCases/tombstones";
import type { ImportReport } from "./importPackage";

export interface PackageRemoval {
  readonly packageId: string;
  readonly packageName: string;
  readonly removedBenefitIds: readonly string[];
  /** Assigned or revealed between the check and the delete: kept, and so is the package. */
  readonly keptBenefitIds: readonly string[];
  readonly packageRemoved: boolean;
}

function inUseError(packageId: string, benefitId?: string): BenefitsError {
  return new BenefitsError("INVALID_STATE", "something of this package is already assigned or revealed", { packageId, benefitId, state: "inUse" });
}

/**
 * The Remove button of "‹person› recorded ‹package›": a global admin takes back a package nobody uses yet.
 * Each delete is conditional on the version that was checked, so an assignment that slips in keeps its benefit
 * (and the package); the answer says what was removed and what was kept.
 */
export async function removeImportedPackage(
  deps: UseCaseDeps,
  actor: Actor,
  input: { readonly packageId: string; readonly expectedVersion?: number },
): Promise<PackageRemoval> {
  await requireActor(deps, actor, "changePackages");
  const pkg = await deps.repos.packages.get(actor.tenantId, input.packageId);
  if (pkg === undefined) throw new BenefitsError("NOT_FOUND", "no such package", { packageId: input.packageId });
  if (input.expectedVersion !== undefined && pkg.value.version !== input.expectedVersion) {
    throw new BenefitsError("STALE_CARD", "this card is out of date", { id: input.packageId, currentVersion: pkg.value.version });
  }
  if (packageInUse(pkg.value)) throw inUseError(input.packageId);
  const benefits = (await deps.repos.benefits.list(actor.tenantId)).filter((s) => s.value.packageId === input.packageId);
  const used = benefits.find((s) => benefitInUse(s.value));
  if (used !== undefined) throw inUseError(input.packageId, used.value.id);

  const removed: string[] = [];
  const kept: string[] = [];
  for (const stored of benefits) {
    if (await deleteUnused(deps, actor, stored)) removed.push(stored.value.id);
    else kept.push(stored.value.id);
  }
  const packageRemoved = kept.length === 0 && (await deletePackage(deps, actor, pkg));
  return { packageId: pkg.value.id, packageName: pkg.value.name, removedBenefitIds: removed, keptBenefitIds: kept, packageRemoved };
}

/** Removed with its audit entry in the same write (a tombstone, see tombstones.ts), unless it came into use meanwhile. */
async function deleteUnused(deps: UseCaseDeps, actor: Actor, stored: Stored<Benefit>): Promise<boolean> {
  if (await removeAudited(stored, { deps, actor, action: "benefit.remove", before: { name: stored.value.name }, after: null })) return true;
  const now = await deps.repos.benefits.get(actor.tenantId, stored.value.id);
  if (now === undefined) return true;
  if (benefitInUse(now.value)) return false;
  return deleteUnused(deps, actor, now);
}

async function deletePackage(deps: UseCaseDeps, actor: Actor, pkg: Stored<BenefitPackage>): Promise<boolean> {
  return removeAudited(pkg, { deps, actor, action: "package.remove", before: { name: pkg.value.name }, after: null });
}

export interface PackageRecordedNotice {
  readonly packageId: string;
  readonly packageVersion: number;
  readonly packageName: string;
  readonly recordedBy: string;
  readonly recordedByName: string;
  /** Global admins to tell, the person who recorded it excluded. */
  readonly recipientIds: readonly string[];
  readonly counts: ImportReport["counts"];
}

/** Whom to tell that a member recorded a new package, and what; undefined when nothing new was recorded. */
export async function packageRecordedNotice(deps: UseCaseDeps, actor: Actor, report: ImportReport): Promise<PackageRecordedNotice | undefined> {
  if (!report.applied || report.packageOutcome !== "new") return undefined;
  const pkg = await deps.repos.packages.get(actor.tenantId, report.packageId);
  if (pkg === undefined) return undefined;
  const people = await listDirectory(deps, actor.tenantId);
  return {
    packageId: report.packageId,
    packageVersion: pkg.value.version,
    packageName: report.packageName,
    recordedBy: actor.userId,
    recordedByName: people.find((p) => p.id === actor.userId)?.displayName ?? actor.userId,
    recipientIds: people.filter((p) => p.roles.includes("globalAdmin") && p.id !== actor.userId).map((p) => p.id),
    counts: report.counts,
  };
}
