import type { Container } from "@azure/cosmos";
import type { Repositories } from "../benefits/ports";
import {
  adminSetSchema,
  benefitPackageSchema,
  benefitSchema,
  directoryUserSchema,
  marketingContactSchema,
  serviceRequestSchema,
} from "../benefits/types";
import { conversationRecordSchema, leaseSchema, notificationSchema } from "../benefits/notificationTypes";
import { benefitRequestSchema } from "../benefits/requestTypes";
import { exportLinkSchema } from "../benefits/export/exportTypes";
import { rosterSetSchema } from "../benefits/rosterTypes";
import { listTenantIds } from "./tenantIds";
import { AuditStore } from "./auditStore";
import { PendingAuditStore } from "./pendingAuditStore";
import { TenantDocumentStore } from "./tenantDocumentStore";
import { withSweepStores } from "./sweepStores";

/** The domain's repositories over the tenantData container, one document type each. */
export function createRepositories(tenantData: Container): Repositories {
  return withSweepStores(tenantData, {
    users: new TenantDocumentStore(tenantData, "user", directoryUserSchema),
    packages: new TenantDocumentStore(tenantData, "package", benefitPackageSchema),
    benefits: new TenantDocumentStore(tenantData, "benefit", benefitSchema),
    marketingContacts: new TenantDocumentStore(tenantData, "marketingContact", marketingContactSchema),
    serviceRequests: new TenantDocumentStore(tenantData, "serviceRequest", serviceRequestSchema),
    audit: new AuditStore(tenantData),
    conversations: new TenantDocumentStore(tenantData, "conversation", conversationRecordSchema),
    notifications: new TenantDocumentStore(tenantData, "notification", notificationSchema),
    leases: new TenantDocumentStore(tenantData, "lease", leaseSchema),
    benefitRequests: new TenantDocumentStore(tenantData, "benefitRequest", benefitRequestSchema),
    exportLinks: new TenantDocumentStore(tenantData, "exportLink", exportLinkSchema),
    adminSets: new TenantDocumentStore(tenantData, "adminSet", adminSetSchema),
    rosterSets: new TenantDocumentStore(tenantData, "rosterSet", rosterSetSchema),
    pendingAudit: new PendingAuditStore(tenantData),
    listTenantIds: () => listTenantIds(tenantData),
  });
}
