import { type DialogTurnResult, type WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import { adminBenefit, adminBenefitsOf, assignCloudToSelf, listDirectory, revealCloudKeys, type BenefitsError, type DirectoryUser } from "../../benefits";
import { CLOUD_VERBS, cloudListCard, cloudNextAction, cloudRefSubmit, cloudSubscriptionCard } from "../../cards/cloud";
import type { AdaptiveCardAttachment } from "../../cards/render";
import { t } from "../../cards/strings";
import type { FlowDefinition, FlowServices } from "../flow";
import { FlowDialog } from "../flowDialog";
import { askWithCard } from "../cardPrompt";
import { listPageOf, showListPage, turnedPage } from "../listPaging";
import { askAgain, parseAnswer, stepValues, pickItem } from "../steps";
import { loadQuietly } from "../responder";

export const CLOUD_SERVICES_FLOW = "cloudServices";

const valuesSchema = z.object({ benefitId: z.string().optional() });
/** What the subscription list answers to: a subscription, or a page of the list. */
const LIST_VERBS = [CLOUD_VERBS.open, CLOUD_VERBS.page] as const;

/** Partner Center's Cloud tab: usage-based Azure subscriptions are assigned to oneself, license-based ones give keys. */
class CloudServicesDialog extends FlowDialog {
  constructor(services: FlowServices) {
    super(CLOUD_SERVICES_FLOW, services);
    this.addSteps(this.chooseSubscription.bind(this), this.showSubscription.bind(this), this.activate.bind(this));
  }

  private async chooseSubscription(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return pickItem(step, CLOUD_VERBS.open, () => this.listCard(step), [CLOUD_VERBS.page]);
  }

  private async showSubscription(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, deps, locale } = this.facts(step.context);
    const page = turnedPage(step.result, CLOUD_VERBS.page);
    if (page !== undefined) return showListPage(step, page, () => this.listCard(step), LIST_VERBS);
    const submit = parseAnswer(step.result, cloudRefSubmit);
    if (submit.kind === "invalid") {
      await this.respond.text(step.context, t(locale, "cloud.invalidSubmit"));
      const card = await this.listCard(step);
      return card === undefined ? step.endDialog() : askAgain(step, card, LIST_VERBS);
    }
    if (submit.kind === "ok") stepValues(step, valuesSchema.shape).write({ benefitId: submit.value.id });
    const benefitId = this.benefitId(step);
    const loaded = await this.respond.attempt(step.context, () => adminBenefit(deps, actor, "cloud", { benefitId }));
    if (!loaded.ok) return step.endDialog();
    const card = cloudSubscriptionCard(locale, loaded.value, lookup(await listDirectory(deps, actor.tenantId)));
    const next = cloudNextAction(loaded.value);
    if (next === "") {
      // Nothing left to do here (e.g. already assigned): the card shows the state and where to manage it.
      await this.respond.card(step.context, card);
      return step.endDialog();
    }
    return askWithCard(step, card, [next]);
  }

  private async activate(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, deps, locale } = this.facts(step.context);
    const submit = parseAnswer(step.result, cloudRefSubmit);
    const benefitId = this.benefitId(step);
    if (submit.kind !== "ok" || submit.value.id !== benefitId) {
      await this.respond.text(step.context, t(locale, "cloud.invalidSubmit"));
      return step.endDialog();
    }
    const run =
      submit.verb === CLOUD_VERBS.assignSelf
        ? () => assignCloudToSelf(deps, actor, { benefitId, expectedVersion: submit.value.version })
        : () => revealCloudKeys(deps, actor, { benefitId });
    const done = await this.respond.attempt(step.context, run, (e) => this.currentState(step, e));
    if (done.ok) {
      const card = cloudSubscriptionCard(locale, done.value, lookup(await listDirectory(deps, actor.tenantId)), { done: true });
      await this.respond.card(step.context, card);
    }
    return step.endDialog();
  }

  private async currentState(step: WaterfallStepContext, error: BenefitsError): Promise<AdaptiveCardAttachment | undefined> {
    const { actor, deps, locale } = this.facts(step.context);
    const benefit = await loadQuietly(() => adminBenefit(deps, actor, "cloud", { benefitId: this.benefitId(step) }));
    if (benefit === undefined) return undefined;
    const notice = error.code === "STALE_CARD" ? t(locale, "common.staleCard") : t(locale, "cloud.alreadyDone");
    return cloudSubscriptionCard(locale, benefit, lookup(await listDirectory(deps, actor.tenantId)), { notice });
  }

  private async listCard(step: WaterfallStepContext): Promise<AdaptiveCardAttachment | undefined> {
    const { actor, deps, locale } = this.facts(step.context);
    const listed = await this.respond.attempt(step.context, () => adminBenefitsOf(deps, actor, "cloud"));
    if (!listed.ok) return undefined;
    return cloudListCard(locale, listed.value, lookup(await listDirectory(deps, actor.tenantId)), listPageOf(step));
  }

  private benefitId(step: WaterfallStepContext): string {
    return stepValues(step, valuesSchema.shape).read().benefitId ?? "";
  }
}

function lookup(users: readonly DirectoryUser[]) {
  return (userId: string) => users.find((u) => u.id === userId);
}

export const cloudServicesFlow: FlowDefinition = {
  id: CLOUD_SERVICES_FLOW,
  intents: [/\bcloud\b/, /\bazure\b/, /\bservices? cloud\b/],
  startVerbs: [CLOUD_VERBS.open],
  capability: "assignBenefits",
  answerVerbs: [CLOUD_VERBS.open, CLOUD_VERBS.page, CLOUD_VERBS.assignSelf, CLOUD_VERBS.reveal],
  create: (services) => new CloudServicesDialog(services),
};
