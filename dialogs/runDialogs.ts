import type { StatePropertyAccessor, TurnContext } from "botbuilder";
import { DialogSet, DialogTurnStatus, type DialogState } from "botbuilder-dialogs";
import { noticeCard } from "../cards/notice";
import { readCardSubmit } from "../cards/submit";
import { t } from "../cards/strings";
import { STALE_SUBMIT } from "./cardPrompt";
import type { FlowDefinition } from "./flow";
import { MAIN_DIALOG, type MainDialog } from "./mainDialog";
import { turnFacts } from "./turn";

/** One turn of the conversation through the dialog stack kept in bot state. */
export async function runDialogs(
  context: TurnContext,
  dialogState: StatePropertyAccessor<DialogState>,
  main: MainDialog,
  flows: readonly FlowDefinition[],
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
  if (submit !== undefined && flows.some((f) => f.startVerbs.includes(submit.verb))) {
    // A button from the help or overview card while another flow waits: that flow is dropped, the new one starts.
    await dc.cancelAllDialogs();
    await dc.beginDialog(MAIN_DIALOG);
  } else if (submit !== undefined) {
    await context.sendActivity({ attachments: [noticeCard(t(locale, "common.staleCardGone"))] });
  } else {
    await context.sendActivity(t(locale, "common.waitingForCard"));
  }
}
