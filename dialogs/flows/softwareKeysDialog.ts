import { type DialogTurnResult, type WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import {
  adminBenefitsOf,
  isBenefitsError,
  listDirectory,
  revealSoftwareKeys,
  softwareDownloadsFor,
  softwareProductView,
  type DirectoryUser,
  type SoftwareBenefit,
} from "../../benefits";
import type { AdaptiveCardAttachment } from "../../cards/render";
import {
  softwareChoiceSubmit,
  softwareDownloadsCard,
  softwareKeysCard,
  softwareListCard,
  softwareProductCard,
  softwareRefSubmit,
  SOFTWARE_VERBS,
} from "../../cards/software";
import { t } from "../../cards/strings";
import type { FlowDefinition, FlowServices } from "../flow";
import { FlowDialog } from "../flowDialog";
import { askWithCard } from "../cardPrompt";
import { listPageOf, showListPage, turnedPage } from "../listPaging";
import { askAgain, parseAnswer, stepValues, pickItem, BACK_AND_CANCEL } from "../steps";

export const SOFTWARE_KEYS_FLOW = "softwareKeys";

const valuesSchema = z.object({ benefitId: z.string().optional(), language: z.string().optional(), os: z.string().optional() });
/** What the product list answers to: a product, or a page of the list. */
const LIST_VERBS = [SOFTWARE_VERBS.keys, SOFTWARE_VERBS.page] as const;

/** Partner Center's Software tab: Get keys (which activates the product), then language, OS and download links. */
class SoftwareKeysDialog extends FlowDialog {
  constructor(services: FlowServices) {
    super(SOFTWARE_KEYS_FLOW, services);
    this.addSteps(this.chooseProduct.bind(this), this.showProduct.bind(this), this.revealKeys.bind(this), this.showDownloads.bind(this));
  }

  private async chooseProduct(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return pickItem(step, SOFTWARE_VERBS.keys, () => this.listCard(step), [SOFTWARE_VERBS.page]);
  }

  private async showProduct(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const page = turnedPage(step.result, SOFTWARE_VERBS.page);
    if (page !== undefined) return showListPage(step, page, () => this.listCard(step), LIST_VERBS);
    const submit = parseAnswer(step.result, softwareRefSubmit);
    if (submit.kind === "invalid") return this.invalid(step, await this.listCard(step), LIST_VERBS);
    if (submit.kind === "ok") stepValues(step, valuesSchema.shape).write({ benefitId: submit.value.id });
    const product = await this.product(step);
    if (product === undefined) return step.endDialog();
    const { locale } = this.facts(step.context);
    const card = softwareProductCard(locale, product.benefit, product.userOf, product.revealAllowed);
    if (!product.revealAllowed) {
      await this.respond.card(step.context, card);
      return step.endDialog();
    }
    return askWithCard(step, card, [SOFTWARE_VERBS.reveal]);
  }

  private async revealKeys(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const submit = parseAnswer(step.result, softwareRefSubmit);
    if (submit.kind === "invalid" || (submit.kind === "ok" && submit.value.id !== this.values(step).benefitId)) {
      const product = await this.product(step);
      const { locale } = this.facts(step.context);
      return this.invalid(step, product && softwareProductCard(locale, product.benefit, product.userOf, product.revealAllowed), [SOFTWARE_VERBS.reveal]);
    }
    const { actor, deps } = this.facts(step.context);
    const revealed = await this.respond.attempt(step.context, () => revealSoftwareKeys(deps, actor, { benefitId: this.values(step).benefitId ?? "" }));
    if (!revealed.ok) return step.endDialog();
    return askWithCard(step, this.keysCard(step, revealed.value), [SOFTWARE_VERBS.download, SOFTWARE_VERBS.reveal, ...BACK_AND_CANCEL]);
  }

  private async showDownloads(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { locale } = this.facts(step.context);
    const product = await this.product(step);
    if (product === undefined) return step.endDialog();
    const verbs = [SOFTWARE_VERBS.download, SOFTWARE_VERBS.reveal, ...BACK_AND_CANCEL];
    // A second click on Get keys (a double click) shows the keys again; they were revealed once.
    const again = parseAnswer(step.result, softwareRefSubmit);
    if (again.kind === "ok" && again.verb === SOFTWARE_VERBS.reveal) return askAgain(step, this.keysCard(step, product.benefit), verbs);
    const submit = parseAnswer(step.result, softwareChoiceSubmit);
    if (submit.kind !== "ok" || submit.value.id !== product.benefit.id) {
      return askAgain(step, this.keysCard(step, product.benefit, t(locale, "software.invalidSubmit")), verbs);
    }
    const choice = { language: submit.value.language, os: submit.value.os };
    stepValues(step, valuesSchema.shape).write(choice);
    try {
      const downloads = softwareDownloadsFor(product.benefit, choice.language, choice.os);
      await this.respond.card(step.context, softwareDownloadsCard(locale, product.benefit, choice, downloads));
    } catch (e) {
      if (!isBenefitsError(e, "INVALID_INPUT")) throw e;
      return askAgain(step, this.keysCard(step, product.benefit, t(locale, "software.invalidChoice")), verbs);
    }
    return step.endDialog();
  }

  private keysCard(step: WaterfallStepContext, benefit: SoftwareBenefit, error = ""): AdaptiveCardAttachment {
    const { locale } = this.facts(step.context);
    const values = this.values(step);
    const choice = { language: values.language ?? benefit.languages[0] ?? "", os: values.os ?? benefit.operatingSystems[0] ?? "" };
    return softwareKeysCard(locale, benefit, choice, error);
  }

  private async invalid(step: WaterfallStepContext, card: AdaptiveCardAttachment | undefined, verbs: readonly string[]): Promise<DialogTurnResult> {
    const { locale } = this.facts(step.context);
    await this.respond.text(step.context, t(locale, "software.invalidSubmit"));
    return card === undefined ? step.endDialog() : askAgain(step, card, verbs);
  }

  private async listCard(step: WaterfallStepContext): Promise<AdaptiveCardAttachment | undefined> {
    const { actor, deps, locale } = this.facts(step.context);
    const listed = await this.respond.attempt(step.context, () => adminBenefitsOf(deps, actor, "software"));
    if (!listed.ok) return undefined;
    return softwareListCard(locale, listed.value, lookup(await listDirectory(deps, actor.tenantId)), listPageOf(step));
  }

  /** The chosen product as stored now; a forged id (another tenant's, another kind) is refused as not found. */
  private async product(step: WaterfallStepContext) {
    const { actor, deps } = this.facts(step.context);
    const loaded = await this.respond.attempt(step.context, () => softwareProductView(deps, actor, { benefitId: this.values(step).benefitId ?? "" }));
    if (!loaded.ok) return undefined;
    return { ...loaded.value, userOf: lookup(await listDirectory(deps, actor.tenantId)) };
  }

  private values(step: WaterfallStepContext) {
    return stepValues(step, valuesSchema.shape).read();
  }
}

function lookup(users: readonly DirectoryUser[]) {
  return (userId: string) => users.find((u) => u.id === userId);
}

export const softwareKeysFlow: FlowDefinition = {
  id: SOFTWARE_KEYS_FLOW,
  intents: [/\bsoftware\b/, /\bget (the )?keys?\b/, /\blogiciels?\b/, /\bobtenir (les )?cles\b/],
  startVerbs: [SOFTWARE_VERBS.keys],
  capability: "assignBenefits",
  answerVerbs: [SOFTWARE_VERBS.keys, SOFTWARE_VERBS.page, SOFTWARE_VERBS.reveal, SOFTWARE_VERBS.download, ...BACK_AND_CANCEL],
  create: (services) => new SoftwareKeysDialog(services),
};
