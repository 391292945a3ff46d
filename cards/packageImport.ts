import type { FileProblem, ImportItem, ImportRefusal, ImportReport } from "../benefits";
import { escapeMarkdown } from "./markdown";
import { navigationButtons } from "./navigation";
import { renderCard, type AdaptiveCardAttachment } from "./render";
import { t, type Locale } from "./strings";

export const IMPORT_VERBS = { apply: "import.apply" } as const;

// A package holds up to 500 benefits; a Teams message holds about 28 KB. The counts always cover every item.
const SHOWN_ITEMS = 40;
const SHOWN_PROBLEMS = 10;

function refusalText(locale: Locale, refusal: ImportRefusal): string {
  const { code, ...vars } = refusal;
  return t(locale, `import.refusal.${code}`, vars);
}

function itemLine(locale: Locale, item: ImportItem): string {
  const outcome = t(locale, `import.outcome.${item.outcome}`);
  const quantity = t(locale, `import.unit.${item.quantity.unit}`, { amount: item.quantity.amount });
  const keys = item.quantity.maskedKeys.length === 0 ? "" : ` (${item.quantity.maskedKeys.join(", ")})`;
  const reason = item.refusal === undefined ? "" : ` — ${refusalText(locale, item.refusal)}`;
  return `**${outcome}** · ${escapeMarkdown(item.name)} · ${quantity}${keys}${reason}`;
}

/** The data of cards/templates/importPreview.json. */
export interface ImportPreviewCardData {
  readonly backButton: string;
  readonly cancelButton: string;
  readonly title: string;
  readonly file: string;
  readonly counts: string;
  readonly lines: readonly { readonly text: string }[];
  readonly note: string;
  readonly mayApply: boolean;
  readonly importLabel: string;
  readonly verb: string;
  readonly packageId: string;
}

export function importCounts(locale: Locale, report: ImportReport): string {
  return t(locale, "import.chat.counts", report.counts);
}

/** What importing the attached file would do, item by item (keys masked), with Import when this person may apply it. */
export function importPreviewCard(locale: Locale, report: ImportReport, fileName: string): AdaptiveCardAttachment {
  const shown = report.items.slice(0, SHOWN_ITEMS);
  const more = report.items.length - shown.length;
  const nothingToDo = report.packageOutcome === "unchanged" && report.counts.created + report.counts.changed === 0;
  const note = !report.mayApply ? t(locale, "import.chat.needsAdmin") : nothingToDo ? t(locale, "import.chat.nothingToDo") : "";
  return renderCard("importPreview", {
    ...navigationButtons(locale),
    title: t(locale, `import.chat.previewTitle.${report.packageOutcome}`, { package: escapeMarkdown(report.packageName) }),
    file: t(locale, "import.chat.file", { file: escapeMarkdown(fileName) }),
    counts: importCounts(locale, report),
    lines: [...shown.map((item) => ({ text: itemLine(locale, item) })), ...(more > 0 ? [{ text: t(locale, "import.chat.more", { count: more }) }] : [])],
    note,
    mayApply: report.mayApply && !nothingToDo,
    importLabel: t(locale, "import.chat.importButton"),
    verb: IMPORT_VERBS.apply,
    packageId: report.packageId,
  });
}

/** Why the file was not read, each problem with its place in the file. */
export function invalidFileText(locale: Locale, problems: readonly FileProblem[]): string {
  const lines = problems.slice(0, SHOWN_PROBLEMS).map((p) => `- ${p.path === "" ? t(locale, "import.chat.wholeFile") : codeSpan(p.path)}: ${escapeMarkdown(p.message)}`);
  const more = problems.length > SHOWN_PROBLEMS ? [t(locale, "import.chat.moreProblems", { count: problems.length - SHOWN_PROBLEMS })] : [];
  return [t(locale, "import.chat.invalid"), ...lines, ...more].join("\n\n");
}

/** A field path as code, readable as written in the file; it may hold the file's own field names, so no backtick or line break. */
function codeSpan(text: string): string {
  return `\`${text.replace(/[`\r\n]/g, " ").slice(0, 120)}\``;
}
