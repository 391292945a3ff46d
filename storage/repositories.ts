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
import { TombstoneStore } from "./tombstoneStore";
import { withSweepStores } from "./sweepStores";
import { tenantReader } from "./tenantReader";
import { readAhead } from "./readAhead";

/** The domain's repositories over the tenantData container, one document type each. */
export function createRepositories(tenantData: Container): Repositories {
  const users = new TenantDocumentStore(tenantData, "user", directoryUserSchema);
  const packages = new TenantDocumentStore(tenantData, "package", benefitPackageSchema);
  const benefits = new TenantDocumentStore(tenantData, "benefit", benefitSchema);
  const marketingContacts = new TenantDocumentStore(tenantData, "marketingContact", marketingContactSchema);
  const notifications = new TenantDocumentStore(tenantData, "notification", notificationSchema);
  return withSweepStores(tenantData, {
    users,
    packages,
    benefits,
    marketingContacts,
    serviceRequests: new TenantDocumentStore(tenantData, "serviceRequest", serviceRequestSchema),
    audit: new AuditStore(tenantData),
    conversations: new TenantDocumentStore(tenantData, "conversation", conversationRecordSchema),
    notifications,
    leases: new TenantDocumentStore(tenantData, "lease", leaseSchema),
    benefitRequests: new TenantDocumentStore(tenantData, "benefitRequest", benefitRequestSchema),
    exportLinks: new TenantDocumentStore(tenantData, "exportLink", exportLinkSchema),
    adminSets: new TenantDocumentStore(tenantData, "adminSet", adminSetSchema),
    rosterSets: new TenantDocumentStore(tenantData, "rosterSet", rosterSetSchema),
    pendingAudit: new PendingAuditStore(tenantData),
    tombstones: new TombstoneStore(tenantData, [users, packages, benefits, notifications]),
    readTogether: tenantReader(tenantData, { users, packages, benefits, marketingContacts, waitingNotifications: notifications }),
    readAhead: readAhead(tenantData, { users, packages, benefits, marketingContacts }),
    listTenantIds: () => listTenantIds(tenantData),
  });
}
