import type { DialogTurnResult, WaterfallStepContext } from "botbuilder-dialogs";
import { directoryMember, openHeldAssignment, removeHolder } from "../../benefits";
import { HOLDER_VERBS, plainName, removeHolderConfirmCard } from "../../cards/leftHolder";
import { escapeMarkdown } from "../../cards/markdown";
import { t } from "../../cards/strings";
import { askWithCard } from "../cardPrompt";
import type { FlowDefinition, FlowServices } from "../flow";
import { factsOf, FlowDialog } from "../flowDialog";
import { loadQuietly } from "../responder";
import { BACK_AND_CANCEL } from "../steps";
import { showCurrentState } from "./benefitCurrentState";
import { heldStepValues, openFromButton, performConfirmed, readConfirmClick } from "./leftHolderSteps";

export const HOLDER_REMOVE_FLOW = "holder.remove";

const CONFIRM_VERBS = [HOLDER_VERBS.confirmRemove, ...BACK_AND_CANCEL];

/** Remove on a technical benefit's or usage-based Azure row held by someone who left: confirm, then the holder loses it. */
function createRemoveFlow(services: FlowServices): FlowDialog {
  async function confirmRemoval(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { locale } = factsOf(services, step.context);
    const opened = await openFromButton(services, step);
    if (opened === undefined) return step.endDialog();
    return askWithCard(step, removeHolderConfirmCard(locale, opened.benefit, opened.holder), CONFIRM_VERBS);
  }

  async function remove(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale, deps } = factsOf(services, step.context);
    if (!(await readConfirmClick(services, step))) return step.endDialog();
    const { benefitId = "", version, category = "technical", holderId = "" } = heldStepValues(step).read();
    // The version the confirm card was built from: what the admin agreed to remove.
    const change = () => removeHolder(deps, actor, { benefitId, category, userId: holderId, expectedVersion: version });
    const again = async (error: string) => {
      const current = await loadQuietly(() => openHeldAssignment(deps, actor, { benefitId, expectedVersion: version }));
      return current === undefined ? undefined : removeHolderConfirmCard(locale, current.benefit, current.holder, error);
    };
    const outcome = await performConfirmed(services, step, change, again, CONFIRM_VERBS);
    if ("turn" in outcome) return outcome.turn;
    const holder = await directoryMember(deps, actor.tenantId, holderId);
    const note = t(locale, "holder.remove.done", { name: escapeMarkdown(plainName(locale, holder)), benefit: escapeMarkdown(outcome.done.name) });
    await showCurrentState(services, step.context, benefitId, note);
    return step.endDialog();
  }

  return FlowDialog.of(HOLDER_REMOVE_FLOW, services, [confirmRemoval, remove]);
}

export const holderRemoveFlow: FlowDefinition = {
  id: HOLDER_REMOVE_FLOW,
  intents: [],
  startVerbs: [HOLDER_VERBS.remove],
  capability: "assignBenefits",
  onHelpCard: false,
  answerVerbs: CONFIRM_VERBS,
  create: (services) => createRemoveFlow(services),
};
