import {
  TeamsActivityHandler,
  TurnContext,
  type InvokeResponse,
  type BotState,
  type StatePropertyAccessor,
} from "botbuilder";
import type { DialogState } from "botbuilder-dialogs";
import type { UseCaseDeps } from "../benefits";
import { welcomeCard } from "../cards/help";
import { noticeCard } from "../cards/notice";
import { ADAPTIVE_CARD_CONTENT_TYPE } from "../cards/render";
import type { MainDialog } from "../dialogs/mainDialog";
import { isSharedConversation, setPrivateMessenger, type PrivateMessenger } from "../dialogs/privateMessenger";
import { runDialogs } from "../dialogs/runDialogs";
import { setTurnFacts } from "../dialogs/turn";
import { actorOf, localeOf, readerOf } from "./activityContext";

const MESSAGE_CONTENT_TYPE = "application/vnd.microsoft.activity.message";

/** The body of an Action.Execute answer: a card that replaces the clicked one, or a message shown to the clicker. */
type CardActionAnswer =
  | { readonly statusCode: 200; readonly type: typeof ADAPTIVE_CARD_CONTENT_TYPE; readonly value: Record<string, unknown> }
  | { readonly statusCode: 200; readonly type: typeof MESSAGE_CONTENT_TYPE; readonly value: string };

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

  /** Action.Execute clicks are answered here; every other invoke goes through the Teams handler as usual. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== "adaptiveCard/action") return super.onInvokeActivity(context);
    return { status: 200, body: await this.answerCardAction(context) };
  }

  /**
   * In a personal chat the first card the turn produces replaces the clicked card (no stale buttons left behind).
   * In a group or channel the clicked card is everyone's: it is left alone, what the turn says goes to the clicker
   * only (as the invoke's message answer), and new cards are posted as new messages.
   */
  private async answerCardAction(context: TurnContext): Promise<CardActionAnswer> {
    const shared = isSharedConversation(context);
    let replacement: Record<string, unknown> | undefined;
    const texts: string[] = [];
    context.onSendActivities(async (_ctx, activities, next) => {
      const remaining = activities.filter((activity) => {
        if (activity.type !== "message") return true;
        const card = activity.attachments?.find((a) => a.contentType === ADAPTIVE_CARD_CONTENT_TYPE);
        if (shared && card === undefined && activity.text) {
          texts.push(activity.text);
          return false;
        }
        if (!shared && activity.text) texts.push(activity.text);
        if (shared || replacement !== undefined || card === undefined || activity.attachments?.length !== 1) return true;
        replacement = card.content;
        return false;
      });
      const sent = remaining.length > 0 ? await next() : [];
      return activities.map((a) => sent[remaining.indexOf(a)] ?? { id: "" });
    });
    await this.converse(context);
    if (replacement !== undefined) return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: replacement };
    if (shared) return { statusCode: 200, type: MESSAGE_CONTENT_TYPE, value: texts.join("\n\n") };
    // A personal chat's card is replaced by what the turn said, so no button of it stays clickable.
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
    setTurnFacts(context, { actor, locale: readerOf(context.activity), deps: this.deps.domain });
    if (this.deps.privateMessenger !== undefined) setPrivateMessenger(context, this.deps.privateMessenger);
    await runDialogs(context, this.dialogState, this.deps.main);
  }
}
