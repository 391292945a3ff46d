import { TeamsActivityHandler, TurnContext, type InvokeResponse, type BotState, type StatePropertyAccessor } from "botbuilder";
import type { DialogState } from "botbuilder-dialogs";
import { welcomeCard } from "../cards/help";
import { actorOf, localeOf } from "../dialogs/activity";
import type { MainDialog } from "../dialogs/mainDialog";
import type { Responder } from "../dialogs/responder";

export interface BenefitsBotDeps {
  readonly dialogStateStore: BotState;
  readonly main: MainDialog;
  /** Decides how the dialogs' replies reach the person; answers a card click with what the turn replied. */
  readonly respond: Responder;
  readonly log: (message: string, error?: unknown) => void;
  /** Called for every authenticated, tenant-guarded activity from a person: where conversation references are kept. */
  readonly onActivity?: (context: TurnContext) => Promise<void>;
  /** Answers a typeahead's application/search invoke (no dialog runs, nothing is stored). */
  readonly search?: (context: TurnContext) => Promise<InvokeResponse>;
  /** Called when the bot is removed from a conversation. */
  readonly onUninstall?: (context: TurnContext) => Promise<void>;
  /** Called when the bot is installed in a conversation and whenever its members change (the roster sync). */
  readonly onRosterEvent?: (context: TurnContext) => Promise<void>;
  /** Runs one whole turn (storage keeps the turn's reads for exactly that long: see storage/turnReads.ts). */
  readonly withinTurn?: <T>(turn: () => Promise<T>) => Promise<T>;
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
      await this.deps.onRosterEvent?.(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await this.deps.onRosterEvent?.(context);
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      await this.deps.onRosterEvent?.(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.deps.onUninstall?.(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const turn = async () => {
      await super.run(context);
      await this.deps.dialogStateStore.saveChanges(context, false);
    };
    await (this.deps.withinTurn === undefined ? turn() : this.deps.withinTurn(turn));
  }

  /** Clears a dialog that broke a turn, so the next message starts fresh instead of failing again. */
  async clearDialog(context: TurnContext): Promise<void> {
    await this.dialogState.delete(context);
    await this.deps.dialogStateStore.saveChanges(context, true);
  }

  /** Action.Execute clicks are answered here; every other invoke goes through the Teams handler as usual. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === "application/search" && this.deps.search !== undefined) return this.deps.search(context);
    if (context.activity.name !== "adaptiveCard/action") return super.onInvokeActivity(context);
    await this.converse(context);
    return { status: 200, body: this.deps.respond.clickAnswer(context) };
  }

  private async converse(context: TurnContext): Promise<void> {
    if (actorOf(context.activity) === undefined) {
      this.deps.log("Ignored an activity without from.aadObjectId: there is no one to act as");
      return;
    }
    await this.deps.onActivity?.(context);
    if (context.activity.type === "message") TurnContext.removeRecipientMention(context.activity);
    await this.deps.main.run(context, this.dialogState);
  }
}
