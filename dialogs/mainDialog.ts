import { ComponentDialog, Dialog, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import { errorText } from "../cards/errors";
import { privateHandoffCard } from "../cards/handoff";
import { SHOW_HELP_VERB } from "../cards/help";
import { readCardSubmit } from "../cards/submit";
import { notUnderstoodText } from "../cards/suggestions";
import { t } from "../cards/strings";
import { CardPrompt } from "./cardPrompt";
import { flowOptionsSchema, normalizeText, type FlowDefinition } from "./flow";
import { isSharedConversation, privateMessengerOf } from "./privateMessenger";
import { interruptionIn } from "./interruptions";
import { refusalFor } from "./respond";
import { turnFacts } from "./turn";
import { sendStaleNotice } from "./respond";

export const MAIN_DIALOG = "main";
const ROUTER = "main.router";

/** Shows the help card (what this person may do); given by the composition so the card knows the person's roles. */
export type ShowHelp = (dc: DialogContext) => Promise<void>;

/**
 * Routes a typed request or a card button to its flow, and handles what may interrupt any flow:
 * cancel (nothing changes), help (where you are), back (one step back).
 */
export class MainDialog extends ComponentDialog {
  constructor(
    private readonly flows: readonly FlowDefinition[],
    readonly showHelp: ShowHelp,
  ) {
    super(MAIN_DIALOG);
    this.addDialog(new CardPrompt());
    for (const flow of flows) this.addDialog(flow.create());
    this.addDialog(new WaterfallDialog(ROUTER, [this.routeStep.bind(this), this.doneStep.bind(this)]));
    this.initialDialogId = ROUTER;
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const { locale } = turnFacts(innerDc.context);
    const activity = innerDc.context.activity;
    const interruption = activity.type === "message" && activity.value === undefined ? interruptionIn(activity.text) : undefined;
    if (interruption === "cancel") {
      await innerDc.context.sendActivity(t(locale, "common.canceled"));
      return innerDc.cancelAllDialogs();
    }
    if (interruption === "help") {
      const flow = this.activeFlow(innerDc);
      await innerDc.context.sendActivity(t(locale, "common.inFlowHelp", { flow: flow === undefined ? "" : t(locale, `flow.${flow.id}.title`) }));
      return Dialog.EndOfTurn;
    }
    if (interruption === "back") return this.goBack(innerDc);
    return super.onContinueDialog(innerDc);
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { locale } = turnFacts(step.context);
    const activity = step.context.activity;
    const submit = readCardSubmit(activity);
    if (submit?.verb === SHOW_HELP_VERB) {
      await this.showHelp(step);
      return step.endDialog();
    }
    if (submit !== undefined) {
      const flow = this.flows.find((f) => f.startVerbs.includes(submit.verb));
      if (flow === undefined) {
        // A click on a card whose flow already ended (a double click, an old card): do nothing twice.
        await sendStaleNotice(step.context);
        return step.endDialog();
      }
      const options = flowOptionsSchema.safeParse({ benefitId: submit.data.id, version: submit.data.version, verb: submit.verb });
      if (!options.success) {
        await sendStaleNotice(step.context);
        return step.endDialog();
      }
      if (flow.capability !== undefined && isSharedConversation(step.context)) {
        return this.continueInPrivate(step, flow);
      }
      return step.beginDialog(flow.id, options.data);
    }
    const text = normalizeText(activity.text ?? "");
    const interruption = interruptionIn(activity.text);
    if (interruption === "cancel") {
      await step.context.sendActivity(t(locale, "common.nothingToCancel"));
      return step.endDialog();
    }
    const flow = interruption === undefined ? this.flows.find((f) => f.intents.some((re) => re.test(text))) : undefined;
    if (flow === undefined) {
      if (interruption === "help") await this.showHelp(step);
      else await step.context.sendActivity(notUnderstoodText(locale, activity.text ?? "", this.flows.map((f) => f.id)));
      return step.endDialog();
    }
    if (flow.capability !== undefined && isSharedConversation(step.context)) {
      return this.continueInPrivate(step, flow);
    }
    return step.beginDialog(flow.id, {});
  }

  /**
   * Admin tasks asked for in a group or channel go on in the person's 1:1 chat, where their cards are private. The
   * hand-off opens the task at its start (a button on a shared card may act at once, e.g. "Activate"), and only for
   * someone who may do it: anyone else is told here which role it needs.
   */
  private async continueInPrivate(step: WaterfallStepContext, flow: FlowDefinition): Promise<DialogTurnResult> {
    const { actor, locale, deps } = turnFacts(step.context);
    const capability = flow.capability;
    if (capability !== undefined) {
      const refused = await refusalFor(deps, actor, capability);
      if (refused !== undefined) {
        await step.context.sendActivity(errorText(locale, refused.error, refused.holders));
        return step.endDialog();
      }
    }
    const card = privateHandoffCard(locale, flow.id, flow.startVerbs[0] ?? flow.id, {});
    const sent = await privateMessengerOf(step.context).sendToUser(step.context, actor.userId, card);
    await step.context.sendActivity(t(locale, sent === undefined ? "handoff.unreachable" : "handoff.group"));
    return step.endDialog();
  }

  startsAFlow(verb: string): boolean {
    return this.flows.some((f) => f.startVerbs.includes(verb));
  }

  /** Whether typed text asks for a task (as the router would recognize it). */
  recognizesRequest(text: string | undefined): boolean {
    const normalized = normalizeText(text ?? "");
    return normalized !== "" && this.flows.some((f) => f.intents.some((re) => re.test(normalized)));
  }

  private async doneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog();
  }

  private activeFlow(innerDc: DialogContext): FlowDefinition | undefined {
    const ids = innerDc.stack.map((instance) => instance.id);
    return this.flows.find((f) => ids.includes(f.id));
  }

  /**
   * Flows are waterfalls whose every step but the last shows one card; going back re-runs the previous step.
   * The waterfall resumes at stepIndex + 1, so the innermost flow's index is moved two back before its prompt ends.
   */
  private async goBack(innerDc: DialogContext): Promise<DialogTurnResult> {
    const { locale } = turnFacts(innerDc.context);
    const flowIds = new Set(this.flows.map((f) => f.id));
    const flowInstance = innerDc.stack.find((instance) => flowIds.has(instance.id));
    const stepIndex = z.number().int().safeParse(flowInstance?.state?.stepIndex);
    if (flowInstance === undefined || !stepIndex.success || stepIndex.data < 1 || innerDc.stack[0] === flowInstance) {
      await innerDc.context.sendActivity(t(locale, "common.backUnavailable"));
      return Dialog.EndOfTurn;
    }
    flowInstance.state.stepIndex = stepIndex.data - 2;
    return innerDc.endDialog();
  }
}
