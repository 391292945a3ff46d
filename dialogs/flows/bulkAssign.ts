import { createHash } from "node:crypto";
import type { DialogTurnResult, WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import {
  addDirectoryUser,
  applyBulkAssign,
  can,
  isBenefitsError,
  previewBulkAssign,
  readAssignmentCsv,
  requireActor,
  type AssignmentCsvRow,
  type BulkAssignment,
} from "../../benefits";
import { BULK_VERBS, bulkDoneCard, bulkPreviewCard, invalidCsvText, unknownEmails } from "../../cards/bulkAssign";
import { escapeMarkdown } from "../../cards/markdown";
import { t } from "../../cards/strings";
import { askWithCard, showSettled } from "../cardPrompt";
import type { DialogFlow, FlowServices } from "../flow";
import { FlowDialog, type StepFacts } from "../flowDialog";
import { BACK_AND_CANCEL, noteOf, readAnswer, retry, stepValues, submitOf } from "../steps";

export const BULK_ASSIGN_FLOW = "bulkAssign";

const answerSchema = z.object({ file: z.string().min(1).max(64) }).strict();

// The file waits in the dialog state between the preview and "Assign N" (a Teams download URL does not last, and what
// is assigned must be exactly what was previewed); `readyLines` are the rows the admin saw ready when they confirmed.
const state = {
  csvBase64: z.string().optional(),
  fileName: z.string().optional(),
  fileId: z.string().optional(),
  readyLines: z.array(z.number()).optional(),
  doneCard: z.record(z.string(), z.unknown()).optional(),
};

/** What ties a preview card's buttons to its file: a click on another file's card is not taken for this one. */
export function bulkFileId(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 32);
}

/** A CSV attached by a global admin: preview each row, then "Assign N" assigns the ready ones one by one. */
class BulkAssignDialog extends FlowDialog {
  constructor(services: FlowServices) {
    super(BULK_ASSIGN_FLOW, services);
    this.addSteps(this.previewStep.bind(this), this.answerStep.bind(this), this.replayStep.bind(this));
  }

  private async previewStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const facts = this.facts(step.context);
    const { actor, locale, deps } = facts;
    // Refused before the file is even fetched: a non-admin's file is never read.
    if (!(await this.respond.attempt(step.context, () => requireActor(deps, actor, "assignBenefits"))).ok) return step.endDialog();
    const values = stepValues(step, state);
    const { csvBase64, fileName } = values.read();
    // Shown again (after Add, or an answer that did not fit): the file already downloaded, byte for byte.
    const file = csvBase64 === undefined ? await this.download(step) : { bytes: Buffer.from(csvBase64, "base64"), name: fileName ?? "" };
    if (file === undefined) return step.endDialog();
    const reading = readAssignmentCsv(file.bytes);
    if (!reading.ok) {
      await this.respond.text(step.context, invalidCsvText(locale, reading.problems));
      return step.endDialog();
    }
    const preview = await this.respond.attempt(step.context, () => previewBulkAssign(deps, actor, reading.rows));
    if (!preview.ok) return step.endDialog();
    const fileId = bulkFileId(file.bytes);
    const readyLines = preview.value.rows.filter((r) => r.outcome === "ready").map((r) => r.line);
    values.write({ csvBase64: Buffer.from(file.bytes).toString("base64"), fileName: file.name, fileId, readyLines });
    const mayAddPeople = await this.mayAddPeople(facts);
    const card = bulkPreviewCard(locale, preview.value, { fileName: file.name, fileId, note: noteOf(step), mayAddPeople });
    const actionable = (preview.value.counts.ready ?? 0) > 0 || (mayAddPeople && unknownEmails(preview.value).length > 0);
    if (!actionable) {
      await this.respond.card(step.context, card);
      return step.endDialog();
    }
    return askWithCard(step, card, [BULK_VERBS.apply, BULK_VERBS.addPeople, ...BACK_AND_CANCEL]);
  }

  /** The attached file's bytes, or undefined once the person was told why not (or started without a file: how-to). */
  private async download(step: WaterfallStepContext): Promise<{ bytes: Uint8Array; name: string } | undefined> {
    const { locale } = this.facts(step.context);
    const files = this.services.files;
    const file = files?.fileOf(step.context.activity.attachments);
    if (files === undefined || file === undefined) {
      await this.respond.text(step.context, t(locale, "bulk.howTo"));
      return undefined;
    }
    const download = await files.download(file);
    if (!download.ok) {
      await this.respond.text(step.context, t(locale, "bulk.chat.downloadFailed", { file: escapeMarkdown(file.name), reason: download.reason }));
      return undefined;
    }
    return { bytes: download.bytes, name: file.name };
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = await readAnswer(this.respond, step, answerSchema);
    const saved = stepValues(step, state).read();
    if (answer.kind !== "ok" || saved.csvBase64 === undefined || answer.value.file !== saved.fileId) return retry(step);
    const rows = this.savedRows(saved.csvBase64);
    if (answer.verb === BULK_VERBS.addPeople) return this.addPeople(step, rows);
    const facts = this.facts(step.context);
    const readyLines = new Set(saved.readyLines ?? []);
    const applied = await this.respond.attempt(step.context, () => applyBulkAssign(facts.deps, facts.actor, rows));
    if (!applied.ok) return step.endDialog();
    const card = bulkDoneCard(facts.locale, applied.value, saved.fileName ?? "", readyLines.size, heldCount(applied.value, readyLines));
    stepValues(step, state).write({ doneCard: card.content, csvBase64: undefined });
    return showSettled(step, card, [BULK_VERBS.apply]);
  }

  /** A second click on "Assign N" (a double click): the same answer as the first, nothing assigned again. */
  private async replayStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const doneCard = stepValues(step, state).read().doneCard;
    if (submitOf(step.result)?.verb === BULK_VERBS.apply && doneCard !== undefined) {
      await this.respond.card(step.context, { contentType: "application/vnd.microsoft.card.adaptive", content: doneCard });
    }
    return step.endDialog();
  }

  /** "Add N unknown people": each gets a directory entry (as an admin adds one by hand), then the file is previewed again. */
  private async addPeople(step: WaterfallStepContext, rows: readonly AssignmentCsvRow[]): Promise<DialogTurnResult> {
    const { actor, locale, deps } = this.facts(step.context);
    const preview = await this.respond.attempt(step.context, () => previewBulkAssign(deps, actor, rows));
    if (!preview.ok) return step.endDialog();
    let added = 0;
    for (const email of unknownEmails(preview.value)) {
      try {
        await addDirectoryUser(deps, actor, { displayName: email.split("@")[0] ?? email, email });
        added++;
      } catch (error) {
        // Added meanwhile (a double click, another admin): the person is there, which is what was asked.
        if (isBenefitsError(error, "ALREADY_EXISTS")) continue;
        if (!isBenefitsError(error)) throw error;
        await this.respond.refuse(step.context, error);
        return step.endDialog();
      }
    }
    return retry(step, t(locale, "bulk.preview.added", { count: added }));
  }

  private savedRows(csvBase64: string): AssignmentCsvRow[] {
    const reading = readAssignmentCsv(Buffer.from(csvBase64, "base64"));
    // It was read once already, byte for byte the same: a failure now is a bug, not the person's input.
    if (!reading.ok) throw new Error("a previewed assignment file no longer reads");
    return reading.rows;
  }

  private async mayAddPeople({ actor, deps }: StepFacts): Promise<boolean> {
    return can((await deps.repos.users.get(actor.tenantId, actor.userId))?.value, "addUsers");
  }
}

/**
 * The rows the confirmed preview had ready that hold their benefit now: assigned by this click, or by a concurrent
 * click on the same card (then alreadyAssigned here). Both clicks of a double click thus tell the same.
 */
function heldCount(result: BulkAssignment, readyLines: ReadonlySet<number>): number {
  return result.rows.filter((r) => r.outcome === "assigned" || (r.outcome === "alreadyAssigned" && readyLines.has(r.line))).length;
}

export const bulkAssignFlow: DialogFlow = {
  id: BULK_ASSIGN_FLOW,
  intents: [/^(bulk assign(ment)?|assign in bulk|bulk assignment from (a )?csv)$/, /^(attribuer en masse|attribution en masse|attributions en masse)$/],
  startVerbs: [BULK_VERBS.howTo],
  answerVerbs: [BULK_VERBS.apply, BULK_VERBS.addPeople],
  capability: "assignBenefits",
  startsWithFile: ["csv"],
  create: (services) => new BulkAssignDialog(services),
};
