import type { Benefit, BenefitPackage } from "../types";

/** Whether people already hold or used something of this benefit: then its package can no longer be removed. */
export function benefitInUse(benefit: Benefit): boolean {
  if (benefit.cancelRequest !== undefined) return true;
  switch (benefit.category) {
    case "software":
      return benefit.keysRevealed !== undefined;
    case "cloud":
      return benefit.keysRevealed !== undefined || benefit.assignedTo !== undefined;
    case "visualStudio":
      return benefit.assignments.length > 0;
    case "technical":
      return benefit.assignment !== undefined;
    case "goToMarket":
      return benefit.state !== "available";
  }
}

export function packageInUse(pkg: BenefitPackage): boolean {
  return pkg.softwareActivated !== undefined || (pkg.refundRequestedBenefitIds ?? []).length > 0;
}
