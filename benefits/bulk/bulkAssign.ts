import { z } from "zod";
import { isBenefitsError } from "../errors";
import { mapWithConcurrency } from "../import/concurrency";
import { normalizeEmail, sameEmail } from "../rules/contacts";
import { freeSeats, isAssigned } from "../rules/seats";
import type { Actor, Benefit, DirectoryUser, TechnicalBenefit, VisualStudioBenefit } from "../types";
import type { UseCaseDeps } from "../useCases/deps";
import { listDirectory } from "../useCases/directory";
import { requireActor } from "../useCases/shared";
import { assignTechnicalBenefit } from "../useCases/technical";
import { assignVisualStudioSeat } from "../useCases/visualStudio";
import type { AssignmentCsvRow } from "./assignmentCsv";

export type BulkRowOutcome =
  | "ready"
  | "assigned"
  | "alreadyAssigned"
  | "unknownPerson"
  | "noSeatLeft"
  | "sameEmail"
  | "duplicateRow"
  | "unknownBenefit"
  | "invalidRow"
  | "failed";

export interface BulkRow {
  readonly line: number;
  readonly benefitText: string;
  readonly email: string;
  readonly outcome: BulkRowOutcome;
  readonly benefitId?: string;
  readonly benefitName?: string;
  readonly userId?: string;
  /** Why, for invalidRow (the field) and failed (the error code). */
  readonly detail?: string;
}

export interface BulkAssignment {
  readonly rows: readonly BulkRow[];
  readonly counts: Readonly<Partial<Record<BulkRowOutcome, number>>>;
}

type Assignable = VisualStudioBenefit | TechnicalBenefit;
const emailCheck = z.email();
const GROUP_CONCURRENCY = 4;

function countOutcomes(rows: readonly BulkRow[]): BulkAssignment["counts"] {
  const counts: Partial<Record<BulkRowOutcome, number>> = {};
  for (const row of rows) counts[row.outcome] = (counts[row.outcome] ?? 0) + 1;
  return counts;
}

/** A benefit named by id, or by name when exactly one assignable benefit has it (case-insensitive). */
function findBenefit(benefits: readonly Assignable[], text: string): Assignable | undefined {
  const byId = benefits.find((b) => b.id === text);
  if (byId !== undefined) return byId;
  const named = benefits.filter((b) => b.name.toLowerCase() === text.toLowerCase());
  return named.length === 1 ? named[0] : undefined;
}

function holds(benefit: Assignable, userId: string): boolean {
  return benefit.category === "visualStudio" ? isAssigned(benefit, userId) : benefit.assignment?.userId === userId;
}

function seatsLeft(benefit: Assignable): number {
  return benefit.category === "visualStudio" ? freeSeats(benefit) : benefit.assignment === undefined && benefit.cancelRequest === undefined ? 1 : 0;
}

/** What each row would do now, in file order: earlier ready rows take the seats first. */
export async function previewBulkAssign(deps: UseCaseDeps, actor: Actor, rows: readonly AssignmentCsvRow[]): Promise<BulkAssignment> {
  await requireActor(deps, actor, "assignBenefits");
  const benefits = (await deps.repos.benefits.list(actor.tenantId))
    .map((s) => s.value)
    .filter((b: Benefit): b is Assignable => b.category === "visualStudio" || b.category === "technical");
  const people = new Map<string, DirectoryUser>((await listDirectory(deps, actor.tenantId)).map((u) => [normalizeEmail(u.email), u]));
  const taken = new Map<string, number>();
  const seen = new Set<string>();
  const result = rows.map((row): BulkRow => {
    const base = { line: row.line, benefitText: row.benefit, email: row.email };
    const benefit = findBenefit(benefits, row.benefit);
    if (benefit === undefined) return { ...base, outcome: "unknownBenefit" };
    const named = { ...base, benefitId: benefit.id, benefitName: benefit.name };
    const person = people.get(normalizeEmail(row.email));
    if (person === undefined) return { ...named, outcome: emailCheck.safeParse(row.email.trim()).success ? "unknownPerson" : "invalidRow", detail: "email" };
    const withPerson = { ...named, userId: person.id };
    const key = `${benefit.id}\n${person.id}`;
    if (seen.has(key)) return { ...withPerson, outcome: "duplicateRow" };
    seen.add(key);
    // The alternate email is what Microsoft mails support instructions to: technical benefits only (ignored otherwise).
    if (benefit.category === "technical") {
      if (!emailCheck.safeParse(row.alternateEmail).success) return { ...withPerson, outcome: "invalidRow", detail: "alternate_email" };
      if (sameEmail(row.alternateEmail, person.email)) return { ...withPerson, outcome: "sameEmail" };
    }
    if (holds(benefit, person.id)) return { ...withPerson, outcome: "alreadyAssigned" };
    const used = taken.get(benefit.id) ?? 0;
    if (used >= seatsLeft(benefit)) return { ...withPerson, outcome: "noSeatLeft" };
    taken.set(benefit.id, used + 1);
    return { ...withPerson, outcome: "ready" };
  });
  return { rows: result, counts: countOutcomes(result) };
}

/**
 * "Assign N": previews again against the store as it is now, then assigns each ready row through the same
 * rule-checked use case as one assignment in chat, so a seat taken meanwhile (by hand or by another file) is refused
 * by the seat rule, never over-assigned. The same file twice assigns nothing new (alreadyAssigned).
 */
export async function applyBulkAssign(deps: UseCaseDeps, actor: Actor, rows: readonly AssignmentCsvRow[]): Promise<BulkAssignment> {
  const preview = await previewBulkAssign(deps, actor, rows);
  const alternate = new Map(rows.map((r) => [r.line, r.alternateEmail.trim()]));
  const groups = new Map<string, BulkRow[]>();
  for (const row of preview.rows) {
    if (row.outcome !== "ready" || row.benefitId === undefined) continue;
    groups.set(row.benefitId, [...(groups.get(row.benefitId) ?? []), row]);
  }
  const done = new Map<number, BulkRow>();
  // One benefit's rows in order (they contend for the same document); different benefits side by side.
  await mapWithConcurrency([...groups.values()], GROUP_CONCURRENCY, async (group) => {
    for (const row of group) done.set(row.line, await assignRow(deps, actor, row, alternate.get(row.line) ?? ""));
  });
  const result = preview.rows.map((row) => done.get(row.line) ?? row);
  return { rows: result, counts: countOutcomes(result) };
}

async function assignRow(deps: UseCaseDeps, actor: Actor, row: BulkRow, alternateEmail: string): Promise<BulkRow> {
  const benefitId = row.benefitId ?? "";
  const userId = row.userId ?? "";
  try {
    const benefit = await deps.repos.benefits.get(actor.tenantId, benefitId);
    if (benefit?.value.category === "technical") await assignTechnicalBenefit(deps, actor, { benefitId, userId, alternateEmail });
    else await assignVisualStudioSeat(deps, actor, { benefitId, userId });
    return { ...row, outcome: "assigned" };
  } catch (error) {
    if (isBenefitsError(error, "NO_SEATS")) return { ...row, outcome: "noSeatLeft" };
    if (isBenefitsError(error, "ALREADY_ASSIGNED")) return { ...row, outcome: error.details.userId === userId ? "alreadyAssigned" : "noSeatLeft" };
    if (isBenefitsError(error, "SAME_EMAIL")) return { ...row, outcome: "sameEmail" };
    if (isBenefitsError(error)) return { ...row, outcome: "failed", detail: error.code };
    throw error;
  }
}
