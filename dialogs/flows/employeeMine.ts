import { myBenefits } from "../../benefits";
import { MINE_VERBS, myBenefitsCard, sentPrivatelyNote } from "../../cards/myBenefits";
import { askedPage } from "../../cards/paging";
import { readCardSubmit } from "../../cards/submit";
import type { AnswerFlow } from "../flow";
import { isSharedConversation } from "../privateMessenger";
import { turnOf } from "../turn";

export const MINE_FLOW = "mine";

export const mineFlow: AnswerFlow = {
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
  answerVerbs: [],
  /** In a shared conversation the list goes to the asker alone; the group only learns that it was sent. */
  answer: ({ domain: deps, respond, messenger }) => async (context) => {
    const { actor, locale } = turnOf(context);
    // Previous / Next on the card open it again at their page (from the click's data, bounded like any card input).
    const page = askedPage(readCardSubmit(context.activity)?.data);
    const card = myBenefitsCard(locale, await myBenefits(deps, actor), deps.now(), page);
    if (!isSharedConversation(context)) {
      await respond.card(context, card);
      return;
    }
    const sent = await messenger.sendToUser(context, actor.userId, card);
    await respond.card(context, sentPrivatelyNote(locale, sent !== undefined));
  },
};
