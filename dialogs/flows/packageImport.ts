import type { TurnContext } from "botbuilder";
import type { DialogTurnResult, WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import { importPackage, packageRecordedNotice, type Actor, type ImportReport } from "../../benefits";
import { packageRecordedCard } from "../../cards/importRecorded";
import { escapeMarkdown } from "../../cards/markdown";
import { IMPORT_VERBS, importPreviewCard, invalidFileText } from "../../cards/packageImport";
import { t } from "../../cards/strings";
import { askWithCard } from "../cardPrompt";
import type { DialogFlow, FlowServices } from "../flow";
import { FlowDialog } from "../flowDialog";
import { BACK_AND_CANCEL, readAnswer, retry, stepValues } from "../steps";

export const PACKAGE_IMPORT_FLOW = "packageImport";

const applySchema = z.object({ packageId: z.string().min(1).max(200) }).strict();

// The file itself waits in the dialog state between the preview and Import: a Teams download URL does not last, and
// what is applied must be exactly what was previewed.
const state = { fileBase64: z.string().optional(), fileName: z.string().optional(), packageId: z.string().optional() };

/** A package file attached in the personal chat: download, preview (dry run), then Import applies the same file. */
class PackageImportDialog extends FlowDialog {
  constructor(services: FlowServices) {
    super(PACKAGE_IMPORT_FLOW, services);
    this.addSteps(this.previewStep.bind(this), this.applyStep.bind(this));
  }

  private async previewStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale, deps } = this.facts(step.context);
    const values = stepValues(step, state);
    let bytes: Uint8Array;
    let fileName = values.read().fileName ?? "";
    const saved = values.read().fileBase64;
    if (saved !== undefined) {
      bytes = Buffer.from(saved, "base64");
    } else {
      const files = this.services.files;
      const file = files?.fileOf(step.context.activity.attachments);
      if (files === undefined || file === undefined) return step.endDialog();
      fileName = file.name;
      const download = await files.download(file);
      if (!download.ok) {
        await this.respond.text(step.context, t(locale, "import.chat.downloadFailed", { file: escapeMarkdown(file.name), reason: download.reason }));
        return step.endDialog();
      }
      bytes = download.bytes;
    }
    const preview = await this.respond.attempt(step.context, () => importPackage(deps, { kind: "person", actor }, bytes, { dryRun: true }));
    if (!preview.ok) return step.endDialog();
    if (!preview.value.ok) {
      await this.respond.text(step.context, invalidFileText(locale, preview.value.problems));
      return step.endDialog();
    }
    const report = preview.value.report;
    const card = importPreviewCard(locale, report, fileName);
    values.write({ fileBase64: Buffer.from(bytes).toString("base64"), fileName, packageId: report.packageId });
    if (!canApply(report)) {
      await this.respond.card(step.context, card);
      return step.endDialog();
    }
    return askWithCard(step, card, [IMPORT_VERBS.apply, ...BACK_AND_CANCEL]);
  }

  private async applyStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = await readAnswer(this.respond, step, applySchema);
    const { fileBase64, packageId } = stepValues(step, state).read();
    if (answer.kind !== "ok" || fileBase64 === undefined || answer.value.packageId !== packageId) return retry(step);
    const { actor, locale, deps } = this.facts(step.context);
    const imported = await this.respond.attempt(step.context, () => importPackage(deps, { kind: "person", actor }, Buffer.from(fileBase64, "base64")));
    if (!imported.ok) return step.endDialog();
    if (!imported.value.ok) {
      await this.respond.text(step.context, invalidFileText(locale, imported.value.problems));
      return step.endDialog();
    }
    const report = imported.value.report;
    await this.respond.text(step.context, t(locale, "import.chat.done", { package: escapeMarkdown(report.packageName), ...report.counts }));
    await this.tellAdmins(step.context, actor, report);
    return step.endDialog();
  }

  /** A new package recorded by anyone: each global admin gets "‹person› recorded ‹package›" with Remove. */
  private async tellAdmins(context: TurnContext, actor: Actor, report: ImportReport): Promise<void> {
    const notice = await packageRecordedNotice(this.services.domain, actor, report);
    if (notice === undefined) return;
    for (const adminId of notice.recipientIds) {
      await this.services.messenger.sendToUser(context, adminId, (reader) => packageRecordedCard(reader, notice));
    }
  }
}

function canApply(report: ImportReport): boolean {
  const nothingToDo = report.packageOutcome === "unchanged" && report.counts.created + report.counts.changed === 0;
  return report.mayApply && !nothingToDo;
}

export const packageImportFlow: DialogFlow = {
  id: PACKAGE_IMPORT_FLOW,
  intents: [],
  startVerbs: [],
  answerVerbs: [IMPORT_VERBS.apply],
  onHelpCard: false,
  startsWithFile: ["json"],
  create: (services) => new PackageImportDialog(services),
};
