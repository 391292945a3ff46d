import type { Container } from "@azure/cosmos";
import { registeringTenants } from "../benefits/notifications/tenantRegistration";
import { withNotificationMoments } from "../benefits/notifications/schedulingRepository";
import type { Repositories } from "../benefits/ports";
import { CosmosSweepQueries } from "./sweepQueries";
import { CosmosTenantRegistry } from "./tenantRegistry";

/**
 * Adds what the scheduler's sweep needs to the plain repositories: the tenant registry (fed by package and benefit
 * creates), the due queries, and benefits that keep their next notification moment on every write.
 */
export function withSweepStores(tenantData: Container, plain: Omit<Repositories, "tenants" | "sweep">): Repositories {
  const tenants = new CosmosTenantRegistry(tenantData, () => plain.listTenantIds());
  return {
    ...plain,
    packages: registeringTenants(plain.packages, tenants),
    benefits: withNotificationMoments(registeringTenants(plain.benefits, tenants)),
    tenants,
    sweep: new CosmosSweepQueries(tenantData),
  };
}
