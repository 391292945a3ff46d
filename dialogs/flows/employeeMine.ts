import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from "botbuilder-dialogs";
import { myBenefits } from "../../benefits";
import { MINE_VERBS, myBenefitsCard, sentPrivatelyNote } from "../../cards/myBenefits";
import type { FlowDefinition } from "../flow";
import { sendCard } from "../respond";
import { turnFacts } from "../turn";
import { isSharedConversation, privateMessengerOf } from "../privateMessenger";

export const MINE_FLOW = "mine";

/** In a shared conversation the list goes to the asker alone; the group only learns that it was sent. */
async function showMineStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const { actor, locale, deps } = turnFacts(step.context);
  const card = myBenefitsCard(locale, await myBenefits(deps, actor), deps.now());
  if (!isSharedConversation(step.context)) {
    await sendCard(step.context, card);
    return step.endDialog();
  }
  const sent = await privateMessengerOf(step.context).sendToUser(step.context, actor.userId, card);
  await sendCard(step.context, sentPrivatelyNote(locale, sent !== undefined));
  return step.endDialog();
}

export const mineFlow: FlowDefinition = {
  id: MINE_FLOW,
  intents: [
    /\b(what s|whats|what is|what has been|what was|what are|what have i been|show|list) .*\b(assigned|given|allocated) (to )?(me|to me)\b/,
    /^(please )?((show|list|see|view)( me)? )?(all )?my (own )?(benefits|subscriptions|assignments|licenses)( please)?$/,
    /^(what do i have|what have i got)$/,
    /\bm (est|ont ete|a ete) (attribue|assigne|affecte|donne)e?s?\b/,
    /\b(qu est-ce que|qu est ce que|que) j ai\b/,
    /^((afficher|voir|montrer|montre|montrez)( moi)? )?(tous )?mes (propres )?(avantages|abonnements|attributions|licences)( svp| s il vous plait)?$/,
  ],
  startVerbs: [MINE_VERBS.show],
  create: () => new WaterfallDialog(MINE_FLOW, [showMineStep]),
};
