import type { StatePropertyAccessor, TurnContext } from "botbuilder";
import { DialogSet, DialogTurnStatus, type DialogState } from "botbuilder-dialogs";
import { SHOW_HELP_VERB } from "../cards/help";
import { readCardSubmit } from "../cards/submit";
import { t } from "../cards/strings";
import { STALE_SUBMIT } from "./cardPrompt";
import { MAIN_DIALOG, type MainDialog } from "./mainDialog";
import { turnFacts } from "./turn";
import { sendStaleNotice } from "./respond";

/** One turn of the conversation through the dialog stack kept in bot state. */
export async function runDialogs(
  context: TurnContext,
  dialogState: StatePropertyAccessor<DialogState>,
  main: MainDialog,
): Promise<void> {
  const dialogs = new DialogSet(dialogState);
  dialogs.add(main);
  const dc = await dialogs.createContext(context);
  const result = await dc.continueDialog();
  if (result.status === DialogTurnStatus.empty) {
    await dc.beginDialog(MAIN_DIALOG);
    return;
  }
  if (context.turnState.get(STALE_SUBMIT) === undefined) return;
  const submit = readCardSubmit(context.activity);
  const { locale } = turnFacts(context);
  if (submit?.verb === SHOW_HELP_VERB) {
    await main.showHelp(dc);
  } else if (submit !== undefined && main.startsAFlow(submit.verb)) {
    // A button from the help or overview card while another flow waits: that flow is dropped, the new one starts.
    await dc.cancelAllDialogs();
    await dc.beginDialog(MAIN_DIALOG);
  } else if (submit !== undefined) {
    await sendStaleNotice(context);
  } else if (main.recognizesRequest(context.activity.text)) {
    // A new request typed while a card waits (often a list left open): people expect the new task, not a reminder.
    await dc.cancelAllDialogs();
    await dc.beginDialog(MAIN_DIALOG);
  } else {
    await context.sendActivity(t(locale, "common.waitingForCard"));
  }
}
