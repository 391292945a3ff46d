import type { BulkAssignment, BulkRow, BulkRowOutcome, CsvProblem } from "../benefits";
import { escapeMarkdown } from "./markdown";
import { renderCard, type AdaptiveCardAttachment } from "./render";
import { t, type Locale } from "./strings";

export const BULK_VERBS = { howTo: "bulk.howTo", apply: "bulk.apply", addPeople: "bulk.addPeople" } as const;

// A file holds up to 500 rows and a Teams message about 28 KB: the card lists the rows that need a look first, at
// most SHOWN_ROWS of them (about 250 bytes each), and its counts always cover every row.
const SHOWN_ROWS = 40;
const SHOWN_PROBLEMS = 10;
const SHOWN_TEXT = 80;

/** The order the counts and lines come in: what needs the admin's attention first. */
const OUTCOME_ORDER: readonly BulkRowOutcome[] = ["unknownPerson", "unknownBenefit", "noSeatLeft", "sameEmail", "duplicateRow", "invalidRow", "failed", "alreadyAssigned", "ready", "assigned"];

/** The data of cards/templates/bulkAssign.json (preview and done: the done card has no buttons). */
export interface BulkAssignCardData {
  readonly title: string;
  readonly file: string;
  readonly note: string;
  readonly counts: string;
  readonly lines: readonly { readonly text: string }[];
  readonly warning: string;
  readonly fileId: string;
  /** "" hides the button. */
  readonly assignLabel: string;
  readonly addPeopleLabel: string;
  readonly cancelButton: string;
}

function shortText(text: string): string {
  const flat = text.replace(/[\r\n]+/g, " ");
  return escapeMarkdown(flat.length > SHOWN_TEXT ? `${flat.slice(0, SHOWN_TEXT)}…` : flat);
}

function outcomeText(locale: Locale, row: BulkRow): string {
  return t(locale, `bulk.outcome.${row.outcome}`, { detail: row.detail ?? "" });
}

function rowLine(locale: Locale, row: BulkRow): string {
  const benefit = row.benefitName ?? row.benefitText;
  return t(locale, "bulk.line", { line: row.line, benefit: shortText(benefit), email: shortText(row.email), outcome: outcomeText(locale, row) });
}

function rankOf(outcome: BulkRowOutcome): number {
  return OUTCOME_ORDER.indexOf(outcome);
}

function lines(locale: Locale, rows: readonly BulkRow[]): { text: string }[] {
  const ordered = [...rows].sort((a, b) => rankOf(a.outcome) - rankOf(b.outcome) || a.line - b.line);
  const shown = ordered.slice(0, SHOWN_ROWS).map((row) => ({ text: rowLine(locale, row) }));
  const more = ordered.length - shown.length;
  return more > 0 ? [...shown, { text: t(locale, "bulk.preview.more", { count: more }) }] : shown;
}

function countsText(locale: Locale, assignment: BulkAssignment): string {
  return OUTCOME_ORDER.filter((o) => (assignment.counts[o] ?? 0) > 0)
    .map((o) => t(locale, "bulk.count", { outcome: t(locale, `bulk.outcome.${o}`, { detail: "" }).trim(), count: assignment.counts[o] ?? 0 }))
    .join(" · ");
}

export interface BulkPreviewOptions {
  readonly fileName: string;
  /** Ties the buttons to this file: a click on an older file's card is not taken for this one. */
  readonly fileId: string;
  readonly note?: string;
  /** Whether this person may add the unknown people to the directory (Add N). */
  readonly mayAddPeople: boolean;
}

/** What each row of the attached file would do, with "Assign N" for the ready ones and Add for the unknown people. */
export function bulkPreviewCard(locale: Locale, preview: BulkAssignment, options: BulkPreviewOptions): AdaptiveCardAttachment {
  const ready = preview.counts.ready ?? 0;
  const unknown = unknownEmails(preview).length;
  return renderCard("bulkAssign", {
    title: t(locale, "bulk.preview.title", { ready, total: preview.rows.length }),
    file: t(locale, "bulk.preview.file", { file: shortText(options.fileName) }),
    note: options.note ?? "",
    counts: countsText(locale, preview),
    lines: lines(locale, preview.rows),
    warning: ready === 0 ? t(locale, "bulk.preview.nothingReady") : "",
    fileId: options.fileId,
    assignLabel: ready > 0 ? t(locale, "bulk.preview.assign", { count: ready }) : "",
    addPeopleLabel: unknown > 0 && options.mayAddPeople ? t(locale, "bulk.preview.addPeople", { count: unknown }) : "",
    cancelButton: t(locale, "common.cancelButton"),
  });
}

/** The distinct emails of the rows whose person is not in the directory (each may be added once). */
export function unknownEmails(preview: BulkAssignment): string[] {
  const emails = preview.rows.filter((r) => r.outcome === "unknownPerson").map((r) => r.email.trim().toLowerCase());
  return [...new Set(emails)];
}

/** What "Assign N" did: `assigned` counts the rows the confirmed preview had ready that hold their benefit now. */
export function bulkDoneCard(locale: Locale, result: BulkAssignment, fileName: string, ready: number, assigned: number): AdaptiveCardAttachment {
  return renderCard("bulkAssign", {
    title: t(locale, "bulk.done.title", { assigned }),
    file: t(locale, "bulk.preview.file", { file: shortText(fileName) }),
    note: "",
    counts: t(locale, "bulk.done.counts", { assigned, ready, notAssigned: result.rows.length - assigned }),
    lines: lines(locale, result.rows),
    warning: "",
    fileId: "",
    assignLabel: "",
    addPeopleLabel: "",
    cancelButton: "",
  });
}

/** Why the file was not read, each problem with its line. */
export function invalidCsvText(locale: Locale, problems: readonly CsvProblem[]): string {
  const shown = problems.slice(0, SHOWN_PROBLEMS).map((p) => `- ${p.line > 0 ? `${t(locale, "bulk.chat.problemLine", { line: p.line })}: ` : ""}${escapeMarkdown(p.message)}`);
  const more = problems.length > SHOWN_PROBLEMS ? [t(locale, "bulk.chat.moreProblems", { count: problems.length - SHOWN_PROBLEMS })] : [];
  return [t(locale, "bulk.chat.invalid"), ...shown, ...more].join("\n\n");
}
