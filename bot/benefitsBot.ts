import {
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type BotState,
  type StatePropertyAccessor,
} from "botbuilder";
import type { DialogState } from "botbuilder-dialogs";
import type { UseCaseDeps } from "../benefits";
import { welcomeCard } from "../cards/help";
import { noticeCard } from "../cards/notice";
import { ADAPTIVE_CARD_CONTENT_TYPE } from "../cards/render";
import type { MainDialog } from "../dialogs/mainDialog";
import { setPrivateMessenger, type PrivateMessenger } from "../dialogs/privateMessenger";
import { runDialogs } from "../dialogs/runDialogs";
import { setTurnFacts } from "../dialogs/turn";
import { actorOf, localeOf } from "./activityContext";

export interface BenefitsBotDeps {
  readonly dialogStateStore: BotState;
  readonly main: MainDialog;
  readonly domain: UseCaseDeps;
  readonly log: (message: string, error?: unknown) => void;
  /** Called for every authenticated, tenant-guarded activity from a person: where conversation references are kept. */
  readonly onActivity?: (context: TurnContext) => Promise<void>;
  /** Sends cards to one person's 1:1 chat (answers asked for in a group, requests to admins). */
  readonly privateMessenger?: PrivateMessenger;
  /** Called when the bot is removed from a conversation. */
  readonly onUninstall?: (context: TurnContext) => Promise<void>;
}

/**
 * The Teams face: messages and card actions go to the dialogs, the install greets. The dialog stack is the only thing
 * kept in conversation state; business data lives behind the domain's repositories.
 */
export class BenefitsBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;

  constructor(private readonly deps: BenefitsBotDeps) {
    super();
    this.dialogState = deps.dialogStateStore.createProperty<DialogState>("dialogState");

    this.onMessage(async (context, next) => {
      await this.converse(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.deps.onActivity?.(context);
      await context.sendActivity({ attachments: [welcomeCard(localeOf(context.activity))] });
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.deps.onUninstall?.(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.dialogStateStore.saveChanges(context, false);
  }

  /** Clears a dialog that broke a turn, so the next message starts fresh instead of failing again. */
  async clearDialog(context: TurnContext): Promise<void> {
    await this.dialogState.delete(context);
    await this.deps.dialogStateStore.saveChanges(context, true);
  }

  /**
   * Action.Execute: the first card the turn produces replaces the clicked card (no stale buttons left behind);
   * anything else the turn sends goes out as ordinary messages.
   */
  protected override async onAdaptiveCardInvoke(context: TurnContext, _value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    let replacement: Record<string, unknown> | undefined;
    const texts: string[] = [];
    context.onSendActivities(async (_ctx, activities, next) => {
      for (const activity of activities) if (activity.type === "message" && activity.text) texts.push(activity.text);
      const remaining = activities.filter((activity) => {
        const card = activity.attachments?.find((a) => a.contentType === ADAPTIVE_CARD_CONTENT_TYPE);
        if (replacement !== undefined || activity.type !== "message" || card === undefined || activity.attachments?.length !== 1) return true;
        replacement = card.content;
        return false;
      });
      const sent = remaining.length > 0 ? await next() : [];
      return activities.map((a) => sent[remaining.indexOf(a)] ?? { id: "" });
    });
    await this.converse(context);
    if (replacement !== undefined) return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: replacement };
    // Teams wants a card back; a turn that only said something leaves that sentence on the clicked card too.
    return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: noticeCard(texts.join("\n\n")).content };
  }

  private async converse(context: TurnContext): Promise<void> {
    const actor = actorOf(context.activity);
    if (actor === undefined) {
      this.deps.log("Ignored an activity without from.aadObjectId: there is no one to act as");
      return;
    }
    await this.deps.onActivity?.(context);
    if (context.activity.type === "message") TurnContext.removeRecipientMention(context.activity);
    setTurnFacts(context, { actor, locale: localeOf(context.activity), deps: this.deps.domain });
    if (this.deps.privateMessenger !== undefined) setPrivateMessenger(context, this.deps.privateMessenger);
    await runDialogs(context, this.dialogState, this.deps.main);
  }
}
