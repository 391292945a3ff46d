import type { StatePropertyAccessor, TurnContext } from "botbuilder";
import type { DialogContext, DialogState, DialogTurnResult, WaterfallStepContext } from "botbuilder-dialogs";
import { ComponentDialog, Dialog, DialogSet, DialogTurnStatus, WaterfallDialog } from "./dialogClasses";
import { errorText } from "../cards/errors";
import { privateHandoffCard } from "../cards/handoff";
import { SHOW_HELP_VERB } from "../cards/help";
import { readCardSubmit } from "../cards/submit";
import { notUnderstoodText } from "../cards/suggestions";
import { t } from "../cards/strings";
import { escapeMarkdown } from "../cards/markdown";
import { CardPrompt, isSettledPrompt } from "./cardPrompt";
import { flowOptionsSchema, normalizeText, type Answer, type AttachedFile, type FlowDefinition, type FlowServices } from "./flow";
import { helpFor, type ShowHelp } from "./help";
import { interruptionIn } from "./interruptions";
import { isSharedConversation } from "./privateMessenger";
import { turnOf } from "./turn";

export const MAIN_DIALOG = "main";
const ROUTER = "main.router";

/**
 * Routes a typed request or a card button to its flow, and handles what may interrupt any flow: cancel (nothing
 * changes) and help (where you are). Back is the waiting card's own business (see CardPrompt and steps.ts).
 */
export class MainDialog extends ComponentDialog {
  private readonly answers = new Map<string, Answer>();
  private readonly showHelp: ShowHelp;

  constructor(
    private readonly flows: readonly FlowDefinition[],
    private readonly services: FlowServices,
  ) {
    super(MAIN_DIALOG);
    this.showHelp = helpFor(flows, services);
    this.addDialog(new CardPrompt(services.respond, (dc) => this.unexpectedInput(dc)));
    for (const flow of flows) {
      if ("create" in flow) this.addDialog(flow.create(services));
      else this.answers.set(flow.id, flow.answer(services));
    }
    this.addDialog(new WaterfallDialog(ROUTER, [this.routeStep.bind(this), this.doneStep.bind(this)]));
    this.initialDialogId = ROUTER;
  }

  /** One turn of the conversation through the dialog stack kept in bot state. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    const refresh = this.refreshFor(context);
    if (refresh !== undefined) return refresh(context, {});
    const dialogs = new DialogSet(dialogState);
    dialogs.add(this);
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MAIN_DIALOG);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const { locale } = turnOf(innerDc.context);
    const activity = innerDc.context.activity;
    // On a card that only shows what was done, "cancel" or "help" is a new message (see unexpectedInput).
    const typed = activity.type === "message" && activity.value === undefined && !isSettledPrompt(innerDc);
    const interruption = typed ? interruptionIn(activity.text) : undefined;
    if (interruption === "cancel") {
      await this.services.respond.text(innerDc.context, t(locale, "common.canceled"));
      return innerDc.cancelAllDialogs();
    }
    if (interruption === "help") {
      const flow = this.activeFlow(innerDc);
      await this.services.respond.text(innerDc.context, t(locale, "common.inFlowHelp", { flow: flow === undefined ? "" : t(locale, `flow.${flow.id}.title`) }));
      return Dialog.EndOfTurn;
    }
    return super.onContinueDialog(innerDc);
  }

  /** Input that the waiting card does not answer to. */
  private async unexpectedInput(dc: DialogContext): Promise<DialogTurnResult> {
    const { locale } = turnOf(dc.context);
    const submit = readCardSubmit(dc.context.activity);
    if (submit?.verb === SHOW_HELP_VERB) {
      await this.showHelp(dc.context);
      return Dialog.EndOfTurn;
    }
    // A button from the help or overview card, or a new request typed while a card waits (often a list left open):
    // people expect the new task, not a reminder, so the waiting one is dropped.
    // A card that only says what was done (its buttons replay that answer): anything else is a new message, routed.
    const settled = isSettledPrompt(dc);
    const newTask = settled || (submit !== undefined ? this.startsAFlow(submit.verb) : this.recognizesRequest(dc.context.activity.text) || this.attachedFile(dc.context) !== undefined);
    if (newTask) {
      await dc.cancelAllDialogs();
      return dc.beginDialog(ROUTER);
    }
    if (submit !== undefined) await this.services.respond.stale(dc.context);
    else await this.services.respond.text(dc.context, t(locale, "common.waitingForCard"));
    return Dialog.EndOfTurn;
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { locale } = turnOf(step.context);
    const activity = step.context.activity;
    const submit = readCardSubmit(activity);
    if (submit?.verb === SHOW_HELP_VERB) {
      await this.showHelp(step.context);
      return step.endDialog();
    }
    if (submit !== undefined) {
      const flow = this.flows.find((f) => f.startVerbs.includes(submit.verb));
      const options = flowOptionsSchema.safeParse({ benefitId: submit.data.id, version: submit.data.version, verb: submit.verb });
      if (flow === undefined || !options.success) {
        // A click on a card whose flow already ended (a double click, an old card): do nothing twice.
        await this.services.respond.stale(step.context);
        return step.endDialog();
      }
      return this.start(step, flow, options.data);
    }
    const file = this.attachedFile(step.context);
    if (file !== undefined) {
      // What a file holds (keys, names) is for the sender's eyes and an admin's, not the whole group's.
      if (isSharedConversation(step.context)) await this.services.respond.text(step.context, t(locale, "import.chat.personalOnly"));
      const fileFlow = this.flows.find((f) => f.startsWithFile?.includes(file.fileType) === true);
      if (!isSharedConversation(step.context) && fileFlow !== undefined) return this.start(step, fileFlow, {});
      if (!isSharedConversation(step.context)) await this.services.respond.text(step.context, t(locale, "bulk.chat.unknownFileType", { file: escapeMarkdown(file.name) }));
      return step.endDialog();
    }
    const text = normalizeText(activity.text ?? "");
    const interruption = interruptionIn(activity.text);
    if (interruption === "cancel") {
      await this.services.respond.text(step.context, t(locale, "common.nothingToCancel"));
      return step.endDialog();
    }
    const flow = interruption === undefined ? this.flows.find((f) => f.intents.some((re) => re.test(text))) : undefined;
    if (flow === undefined) {
      if (interruption === "help") await this.showHelp(step.context);
      else await this.services.respond.text(step.context, notUnderstoodText(locale, activity.text ?? "", this.flows.map((f) => f.id)));
      return step.endDialog();
    }
    return this.start(step, flow, {});
  }

  private async start(step: WaterfallStepContext, flow: FlowDefinition, options: Readonly<Record<string, unknown>>): Promise<DialogTurnResult> {
    if (flow.capability !== undefined && isSharedConversation(step.context)) return this.continueInPrivate(step, flow);
    const answer = this.answers.get(flow.id);
    if (answer === undefined) return step.beginDialog(flow.id, options);
    await answer(step.context, flowOptionsSchema.parse(options));
    return step.endDialog();
  }

  /**
   * Admin tasks asked for in a group or channel go on in the person's 1:1 chat, where their cards are private. The
   * hand-off opens the task at its start (a button on a shared card may act at once, e.g. "Activate"), and only for
   * someone who may do it: anyone else is told here which role it needs.
   */
  private async continueInPrivate(step: WaterfallStepContext, flow: FlowDefinition): Promise<DialogTurnResult> {
    const { actor, locale } = turnOf(step.context);
    const respond = this.services.respond;
    if (flow.capability !== undefined) {
      const refused = await respond.refusalFor(actor, flow.capability);
      if (refused !== undefined) {
        await respond.text(step.context, errorText(locale, refused.error, refused.holders));
        return step.endDialog();
      }
    }
    const card = privateHandoffCard(locale, flow.id, flow.startVerbs[0] ?? flow.id, {});
    const sent = await this.services.messenger.sendToUser(step.context, actor.userId, card);
    await respond.text(step.context, t(locale, sent === undefined ? "handoff.unreachable" : "handoff.group"));
    return step.endDialog();
  }

  /** The file a message carries, when it carries one (typed text with it is not read); its type picks the flow. */
  private attachedFile(context: TurnContext): AttachedFile | undefined {
    const activity = context.activity;
    if (activity.type !== "message" || activity.value !== undefined) return undefined;
    return this.services.files?.fileOf(activity.attachments);
  }

  /** A card refresh is answered on its own: a card the person merely looks at must not cancel or answer their task. */
  private refreshFor(context: TurnContext): Answer | undefined {
    const activity = context.activity;
    if (activity.type !== "invoke") return undefined;
    const submit = readCardSubmit(activity);
    const flow = submit === undefined ? undefined : this.flows.find((f) => f.refreshesCards === true && f.startVerbs.includes(submit.verb));
    return flow === undefined ? undefined : this.answers.get(flow.id);
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
}
