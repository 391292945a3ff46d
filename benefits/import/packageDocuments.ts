import type { Benefit, BenefitPackage } from "../types";
import { fileDateToIso, type PackageFile, type PackageFileBenefit } from "./packageFile";

/** Why one benefit of a file is not applied; the rest of the file still is. */
export type ImportRefusal =
  | { readonly code: "otherPackage"; readonly packageId: string }
  | { readonly code: "categoryChanged"; readonly storedCategory: Benefit["category"] }
  | { readonly code: "refundRequested" }
  | { readonly code: "seatsBelowAssigned"; readonly assigned: number; readonly seats: number }
  | { readonly code: "revealedKeysRemoved"; readonly removed: number }
  | { readonly code: "assignedBillingChanged" }
  | { readonly code: "assignedKindChanged" }
  | { readonly code: "changedMeanwhile" };

export class ImportRefusedError extends Error {
  constructor(readonly refusal: ImportRefusal) {
    super(`import refused: ${refusal.code}`);
    this.name = "ImportRefusedError";
  }
}

/**
 * The package's identity in its tenant: the file's own id, or else its name and purchase day, so the same purchase
 * written twice (or imported twice at once) lands on one document.
 */
export function packageIdOf(file: PackageFile): string {
  if (file.id !== undefined) return file.id;
  const slug = file.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80) || "package";
  return `pkg-${slug}-${fileDateToIso(file.purchasedAt).slice(0, 10)}`;
}

export function packageDocument(file: PackageFile, tenantId: string, importedBy: string): BenefitPackage {
  return {
    type: "package",
    id: packageIdOf(file),
    tenantId,
    version: 0,
    name: file.name,
    level: file.level,
    purchasedAt: fileDateToIso(file.purchasedAt),
    ...(file.expiresAt === undefined ? {} : { expiresAt: fileDateToIso(file.expiresAt) }),
    importedBy,
  };
}

/** The package as the file wants it, keeping what the bot itself recorded on it (reveals, refunds, who imported it). */
export function mergePackage(current: BenefitPackage, desired: BenefitPackage): BenefitPackage {
  const { expiresAt: _dropped, ...rest } = current;
  const merged: BenefitPackage = { ...rest, name: desired.name, level: desired.level, purchasedAt: desired.purchasedAt };
  return desired.expiresAt === undefined ? merged : { ...merged, expiresAt: desired.expiresAt };
}

function flattenKeys(products: readonly { product: string; keys: readonly string[] }[]) {
  return products.flatMap(({ product, keys }) => keys.map((key) => ({ product, key })));
}

function optionalDate(date: string | undefined): { expiresAt?: string } {
  return date === undefined ? {} : { expiresAt: fileDateToIso(date) };
}

/** A new benefit document, exactly as the file describes it (nothing assigned, nothing revealed). */
export function benefitDocument(item: PackageFileBenefit, tenantId: string, packageId: string): Benefit {
  const base = { type: "benefit" as const, id: item.id, tenantId, version: 0, packageId, name: item.name };
  switch (item.category) {
    case "software":
      return {
        ...base,
        category: "software",
        productKeys: flattenKeys(item.products),
        languages: item.languages,
        operatingSystems: item.operatingSystems,
        downloads: item.downloads,
        instructions: item.instructions,
      };
    case "cloud":
      return {
        ...base,
        category: "cloud",
        billing: item.billing,
        productKeys: flattenKeys(item.products),
        instructions: item.instructions,
        ...optionalDate(item.expiresAt),
      };
    case "visualStudio":
      return { ...base, category: "visualStudio", edition: item.edition, seats: item.seats, assignments: [], ...optionalDate(item.expiresAt) };
    case "technical":
      return { ...base, category: "technical", kind: item.kind, units: item.quantity, ...optionalDate(item.expiresAt) };
    case "goToMarket":
      return { ...base, category: "goToMarket", level: item.level, state: "available" };
  }
}

function refuse(refusal: ImportRefusal): never {
  throw new ImportRefusedError(refusal);
}

function removedKeyCount(current: readonly { key: string }[], next: readonly { key: string }[]): number {
  const kept = new Set(next.map((k) => k.key));
  return current.filter((k) => !kept.has(k.key)).length;
}

/**
 * The stored benefit with the file's fields laid over it; what people did with it (assignments, reveals, activation)
 * stays. Throws ImportRefusedError when the file would take back something already handed out.
 */
export function mergeBenefit(current: Benefit, desired: Benefit): Benefit {
  if (current.packageId !== desired.packageId) refuse({ code: "otherPackage", packageId: current.packageId });
  if (current.category !== desired.category) refuse({ code: "categoryChanged", storedCategory: current.category });
  const merged = overlay(current, desired);
  if (current.cancelRequest !== undefined && !sameDocument(merged, current)) refuse({ code: "refundRequested" });
  return merged;
}

function overlay(current: Benefit, desired: Benefit): Benefit {
  if (current.category === "software" && desired.category === "software") {
    if (current.keysRevealed !== undefined) {
      const removed = removedKeyCount(current.productKeys, desired.productKeys);
      if (removed > 0) refuse({ code: "revealedKeysRemoved", removed });
    }
    const { productKeys, languages, operatingSystems, downloads, instructions, name } = desired;
    return { ...current, name, productKeys, languages, operatingSystems, downloads, instructions };
  }
  if (current.category === "cloud" && desired.category === "cloud") {
    if (current.assignedTo !== undefined && current.billing !== desired.billing) refuse({ code: "assignedBillingChanged" });
    if (current.keysRevealed !== undefined) {
      const removed = removedKeyCount(current.productKeys, desired.productKeys);
      if (removed > 0) refuse({ code: "revealedKeysRemoved", removed });
    }
    const { expiresAt: _dropped, ...rest } = current;
    const { name, billing, productKeys, instructions, expiresAt } = desired;
    return { ...rest, name, billing, productKeys, instructions, ...optionalDate(expiresAt) };
  }
  if (current.category === "visualStudio" && desired.category === "visualStudio") {
    if (desired.seats < current.assignments.length) {
      refuse({ code: "seatsBelowAssigned", assigned: current.assignments.length, seats: desired.seats });
    }
    const { expiresAt: _dropped, edition: _edition, ...rest } = current;
    const { name, edition, seats, expiresAt } = desired;
    return { ...rest, name, seats, ...(edition === undefined ? {} : { edition }), ...optionalDate(expiresAt) };
  }
  if (current.category === "technical" && desired.category === "technical") {
    if (current.assignment !== undefined && current.kind !== desired.kind) refuse({ code: "assignedKindChanged" });
    const { expiresAt: _dropped, ...rest } = current;
    const { name, kind, units, expiresAt } = desired;
    return { ...rest, name, kind, units, ...optionalDate(expiresAt) };
  }
  if (current.category === "goToMarket" && desired.category === "goToMarket") {
    return { ...current, name: desired.name, level: desired.level };
  }
  return refuse({ code: "categoryChanged", storedCategory: current.category });
}

/** Equal as JSON, whatever the order of fields. */
export function sameDocument(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== "object" || Array.isArray(item)) return item;
    return Object.fromEntries(Object.entries(item).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
  });
}

/** A key as a preview may show it: its last four characters. */
export function maskKey(key: string): string {
  const visible = key.length > 8 ? key.slice(-4) : "";
  return `${"•".repeat(Math.max(4, key.length - visible.length))}${visible}`;
}
