import type { DialogTurnResult, WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import {
  assertAlternateEmailDiffers,
  directoryMember,
  findPickablePerson,
  isBenefitsError,
  isValidEmail,
  openHeldAssignment,
  peopleToPick,
  reassignTechnicalBenefit,
  takeOverCloudAssignment,
  type HeldAssignment,
  type HeldBenefit,
} from "../../benefits";
import { errorText } from "../../cards/errors";
import { HOLDER_VERBS, plainName, reassignConfirmCard, reassignFormCard, takeOverConfirmCard } from "../../cards/leftHolder";
import { escapeMarkdown } from "../../cards/markdown";
import type { AdaptiveCardAttachment } from "../../cards/render";
import { t } from "../../cards/strings";
import { refSchema } from "../../cards/submit";
import { askWithCard } from "../cardPrompt";
import type { FlowDefinition, FlowServices } from "../flow";
import { factsOf, FlowDialog } from "../flowDialog";
import { loadQuietly } from "../responder";
import { askAgain, BACK_AND_CANCEL, submitOf } from "../steps";
import { showCurrentState } from "./benefitCurrentState";
import { heldStepValues, openFromButton, performConfirmed, readConfirmClick } from "./leftHolderSteps";

export const HOLDER_REASSIGN_FLOW = "holder.reassign";

const FORM_VERBS = [HOLDER_VERBS.person, ...BACK_AND_CANCEL];
const CONFIRM_VERBS = [HOLDER_VERBS.confirmReassign, ...BACK_AND_CANCEL];

// The form's inputs travel with its button; an untouched picker or email may be absent or "".
const formSchema = z
  .object({ id: refSchema.id, version: refSchema.version, userId: refSchema.id.or(z.literal("")).optional(), alternateEmail: z.string().max(254).optional() })
  .strict();

/**
 * Reassign on a row held by someone who left. A technical benefit: pick the new user and their alternate email (as
 * when assigning), confirm, and the benefit moves in one write. A usage-based Azure subscription: Partner Center
 * assigns it only to oneself, so the admin who clicks takes it over (confirm, one write).
 */
function createReassignFlow(services: FlowServices): FlowDialog {
  async function formCard(step: WaterfallStepContext, held: HeldAssignment, error: string): Promise<AdaptiveCardAttachment> {
    const { actor, locale, deps } = factsOf(services, step.context);
    const { toUserId, alternateEmail = "" } = heldStepValues(step).read();
    const people = await peopleToPick(deps, actor.tenantId, { kind: "directory" });
    const selected = await findPickablePerson(deps, actor.tenantId, toUserId);
    return reassignFormCard(locale, held.benefit, held.holder, { people, selected, email: alternateEmail, error });
  }

  async function askNewHolder(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { locale } = factsOf(services, step.context);
    const held = await openFromButton(services, step);
    if (held === undefined) return step.endDialog();
    if (held.benefit.category === "cloud") return askWithCard(step, takeOverConfirmCard(locale, held.benefit, held.holder), CONFIRM_VERBS);
    return askWithCard(step, await formCard(step, held, ""), FORM_VERBS);
  }

  async function confirmNewHolder(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale, deps } = factsOf(services, step.context);
    const values = heldStepValues(step);
    // Taking over Azure has no form: its confirm click goes straight on.
    if (values.read().category === "cloud") return step.next(step.result);
    const submit = submitOf(step.result);
    if (submit !== undefined) {
      const form = formSchema.safeParse(submit.data);
      if (!form.success || form.data.id !== values.read().benefitId) {
        await showCurrentState(services, step.context, values.read().benefitId ?? "", t(locale, "common.staleCard"));
        return step.endDialog();
      }
      values.write({ toUserId: form.data.userId ?? "", alternateEmail: (form.data.alternateEmail ?? "").trim() });
    }
    const { benefitId = "", version, holderId, toUserId = "", alternateEmail = "" } = values.read();
    const opened = await loadQuietly(() => openHeldAssignment(deps, actor, { benefitId, expectedVersion: version }));
    if (opened === undefined || opened.holderId !== holderId) {
      await showCurrentState(services, step.context, benefitId, t(locale, "common.staleCard"));
      return step.endDialog();
    }
    const reask = async (error: string) => askAgain(step, await formCard(step, opened, error), FORM_VERBS);
    if (toUserId === "") return reask(t(locale, "common.missing.person"));
    // A typeahead choice is whatever id the client sent: it must be a person of this tenant who has not left.
    const to = await findPickablePerson(deps, actor.tenantId, toUserId);
    if (to === undefined) return reask(t(locale, "holder.reassign.unknownPerson"));
    if (to.id === holderId) return reask(t(locale, "holder.reassign.samePerson", { name: escapeMarkdown(to.displayName) }));
    if (alternateEmail === "") return reask(t(locale, "common.missing.email"));
    if (!isValidEmail(alternateEmail)) return reask(t(locale, "holder.reassign.invalidEmail", { value: escapeMarkdown(alternateEmail) }));
    try {
      assertAlternateEmailDiffers(to.email, alternateEmail);
    } catch (e) {
      if (!isBenefitsError(e, "SAME_EMAIL")) throw e;
      return reask(errorText(locale, e));
    }
    return askWithCard(step, reassignConfirmCard(locale, opened.benefit, opened.holder, { to, alternateEmail }), CONFIRM_VERBS);
  }

  async function reassign(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale, deps } = factsOf(services, step.context);
    if (!(await readConfirmClick(services, step))) return step.endDialog();
    const { benefitId = "", version, category, holderId = "", toUserId = "", alternateEmail = "" } = heldStepValues(step).read();
    // The version the confirm card was built from: what the admin agreed to.
    const change = (): Promise<HeldBenefit> =>
      category === "cloud"
        ? takeOverCloudAssignment(deps, actor, { benefitId, userId: holderId, expectedVersion: version })
        : reassignTechnicalBenefit(deps, actor, { benefitId, fromUserId: holderId, toUserId, alternateEmail, expectedVersion: version });
    const again = async (error: string) => {
      const current = await loadQuietly(() => openHeldAssignment(deps, actor, { benefitId, expectedVersion: version }));
      if (current === undefined) return undefined;
      if (category === "cloud") return takeOverConfirmCard(locale, current.benefit, current.holder, error);
      const to = await findPickablePerson(deps, actor.tenantId, toUserId);
      return to === undefined ? undefined : reassignConfirmCard(locale, current.benefit, current.holder, { to, alternateEmail }, error);
    };
    const outcome = await performConfirmed(services, step, change, again, CONFIRM_VERBS);
    if ("turn" in outcome) return outcome.turn;
    const from = escapeMarkdown(plainName(locale, await directoryMember(deps, actor.tenantId, holderId)));
    const benefit = escapeMarkdown(outcome.done.name);
    const note =
      category === "cloud"
        ? t(locale, "holder.takeOver.done", { benefit, name: from })
        : t(locale, "holder.reassign.done", { benefit, from, to: escapeMarkdown(plainName(locale, await directoryMember(deps, actor.tenantId, toUserId))) });
    await showCurrentState(services, step.context, benefitId, note);
    return step.endDialog();
  }

  return FlowDialog.of(HOLDER_REASSIGN_FLOW, services, [askNewHolder, confirmNewHolder, reassign]);
}

export const holderReassignFlow: FlowDefinition = {
  id: HOLDER_REASSIGN_FLOW,
  intents: [],
  startVerbs: [HOLDER_VERBS.reassign],
  capability: "assignBenefits",
  onHelpCard: false,
  answerVerbs: [HOLDER_VERBS.person, HOLDER_VERBS.confirmReassign, ...BACK_AND_CANCEL],
  create: (services) => createReassignFlow(services),
};
