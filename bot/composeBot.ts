import { ConversationState, type Storage, type TurnContext } from "botbuilder";
import type { UseCaseDeps } from "../benefits";
import { ALL_FLOWS } from "../dialogs/flows";
import type { PrivateMessenger } from "../dialogs/flows/employeeMessenger";
import { helpFor } from "../dialogs/help";
import { MainDialog } from "../dialogs/mainDialog";
import { BenefitsBot } from "./benefitsBot";

export interface ComposeBotOptions {
  readonly storage: Storage;
  readonly domain: UseCaseDeps;
  readonly log: (message: string, error?: unknown) => void;
  readonly onActivity?: (context: TurnContext) => Promise<void>;
  readonly onUninstall?: (context: TurnContext) => Promise<void>;
  readonly privateMessenger?: PrivateMessenger;
}

/** The bot and its dialogs, as index.ts runs them and the tests drive them. */
export function composeBot(options: ComposeBotOptions): BenefitsBot {
  const conversationState = new ConversationState(options.storage);
  const main = new MainDialog(ALL_FLOWS, helpFor(ALL_FLOWS));
  return new BenefitsBot({ conversationState, main, domain: options.domain, log: options.log, onActivity: options.onActivity, onUninstall: options.onUninstall, privateMessenger: options.privateMessenger });
}
