import { isBenefitsError } from "../errors";
import type { UseCaseDeps } from "../useCases/deps";

/**
 * Once per tenant found in data from before benefits carried their next notification moment: rewrites each benefit
 * lacking it (the benefits repository stamps it), so the due query sees it. The one tick that reads every benefit.
 */
export async function stampNotificationMoments(deps: UseCaseDeps, tenantId: string): Promise<number> {
  let stamped = 0;
  for (const benefit of await deps.repos.benefits.list(tenantId)) {
    if (benefit.value.nextNotificationAt !== undefined) continue;
    try {
      await deps.repos.benefits.replace(benefit.value, benefit.etag);
      stamped++;
    } catch (error) {
      // Written meanwhile (so stamped by that write), or deleted.
      if (!isBenefitsError(error, "CONFLICT") && !isBenefitsError(error, "NOT_FOUND")) throw error;
    }
  }
  await deps.repos.tenants.markStamped(tenantId);
  return stamped;
}
