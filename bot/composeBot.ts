import { PrivateConversationState, type Storage, type TurnContext } from "botbuilder";
import type { UseCaseDeps } from "../benefits";
import { ALL_FLOWS } from "../dialogs/flows";
import { MainDialog } from "../dialogs/mainDialog";
import type { FileAttachments } from "../dialogs/flow";
import type { PeopleSync } from "../dialogs/peopleSync";
import { UNREACHABLE_MESSENGER, type PrivateMessenger } from "../dialogs/privateMessenger";
import { Responder } from "../dialogs/responder";
import { withTurnReads } from "../storage/turnReads";
import { BenefitsBot } from "./benefitsBot";
import { answerSearchInvoke } from "./searchInvoke";

export interface ComposeBotOptions {
  readonly storage: Storage;
  readonly domain: UseCaseDeps;
  readonly log: (message: string, error?: unknown) => void;
  readonly onActivity?: (context: TurnContext) => Promise<void>;
  readonly onUninstall?: (context: TurnContext) => Promise<void>;
  readonly privateMessenger?: PrivateMessenger;
  /** How attached files are found and fetched (see attachmentFiles); absent, files are ignored. */
  readonly files?: FileAttachments;
  /** Reads Teams rosters into the directory ("sync people"); absent, that flow says it is not available. */
  readonly people?: PeopleSync;
  /** Called on installation in a conversation and when its members change: where rosters are read. */
  readonly onRosterEvent?: (context: TurnContext) => Promise<void>;
  /** Where export links point (see FlowServices.exportBaseUrl); absent, exports say they are not set up. */
  readonly exportBaseUrl?: () => string | undefined;
}

/** The bot and its dialogs, as index.ts runs them and the tests drive them: every flow gets its services here. */
export function composeBot(options: ComposeBotOptions): BenefitsBot {
  // Keyed by conversation and person: in a group chat each member has their own dialog, so nobody's "cancel" or click
  // ends someone else's flow.
  const dialogStateStore = new PrivateConversationState(options.storage);
  const respond = new Responder(options.domain);
  const services = { domain: options.domain, messenger: options.privateMessenger ?? UNREACHABLE_MESSENGER, respond, files: options.files, people: options.people, exportBaseUrl: options.exportBaseUrl };
  const main = new MainDialog(ALL_FLOWS, services);
  const search = (context: TurnContext) => answerSearchInvoke(options.domain, context);
  return new BenefitsBot({ dialogStateStore, main, respond, log: options.log, onActivity: options.onActivity, onUninstall: options.onUninstall, search, onRosterEvent: options.onRosterEvent, withinTurn: withTurnReads });
}
