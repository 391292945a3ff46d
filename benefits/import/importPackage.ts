import { BenefitsError, isBenefitsError } from "../errors";
import { can } from "../rules/roles";
import type { Actor, Benefit, BenefitPackage } from "../types";
import type { DocumentRepository } from "../ports";
import type { UseCaseDeps } from "../useCases/deps";
import { createAudited, withoutOutbox, type AuditNote } from "../useCases/auditOutbox";
import { changeDocument, directoryUser } from "../useCases/shared";
import { clearStoredTombstone } from "../useCases/tombstones";
import { createSettled } from "../useCases/unknownOutcome";
import { mapWithConcurrency } from "./concurrency";
import { itemQuantity, type ItemQuantity } from "./importQuantity";
import {
  benefitDocument,
  ImportRefusedError,
  mergeBenefit,
  mergePackage,
  packageDocument,
  sameDocument,
  type ImportRefusal,
} from "./packageDocuments";
import { checkPackageFile, readPackageFile, type FileProblem, type PackageFile } from "./packageFile";

/** Who imports without being a person in the directory: an operator with database access (CLI) or the demo seed. */
export const IMPORT_SYSTEM_ACTORS = { cli: "system:cli", demo: "system:demo" } as const;
export type ImportSystemActorId = (typeof IMPORT_SYSTEM_ACTORS)[keyof typeof IMPORT_SYSTEM_ACTORS];

export type Importer =
  | { readonly kind: "person"; readonly actor: Actor }
  | { readonly kind: "system"; readonly tenantId: string; readonly actorId: ImportSystemActorId };

export type ItemOutcome = "new" | "changed" | "unchanged" | "refused";

export interface ImportItem {
  readonly benefitId: string;
  readonly name: string;
  readonly category: Benefit["category"];
  readonly outcome: ItemOutcome;
  readonly refusal?: ImportRefusal;
  /** Keys are never in here in clear: only their count and masked forms. */
  readonly quantity: ItemQuantity;
}

export interface ImportReport {
  readonly tenantId: string;
  readonly packageId: string;
  readonly packageName: string;
  readonly packageOutcome: "new" | "changed" | "unchanged";
  readonly items: readonly ImportItem[];
  readonly counts: { readonly created: number; readonly changed: number; readonly unchanged: number; readonly refused: number };
  /** The package exists and the file changes it: only a global admin (or the operator's CLI) may apply it. */
  readonly requiresGlobalAdmin: boolean;
  readonly mayApply: boolean;
  readonly applied: boolean;
}

export type ImportAnswer = { readonly ok: true; readonly report: ImportReport } | { readonly ok: false; readonly problems: readonly FileProblem[] };

/**
 * The demo tenant's starting state: the seats its benefits hold when created. Documents made this way are where the
 * tenant starts, not a change anyone made, so they get no audit entries. Only the demo importer may use it.
 */
export interface StartingState {
  readonly seats: readonly { readonly benefitId: string; readonly userId: string; readonly assignedBy: string; readonly assignedAt: string }[];
}

export interface ImportOptions {
  readonly dryRun?: boolean;
  readonly startingState?: StartingState;
}

/** The file's bytes (chat attachment, CLI) or an already parsed JSON value (demo seed). */
export type PackageSource = Uint8Array | string | { readonly json: unknown };

interface Plan {
  readonly desiredPackage: BenefitPackage;
  readonly storedPackage?: BenefitPackage;
  readonly packageOutcome: ImportReport["packageOutcome"];
  readonly items: readonly { readonly desired: Benefit; readonly item: ImportItem }[];
}

// One at a time, in the file's order: lists come back in creation order, and people expect the file's order.
const WRITE_CONCURRENCY = 1;
const MAX_PLAN_ATTEMPTS = 3;

function readSource(source: PackageSource) {
  return typeof source === "string" || source instanceof Uint8Array ? readPackageFile(source) : checkPackageFile(source.json);
}

/** Validates, previews, and (unless dryRun) applies and audits one package file. A bad file writes nothing. */
export async function importPackage(
  deps: UseCaseDeps,
  importer: Importer,
  source: PackageSource,
  options: ImportOptions = {},
): Promise<ImportAnswer> {
  const reading = readSource(source);
  if (!reading.ok) return { ok: false, problems: reading.problems };
  const { actor, isGlobalAdmin } = await authenticate(deps, importer);
  if (options.startingState !== undefined && actor.userId !== IMPORT_SYSTEM_ACTORS.demo) {
    throw new BenefitsError("NOT_AUTHORIZED", "only the demo seed imports a starting state");
  }
  // Each entry rides in the write of the document it describes (see auditOutbox.ts): an import cut short leaves no change unaudited.
  const audit: Audit | undefined = options.startingState === undefined ? (action) => ({ deps, actor, action }) : undefined;
  for (let attempt = 1; ; attempt++) {
    const plan = await planImport(deps, actor, reading.file);
    const preview = report(actor.tenantId, plan, isGlobalAdmin, false);
    if (options.dryRun === true) return { ok: true, report: preview };
    if (!preview.mayApply) {
      throw new BenefitsError("NOT_AUTHORIZED", "changing an existing package needs Global admin", {
        capability: "changePackages",
        requiredRoles: "globalAdmin",
        packageId: plan.desiredPackage.id,
      });
    }
    const applied = await applyPlan({ deps, actor, audit, startingState: options.startingState }, plan, isGlobalAdmin);
    if (applied !== "replan") return { ok: true, report: applied };
    if (attempt >= MAX_PLAN_ATTEMPTS) throw new BenefitsError("CONFLICT", "the package kept changing during the import; try again");
  }
}

async function authenticate(deps: UseCaseDeps, importer: Importer): Promise<{ actor: Actor; isGlobalAdmin: boolean }> {
  if (importer.kind === "system") {
    const known: readonly string[] = Object.values(IMPORT_SYSTEM_ACTORS);
    if (!known.includes(importer.actorId)) throw new BenefitsError("NOT_AUTHORIZED", "unknown system importer");
    return { actor: { tenantId: importer.tenantId, userId: importer.actorId }, isGlobalAdmin: true };
  }
  const user = await directoryUser(deps, importer.actor.tenantId, importer.actor.userId);
  if (user === undefined) {
    throw new BenefitsError("NOT_AUTHORIZED", "only a member of this organization records its packages", { capability: "importPackages" });
  }
  return { actor: importer.actor, isGlobalAdmin: can(user, "changePackages") };
}

async function planImport(deps: UseCaseDeps, actor: Actor, file: PackageFile): Promise<Plan> {
  const desiredPackage = packageDocument(file, actor.tenantId, actor.userId);
  const storedPackage = (await deps.repos.packages.get(actor.tenantId, desiredPackage.id))?.value;
  const stored = new Map((await deps.repos.benefits.list(actor.tenantId)).map((s) => [s.value.id, s.value]));
  const items = file.benefits.map((entry) => {
    const desired = benefitDocument(entry, actor.tenantId, desiredPackage.id);
    return { desired, item: planItem(desired, stored.get(desired.id)) };
  });
  const packageOutcome =
    storedPackage === undefined ? "new" : sameDocument(mergePackage(storedPackage, desiredPackage), storedPackage) ? "unchanged" : "changed";
  return { desiredPackage, storedPackage, packageOutcome, items };
}

function planItem(desired: Benefit, current: Benefit | undefined): ImportItem {
  if (current === undefined) return itemOf(desired, "new");
  try {
    return itemOf(desired, sameDocument(mergeBenefit(current, desired), current) ? "unchanged" : "changed");
  } catch (error) {
    if (error instanceof ImportRefusedError) return itemOf(desired, "refused", error.refusal);
    throw error;
  }
}

function itemOf(desired: Benefit, outcome: ItemOutcome, refusal?: ImportRefusal): ImportItem {
  const item = { benefitId: desired.id, name: desired.name, category: desired.category, outcome, quantity: itemQuantity(desired) };
  return refusal === undefined ? item : { ...item, refusal };
}

function report(tenantId: string, plan: Plan, isGlobalAdmin: boolean, applied: boolean): ImportReport {
  const items = plan.items.map((p) => p.item);
  const count = (outcome: ItemOutcome) => items.filter((i) => i.outcome === outcome).length;
  const changesSomething = plan.packageOutcome === "changed" || items.some((i) => i.outcome === "new" || i.outcome === "changed");
  const requiresGlobalAdmin = plan.storedPackage !== undefined && changesSomething;
  return {
    tenantId,
    packageId: plan.desiredPackage.id,
    packageName: plan.desiredPackage.name,
    packageOutcome: plan.packageOutcome,
    items,
    counts: { created: count("new"), changed: count("changed"), unchanged: count("unchanged"), refused: count("refused") },
    requiresGlobalAdmin,
    mayApply: isGlobalAdmin || !requiresGlobalAdmin,
    applied,
  };
}

/** The note for an audited write, or undefined for the demo's starting state (where the tenant starts, not a change). */
type Audit = (action: string) => AuditNote;

interface Writer {
  readonly deps: UseCaseDeps;
  readonly actor: Actor;
  readonly audit: Audit | undefined;
  readonly startingState?: StartingState;
}

async function applyPlan(writer: Writer, plan: Plan, isGlobalAdmin: boolean): Promise<ImportReport | "replan"> {
  const { actor } = writer;
  const packageStep = await applyPackage(writer, plan);
  if (packageStep === "replan") return "replan";
  // A person recording a new package may create its benefits; one that someone else changed in between is not theirs to change.
  const mayChange = isGlobalAdmin || plan.storedPackage !== undefined;
  const items = await mapWithConcurrency(plan.items, WRITE_CONCURRENCY, ({ desired, item }) =>
    item.outcome === "refused" || item.outcome === "unchanged" ? Promise.resolve(item) : applyItem(writer, desired, item, mayChange),
  );
  const done = { ...plan, packageOutcome: packageStep, items: plan.items.map((p, i) => ({ ...p, item: items[i] })) };
  return report(actor.tenantId, done, isGlobalAdmin, true);
}

async function applyPackage({ deps, actor, audit }: Writer, plan: Plan): Promise<ImportReport["packageOutcome"] | "replan"> {
  if (plan.packageOutcome === "unchanged") return "unchanged";
  if (plan.packageOutcome === "new") {
    try {
      await createDocument(deps.repos.packages, plan.desiredPackage, audit?.("package.import"), packageView);
      return "new";
    } catch (error) {
      if (!isBenefitsError(error, "ALREADY_EXISTS")) throw error;
      // Two imports of the same file at once: the other one created it, as this one would have. Both say so.
      const stored = (await deps.repos.packages.get(actor.tenantId, plan.desiredPackage.id))?.value;
      if (stored !== undefined && sameDocument(mergePackage(stored, plan.desiredPackage), stored)) return "new";
      return "replan";
    }
  }
  const note = audit?.("package.import");
  const { before, after } = await changeDocument(
    deps.repos.packages,
    actor.tenantId,
    plan.desiredPackage.id,
    undefined,
    (current) => {
      const merged = mergePackage(current, plan.desiredPackage);
      return sameDocument(merged, current) ? current : merged;
    },
    { audit: note === undefined ? undefined : { ...note, view: packageView } },
  );
  return after === before ? "unchanged" : "changed";
}

async function applyItem({ deps, actor, audit, startingState }: Writer, desired: Benefit, item: ImportItem, mayChange: boolean): Promise<ImportItem> {
  if (item.outcome === "new") {
    try {
      await createDocument(deps.repos.benefits, withStartingSeats(desired, startingState), audit?.("benefit.import"), benefitView);
      return item;
    } catch (error) {
      if (!isBenefitsError(error, "ALREADY_EXISTS")) throw error;
    }
  }
  const note = audit?.("benefit.import");
  try {
    const { before, after } = await changeDocument(
      deps.repos.benefits,
      actor.tenantId,
      desired.id,
      undefined,
      (current) => {
        const merged = mergeBenefit(current, desired);
        if (sameDocument(merged, current)) return current;
        if (!mayChange) throw new ImportRefusedError({ code: "changedMeanwhile" });
        return merged;
      },
      { audit: note === undefined ? undefined : { ...note, view: benefitView } },
    );
    // Created meanwhile exactly as this file creates it (a concurrent import of the same file): the same answer as that import's.
    if (after === before) return itemOf(desired, item.outcome === "new" && isAsCreated(before, desired) ? "new" : "unchanged");
    return itemOf(desired, "changed");
  } catch (error) {
    if (error instanceof ImportRefusedError) return itemOf(desired, "refused", error.refusal);
    throw error;
  }
}

/** A document as this file creates it, with its audit entry in the same write (none for the demo's starting state). */
async function createDocument<T extends Benefit | BenefitPackage>(repo: DocumentRepository<T>, doc: T, note: AuditNote | undefined, view: (doc: T) => unknown): Promise<void> {
  const create = () => (note === undefined ? createSettled(repo, doc) : createAudited(repo, doc, { ...note, before: null, after: view(doc) }));
  try {
    await create();
  } catch (error) {
    // A removal whose tombstone a crash left holds the id until the sweep: finish that removal here, then create.
    if (!isBenefitsError(error, "ALREADY_EXISTS") || note === undefined || !(await clearStoredTombstone(note, doc.tenantId, doc.id))) throw error;
    await create();
  }
}

function isAsCreated(stored: Benefit, desired: Benefit): boolean {
  return stored.version === 0 && sameDocument(withoutOutbox(stored), desired);
}

function withStartingSeats(benefit: Benefit, startingState: StartingState | undefined): Benefit {
  if (startingState === undefined || benefit.category !== "visualStudio") return benefit;
  const seats = startingState.seats.filter((seat) => seat.benefitId === benefit.id);
  const assignments = seats.map(({ userId, assignedBy, assignedAt }) => ({ userId, assignedBy, assignedAt })).slice(0, benefit.seats);
  return { ...benefit, assignments };
}

/** What the audit keeps of a package. */
function packageView(p: BenefitPackage): unknown {
  return { name: p.name, level: p.level, purchasedAt: p.purchasedAt, expiresAt: p.expiresAt };
}

/** What the audit keeps of an imported benefit: everything but the keys themselves (their number only). */
function benefitView(b: Benefit): unknown {
  if (b.category !== "software" && b.category !== "cloud") return { ...b, type: undefined, tenantId: undefined };
  const { productKeys, ...rest } = b;
  return { ...rest, type: undefined, tenantId: undefined, productKeys: productKeys.length };
}

export function describeRefusal(refusal: ImportRefusal): string {
  switch (refusal.code) {
    case "otherPackage":
      return `this id already belongs to a benefit of package ${refusal.packageId}`;
    case "categoryChanged":
      return `this id is a ${refusal.storedCategory} benefit; its category cannot change`;
    case "refundRequested":
      return "a refund was requested for this benefit: it takes no more changes";
    case "seatsBelowAssigned":
      return `${refusal.assigned} seats are assigned; the file gives ${refusal.seats}`;
    case "revealedKeysRemoved":
      return `${refusal.removed} key(s) the file leaves out were already revealed`;
    case "assignedBillingChanged":
      return "the subscription is assigned: its billing cannot change";
    case "assignedKindChanged":
      return "the benefit is assigned: its kind cannot change";
    case "changedMeanwhile":
      return "someone changed this benefit during the import";
  }
}

/** One line: what the import did (or would do). */
export function importSummary(report: ImportReport): string {
  const { created, changed, unchanged, refused } = report.counts;
  const verb = report.applied ? "imported" : "would import";
  return `${verb} package "${report.packageName}" (${report.packageId}, ${report.packageOutcome}): ${created} created, ${changed} changed, ${unchanged} unchanged, ${refused} refused`;
}
