import type { DialogTurnResult, WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import { isBenefitsError, openHeldAssignment, type BenefitsError, type HeldAssignment } from "../../benefits";
import { errorText } from "../../cards/errors";
import type { AdaptiveCardAttachment } from "../../cards/render";
import { t } from "../../cards/strings";
import { refSchema } from "../../cards/submit";
import type { FlowServices } from "../flow";
import { factsOf } from "../flowDialog";
import { askAgain, isFreshStart, startOptions, stepValues, submitOf } from "../steps";
import { attemptOnBenefit, showCurrentState } from "./benefitCurrentState";

/** What the steps of Reassign and Remove remember: the benefit, the version the admin saw, and its holder then. */
const heldValues = {
  benefitId: z.string().optional(),
  version: z.number().optional(),
  category: z.enum(["technical", "cloud"]).optional(),
  holderId: z.string().optional(),
  toUserId: z.string().optional(),
  alternateEmail: z.string().optional(),
};

export function heldStepValues(step: WaterfallStepContext) {
  return stepValues(step, heldValues);
}

/** A click on the confirm card: it names the benefit (the admin's choices are the ones the steps remember). */
export const confirmClickSchema = z.object({ id: refSchema.id, version: refSchema.version }).strict();

/**
 * The benefit behind the row's button, opened with the version the row showed (on a re-ask, the one saved), and
 * remembered. Undefined when there is none to act on: the person was told why (the current state, when outdated).
 */
export async function openFromButton(services: FlowServices, step: WaterfallStepContext): Promise<HeldAssignment | undefined> {
  const { actor, locale, deps } = factsOf(services, step.context);
  const values = heldStepValues(step);
  const start = startOptions(step);
  const benefitId = isFreshStart(step) ? start.benefitId : values.read().benefitId;
  if (benefitId === undefined) {
    await services.respond.text(step.context, t(locale, "holder.noItem"));
    return undefined;
  }
  const expectedVersion = isFreshStart(step) ? start.version : values.read().version;
  const opened = await attemptOnBenefit(services, step.context, benefitId, () => openHeldAssignment(deps, actor, { benefitId, expectedVersion }));
  if (!opened.ok) return undefined;
  const { benefit, holderId } = opened.value;
  values.write({ benefitId: benefit.id, version: benefit.version, category: benefit.category, holderId });
  return opened.value;
}

/** The confirm click, checked against what the steps asked about: another benefit's id means an outdated card. */
export async function readConfirmClick(services: FlowServices, step: WaterfallStepContext): Promise<boolean> {
  const { locale } = factsOf(services, step.context);
  const benefitId = heldStepValues(step).read().benefitId ?? "";
  const click = confirmClickSchema.safeParse(submitOf(step.result)?.data);
  if (click.success && click.data.id === benefitId) return true;
  await showCurrentState(services, step.context, benefitId, t(locale, "common.staleCard"));
  return false;
}

/**
 * Runs the change the admin confirmed. It is one conditional write, so a store failure means nothing was changed:
 * the same confirm card comes back with the reason on it, and pressing it again is the retry (a replay of a change
 * that did land writes nothing). Outdated cards are answered with the benefit as it is now.
 */
export async function performConfirmed<T>(
  services: FlowServices,
  step: WaterfallStepContext,
  change: () => Promise<T>,
  confirmCardAgain: (error: string) => Promise<AdaptiveCardAttachment | undefined>,
  verbs: readonly string[],
): Promise<{ done: T } | { turn: DialogTurnResult }> {
  const { locale } = factsOf(services, step.context);
  const benefitId = heldStepValues(step).read().benefitId ?? "";
  try {
    return { done: await change() };
  } catch (e) {
    if (!isBenefitsError(e)) throw e;
    if (!isStoreFailure(e)) {
      if (e.code === "STALE_CARD") await showCurrentState(services, step.context, benefitId, t(locale, "common.staleCard"));
      else await services.respond.refuse(step.context, e);
      return { turn: await step.endDialog() };
    }
    const card = await confirmCardAgain(errorText(locale, e));
    if (card === undefined) {
      await services.respond.refuse(step.context, e);
      return { turn: await step.endDialog() };
    }
    return { turn: await askAgain(step, card, verbs) };
  }
}

function isStoreFailure(e: BenefitsError): boolean {
  return e.code === "UNAVAILABLE" || e.code === "THROTTLED";
}
