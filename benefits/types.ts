import { z } from "zod";

/** Identifiers we generate or receive from Teams/Entra: bounded and free of characters that could break a query or a key. */
export const idSchema = z.string().min(1).max(128).regex(/^[A-Za-z0-9._:@-]+$/, "letters, digits and . _ : @ - only");
export const tenantIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/);
export const isoDateSchema = z.iso.datetime({ offset: true });
export const emailSchema = z.email().max(254);
const nameSchema = z.string().trim().min(1).max(120);

export const ROLES = ["globalAdmin", "userAdmin", "adminAgent", "mpnPartnerAdmin", "employee"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const auditEntrySchema = z.object({
  type: z.literal("audit"),
  id: idSchema,
  tenantId: tenantIdSchema,
  version: z.literal(0),
  at: isoDateSchema,
  actorId: idSchema,
  action: z.string().min(1).max(60),
  targetId: idSchema,
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/**
 * Audit entries of changes already written, not yet copied to the audit log. An entry rides in the same write as its
 * change, so no crash can keep one without the other; the next write of the document, or the scheduler's sweep, copies
 * it to the log (idempotent by id) and then removes it. Bounded: it only grows while the audit log cannot be written.
 */
export const OUTBOX_MAX_ENTRIES = 100;
export const outboxSchema = z.array(auditEntrySchema).max(OUTBOX_MAX_ENTRIES).optional();

const tenantDocument = {
  id: idSchema,
  tenantId: tenantIdSchema,
  /** Incremented on every change; cards carry it so an action on an outdated card is recognised. */
  version: z.number().int().nonnegative(),
  outbox: outboxSchema,
};

export const directoryUserSchema = z.object({
  type: z.literal("user"),
  ...tenantDocument,
  displayName: nameSchema,
  email: emailSchema,
  roles: z.array(roleSchema).min(1),
  remindersMuted: z.boolean().default(false),
  /** First listed by a Teams roster the bot reads: only such people can later be found in no roster, and so marked left. */
  seenInRosterAt: isoDateSchema.optional(),
  /** In no roster the bot knows any more: kept, never deleted (their history stays), never offered in a picker; cleared when a roster lists them again. */
  leftAt: isoDateSchema.optional(),
  /**
   * The admin-set version whose decision about this person's global admin role the entry last took (adminSet.ts):
   * a slower writer carrying an older decision never overwrites a newer one.
   */
  adminSetVersion: z.number().int().nonnegative().optional(),
});
export type DirectoryUser = z.infer<typeof directoryUserSchema>;

export const benefitPackageSchema = z.object({
  type: z.literal("package"),
  ...tenantDocument,
  name: nameSchema,
  purchasedAt: isoDateSchema,
  /** Level or designation (Action Pack, Silver Core...), from the imported file; absent on packages stored before imports. */
  level: nameSchema.optional(),
  expiresAt: isoDateSchema.optional(),
  /** Who recorded the package first (a person, or a system actor for the CLI and the demo). */
  importedBy: idSchema.optional(),
  // The facts a key reveal and a refund request race on: both make a conditional write on this one document before
  // touching their benefit (see useCases/cancel.ts). Optional, so data stored before they existed still parses; the
  // rules then also look at the benefits themselves.
  /** Set once, by the first reveal of keys of any software benefit of the package. */
  softwareActivated: z.object({ benefitId: idSchema, at: isoDateSchema, by: idSchema }).optional(),
  /** Every benefit of the package a refund was requested for; absent means none. */
  refundRequestedBenefitIds: z.array(idSchema).max(500).optional(),
});
export type BenefitPackage = z.infer<typeof benefitPackageSchema>;

const benefitBase = {
  type: z.literal("benefit"),
  ...tenantDocument,
  packageId: idSchema,
  name: nameSchema,
  /** Set when a refund was requested for this benefit; it then takes no further changes. */
  cancelRequest: z.object({ requestId: idSchema, reference: z.string(), requestedAt: isoDateSchema, requestedBy: idSchema }).optional(),
  /**
   * When the scheduler must next look at this benefit (see notifications/nextNotification.ts), kept by the benefits
   * repository on every write; null when nothing will ever be announced. Absent on data stored before it existed: such
   * a benefit is looked at once and gets it then.
   */
  nextNotificationAt: isoDateSchema.nullable().optional(),
  /** The last planning that covered this benefit, and what it was planned for (its lifecycle and holders, digested). */
  notificationsPlanned: z.object({ at: isoDateSchema, basis: z.string().min(1).max(64) }).optional(),
};

const productKeySchema = z.object({ product: nameSchema, key: z.string().min(1).max(64) });
const downloadSchema = z.object({ language: z.string().min(1).max(40), os: z.string().min(1).max(40), url: z.url().max(500) });
const keysRevealedSchema = z.object({ at: isoDateSchema, by: idSchema });

export const softwareBenefitSchema = z.object({
  ...benefitBase,
  category: z.literal("software"),
  productKeys: z.array(productKeySchema),
  languages: z.array(z.string().min(1).max(40)).min(1),
  operatingSystems: z.array(z.string().min(1).max(40)).min(1),
  downloads: z.array(downloadSchema),
  instructions: z.string().max(2000).default(""),
  /** Revealing the keys is what activates a software benefit (and closes the refund path). */
  keysRevealed: keysRevealedSchema.optional(),
});
export type SoftwareBenefit = z.infer<typeof softwareBenefitSchema>;

export const cloudBenefitSchema = z.object({
  ...benefitBase,
  category: z.literal("cloud"),
  billing: z.enum(["usage", "license"]),
  /** Usage-based Azure subscriptions are assigned to the admin who activates them. */
  assignedTo: z.object({ userId: idSchema, assignedAt: isoDateSchema }).optional(),
  productKeys: z.array(productKeySchema).default([]),
  instructions: z.string().max(2000).default(""),
  keysRevealed: keysRevealedSchema.optional(),
  expiresAt: isoDateSchema.optional(),
});
export type CloudBenefit = z.infer<typeof cloudBenefitSchema>;

export const seatAssignmentSchema = z.object({ userId: idSchema, assignedAt: isoDateSchema, assignedBy: idSchema });
export type SeatAssignment = z.infer<typeof seatAssignmentSchema>;

export const visualStudioBenefitSchema = z.object({
  ...benefitBase,
  category: z.literal("visualStudio"),
  /** From the imported file; absent on subscriptions stored before imports. */
  edition: z.string().min(1).max(40).optional(),
  seats: z.number().int().nonnegative(),
  assignments: z.array(seatAssignmentSchema),
  expiresAt: isoDateSchema.optional(),
});
export type VisualStudioBenefit = z.infer<typeof visualStudioBenefitSchema>;

export const TECHNICAL_KINDS = ["supportIncidents", "advisoryHours", "presalesDeployment"] as const;
export const technicalAssignmentSchema = z.object({
  userId: idSchema,
  alternateEmail: emailSchema,
  state: z.enum(["pending", "active"]),
  assignedAt: isoDateSchema,
  assignedBy: idSchema,
  activatedAt: isoDateSchema.optional(),
});
export type TechnicalAssignment = z.infer<typeof technicalAssignmentSchema>;

export const technicalBenefitSchema = z.object({
  ...benefitBase,
  category: z.literal("technical"),
  kind: z.enum(TECHNICAL_KINDS),
  /** Incidents or hours included. */
  units: z.number().int().nonnegative(),
  assignment: technicalAssignmentSchema.optional(),
  expiresAt: isoDateSchema.optional(),
});
export type TechnicalBenefit = z.infer<typeof technicalBenefitSchema>;

export const OFFER_STATES = ["available", "pending", "active", "expired", "canceled"] as const;
export const goToMarketOfferSchema = z.object({
  ...benefitBase,
  category: z.literal("goToMarket"),
  /** The benefit level the offer is listed under, e.g. "Silver Core" or "Gold Core". */
  level: nameSchema,
  state: z.enum(OFFER_STATES),
  requestedAt: isoDateSchema.optional(),
  requestedBy: idSchema.optional(),
  activatedAt: isoDateSchema.optional(),
  expiresAt: isoDateSchema.optional(),
});
export type GoToMarketOffer = z.infer<typeof goToMarketOfferSchema>;

export const benefitSchema = z.discriminatedUnion("category", [
  softwareBenefitSchema,
  cloudBenefitSchema,
  visualStudioBenefitSchema,
  technicalBenefitSchema,
  goToMarketOfferSchema,
]);
export type Benefit = z.infer<typeof benefitSchema>;
export type BenefitCategory = Benefit["category"];
export const BENEFIT_CATEGORIES = ["software", "cloud", "visualStudio", "technical", "goToMarket"] as const satisfies readonly BenefitCategory[];

export const MARKETING_CONTACT_ID = "marketing-contact";
export const marketingContactSchema = z.object({
  type: z.literal("marketingContact"),
  ...tenantDocument,
  userId: idSchema,
  alternateEmail: emailSchema,
  phone: z.string().min(7).max(20),
  language: z.string().min(2).max(40),
  updatedAt: isoDateSchema,
  updatedBy: idSchema,
});
export type MarketingContact = z.infer<typeof marketingContactSchema>;

export const ADMIN_SET_ID = "global-admins";
/**
 * The tenant's global admins, kept on one document so that removing one is checked and written in one If-Match write:
 * two admins revoking each other at once cannot both pass. Every member also has the role on their directory entry
 * (a grant writes the entry first, a revoke writes this set first), so a non-empty set means a global admin exists.
 */
/** A decision of the admin set not yet confirmed on the person's entry (see adminSet.ts). */
export const adminChangeSchema = z.object({
  userId: idSchema,
  globalAdmin: z.boolean(),
  /** The set's version that decided it: the entry takes it only if it has not taken a newer one. */
  version: z.number().int().nonnegative(),
  actorId: idSchema,
  action: z.string().min(1).max(60),
});
export type AdminChange = z.infer<typeof adminChangeSchema>;

export const adminSetSchema = z.object({
  type: z.literal("adminSet"),
  ...tenantDocument,
  userIds: z.array(idSchema).max(500),
  pending: z.array(adminChangeSchema).max(500).optional(),
});

/**
 * What stands for a removed document until its removal's audit entry is copied: the same id (so the removal is one
 * If-Match write over the version that was checked), another type (so no reader of the removed kind sees it).
 */
export const tombstoneSchema = z.object({
  type: z.literal("tombstone"),
  ...tenantDocument,
  /** The type the removed document had. Its outbox holds the removal's entry until the tombstone is deleted. */
  of: z.string().min(1).max(40),
});
export type Tombstone = z.infer<typeof tombstoneSchema>;
export type AdminSet = z.infer<typeof adminSetSchema>;

export const ASSISTANCE_PHASES = ["presales", "design", "deployment", "appDevelopment"] as const;
export const serviceRequestSchema = z.discriminatedUnion("kind", [
  z.object({
    type: z.literal("serviceRequest"),
    ...tenantDocument,
    kind: z.literal("cancel"),
    reference: z.string().min(1).max(40),
    createdAt: isoDateSchema,
    createdBy: idSchema,
    benefitId: idSchema,
  }),
  z.object({
    type: z.literal("serviceRequest"),
    ...tenantDocument,
    kind: z.literal("assistance"),
    reference: z.string().min(1).max(40),
    createdAt: isoDateSchema,
    createdBy: idSchema,
    benefitId: idSchema,
    topic: z.string().trim().min(1).max(200),
    phase: z.enum(ASSISTANCE_PHASES),
    description: z.string().trim().min(1).max(4000),
  }),
]);
export type ServiceRequest = z.infer<typeof serviceRequestSchema>;



/** Who is acting, always taken from the authenticated activity, never from card data. */
export interface Actor {
  readonly tenantId: string;
  readonly userId: string;
}
