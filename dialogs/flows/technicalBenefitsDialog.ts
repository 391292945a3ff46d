import { type DialogTurnResult, type WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import {
  activateTechnicalBenefit,
  adminBenefit,
  adminBenefitsOf,
  assignTechnicalBenefit,
  checkTechnicalAssignment,
  isBenefitsError,
  isValidEmail,
  findPickablePerson,
  listDirectory,
  prepareTechnicalAssignee,
  prepareTechnicalAssignment,
  type BenefitsError,
  type DirectoryUser,
  type TechnicalBenefit,
} from "../../benefits";
import { errorText } from "../../cards/errors";
import { pageHolding } from "../../cards/paging";
import { escapeMarkdown } from "../../cards/markdown";
import type { AdaptiveCardAttachment } from "../../cards/render";
import { t } from "../../cards/strings";
import {
  alternateEmailSubmit,
  benefitRefSubmit,
  technicalAssignedCard,
  technicalConfirmCard,
  technicalEmailCard,
  technicalListCard,
  technicalUserCard,
  TECHNICAL_VERBS,
  userChoiceSubmit,
  type UserLookup,
} from "../../cards/technical";
import type { FlowDefinition, FlowServices } from "../flow";
import { FlowDialog } from "../flowDialog";
import { askWithCard } from "../cardPrompt";
import { loadQuietly } from "../responder";
import { listPageOf, rememberListPage, showListPage, turnedPage } from "../listPaging";
import { askAgain, parseAnswer, startOptions, stepValues, isFreshStart, BACK_AND_CANCEL } from "../steps";

export const TECHNICAL_BENEFITS_FLOW = "technicalBenefits";

const assignValuesSchema = z.object({
  benefitId: z.string().optional(),
  version: z.number().optional(),
  userId: z.string().optional(),
  alternateEmail: z.string().optional(),
});
type AssignValues = z.infer<typeof assignValuesSchema>;
/** What the benefit list answers to: Assign on a row, or a page of the list (Mark active and Request start flows). */
const LIST_VERBS = [TECHNICAL_VERBS.assign, TECHNICAL_VERBS.page] as const;

/** Partner Center's Technical benefits tab: assign a user (with an alternate email), later mark the assignment active. */
class TechnicalBenefitsDialog extends FlowDialog {
  constructor(services: FlowServices) {
    super(TECHNICAL_BENEFITS_FLOW, services);
    this.addSteps(this.chooseBenefit.bind(this), this.chooseUser.bind(this), this.askAlternateEmail.bind(this), this.confirmAssignment.bind(this), this.assign.bind(this));
  }

  private async chooseBenefit(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (isFreshStart(step)) {
      const options = startOptions(step);
      if (options.verb === TECHNICAL_VERBS.activate && options.benefitId !== undefined) return this.activate(step, options.benefitId, options.version);
      if (options.verb === TECHNICAL_VERBS.assign && options.benefitId !== undefined) {
        return step.next({ verb: TECHNICAL_VERBS.assign, data: { id: options.benefitId, version: options.version ?? 0 } });
      }
    }
    const card = await this.listCard(step);
    if (card === undefined) return step.endDialog();
    return askWithCard(step, card, LIST_VERBS);
  }

  private async chooseUser(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const page = turnedPage(step.result, TECHNICAL_VERBS.page);
    if (page !== undefined) return showListPage(step, page, () => this.listCard(step), LIST_VERBS);
    const submit = parseAnswer(step.result, benefitRefSubmit);
    if (submit.kind === "invalid") return this.invalid(step, await this.listCard(step), LIST_VERBS);
    if (submit.kind === "ok") stepValues(step, assignValuesSchema.shape).write({ benefitId: submit.value.id, version: submit.value.version });
    const values = assignValues(step);
    const { actor, deps, locale } = this.facts(step.context);
    const prepared = await this.respond.attempt(
      step.context,
      () => prepareTechnicalAssignment(deps, actor, { benefitId: values.benefitId ?? "", expectedVersion: values.version }),
      (e) => this.currentState(step, e),
    );
    if (!prepared.ok) return step.endDialog();
    const selected = await findPickablePerson(deps, actor.tenantId, values.userId);
    return askWithCard(step, technicalUserCard(locale, prepared.value.benefit, prepared.value.people, selected), [TECHNICAL_VERBS.user, ...BACK_AND_CANCEL]);
  }

  private async askAlternateEmail(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const submit = parseAnswer(step.result, userChoiceSubmit);
    if (submit.kind === "invalid" || (submit.kind === "ok" && submit.value.id !== assignValues(step).benefitId)) {
      return this.invalid(step, await this.userCard(step), [TECHNICAL_VERBS.user, ...BACK_AND_CANCEL]);
    }
    if (submit.kind === "ok") stepValues(step, assignValuesSchema.shape).write({ userId: submit.value.userId });
    const values = assignValues(step);
    const { actor, deps, locale } = this.facts(step.context);
    const prepared = await this.respond.attempt(
      step.context,
      () => prepareTechnicalAssignee(deps, actor, { benefitId: values.benefitId ?? "", expectedVersion: values.version, userId: values.userId ?? "" }),
      (e) => this.currentState(step, e),
    );
    if (!prepared.ok) return step.endDialog();
    const { benefit, assignee } = prepared.value;
    return askWithCard(step, technicalEmailCard(locale, benefit, assignee, values.alternateEmail), [TECHNICAL_VERBS.email, ...BACK_AND_CANCEL]);
  }

  private async confirmAssignment(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, deps, locale } = this.facts(step.context);
    const submit = parseAnswer(step.result, alternateEmailSubmit);
    if (submit.kind === "invalid" || (submit.kind === "ok" && submit.value.id !== assignValues(step).benefitId)) {
      return this.askEmailAgain(step, assignValues(step).alternateEmail ?? "", t(locale, "technical.invalidSubmit"));
    }
    if (submit.kind === "ok") stepValues(step, assignValuesSchema.shape).write({ alternateEmail: submit.value.alternateEmail.trim() });
    const values = assignValues(step);
    const email = values.alternateEmail ?? "";
    if (!isValidEmail(email)) return this.askEmailAgain(step, email, t(locale, "technical.email.invalid", { value: escapeMarkdown(email) }));
    const input = { benefitId: values.benefitId ?? "", expectedVersion: values.version, userId: values.userId ?? "", alternateEmail: email };
    let checked: Awaited<ReturnType<typeof checkTechnicalAssignment>>;
    try {
      checked = await checkTechnicalAssignment(deps, actor, input);
    } catch (e) {
      // A wrong alternate email is asked again on the same card; anything else ends the flow with its refusal.
      if (!isBenefitsError(e)) throw e;
      if (e.code === "SAME_EMAIL") return this.askEmailAgain(step, email, errorText(locale, e));
      await this.respond.refuse(step.context, e, (err) => this.currentState(step, err));
      return step.endDialog();
    }
    return askWithCard(step, technicalConfirmCard(locale, checked.benefit, checked.assignee, email), [TECHNICAL_VERBS.confirm, ...BACK_AND_CANCEL]);
  }

  private async assign(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = assignValues(step);
    const submit = parseAnswer(step.result, benefitRefSubmit);
    if (submit.kind !== "ok" || submit.value.id !== values.benefitId) {
      const { locale } = this.facts(step.context);
      await this.respond.text(step.context, t(locale, "technical.invalidSubmit"));
      return step.endDialog();
    }
    const { actor, deps, locale } = this.facts(step.context);
    const assigned = await this.respond.attempt(
      step.context,
      () =>
        assignTechnicalBenefit(deps, actor, {
          benefitId: submit.value.id,
          userId: values.userId ?? "",
          alternateEmail: values.alternateEmail ?? "",
          expectedVersion: submit.value.version,
        }),
      (e) => this.currentState(step, e),
    );
    if (assigned.ok) {
      const users = await listDirectory(deps, actor.tenantId);
      await this.respond.card(step.context, technicalAssignedCard(locale, assigned.value, lookup(users)));
    }
    return step.endDialog();
  }

  /** "Mark active" on a benefit card: one step, the card becomes the benefit's new state. */
  private async activate(step: WaterfallStepContext, benefitId: string, version: number | undefined): Promise<DialogTurnResult> {
    const { actor, deps, locale } = this.facts(step.context);
    const activated = await this.respond.attempt(
      step.context,
      () => activateTechnicalBenefit(deps, actor, { benefitId, expectedVersion: version }),
      (e) => this.currentState(step, e, benefitId),
    );
    if (activated.ok) {
      // The card replaces the clicked list: the page holding the activated row (as the use case returned it), and the
      // list waits like the first one, so its page buttons and Assign work from it. The change is committed: a failed
      // re-read shows the activated row alone, never a refusal ("nothing was changed").
      const listed = (await loadQuietly(() => adminBenefitsOf(deps, actor, "technical"))) ?? [activated.value];
      const rows = listed.map((b) => (b.id === activated.value.id ? activated.value : b));
      rememberListPage(step, pageHolding(rows.findIndex((b) => b.id === activated.value.id)));
      const users = (await loadQuietly(() => listDirectory(deps, actor.tenantId))) ?? [];
      const card = technicalListCard(locale, rows, lookup(users), { notice: t(locale, "technical.activated.notice"), page: listPageOf(step) });
      return askWithCard(step, card, LIST_VERBS);
    }
    return step.endDialog();
  }

  private async askEmailAgain(step: WaterfallStepContext, value: string, error: string): Promise<DialogTurnResult> {
    const values = assignValues(step);
    const { actor, deps, locale } = this.facts(step.context);
    const prepared = await this.respond.attempt(step.context, () =>
      prepareTechnicalAssignee(deps, actor, { benefitId: values.benefitId ?? "", userId: values.userId ?? "" }),
    );
    if (!prepared.ok) return step.endDialog();
    return askAgain(step, technicalEmailCard(locale, prepared.value.benefit, prepared.value.assignee, value, error), [TECHNICAL_VERBS.email, ...BACK_AND_CANCEL]);
  }

  private async invalid(step: WaterfallStepContext, card: AdaptiveCardAttachment | undefined, verbs: readonly string[]): Promise<DialogTurnResult> {
    const { locale } = this.facts(step.context);
    await this.respond.text(step.context, t(locale, "technical.invalidSubmit"));
    if (card === undefined) return step.endDialog();
    return askAgain(step, card, verbs);
  }

  private async listCard(step: WaterfallStepContext): Promise<AdaptiveCardAttachment | undefined> {
    const { actor, deps, locale } = this.facts(step.context);
    const listed = await this.respond.attempt(step.context, () => adminBenefitsOf(deps, actor, "technical"));
    if (!listed.ok) return undefined;
    return technicalListCard(locale, listed.value, lookup(await listDirectory(deps, actor.tenantId)), { page: listPageOf(step) });
  }

  private async userCard(step: WaterfallStepContext): Promise<AdaptiveCardAttachment | undefined> {
    const values = assignValues(step);
    const { actor, deps, locale } = this.facts(step.context);
    const prepared = await this.respond.attempt(step.context, () => prepareTechnicalAssignment(deps, actor, { benefitId: values.benefitId ?? "" }));
    if (!prepared.ok) return undefined;
    return technicalUserCard(locale, prepared.value.benefit, prepared.value.people, await findPickablePerson(deps, actor.tenantId, values.userId));
  }

  /** The benefit as it is now, for a card that acted on an older state: nothing was done, here is the truth. */
  private async currentState(step: WaterfallStepContext, error: BenefitsError, benefitId?: string): Promise<AdaptiveCardAttachment | undefined> {
    const { actor, deps, locale } = this.facts(step.context);
    const id = benefitId ?? assignValues(step).benefitId ?? "";
    const benefit: TechnicalBenefit | undefined = await loadQuietly(() => adminBenefit(deps, actor, "technical", { benefitId: id }));
    if (benefit === undefined) return undefined;
    const notice = error.code === "STALE_CARD" ? t(locale, "common.staleCard") : t(locale, "technical.alreadyDone");
    return technicalListCard(locale, [benefit], lookup(await listDirectory(deps, actor.tenantId)), { notice, noticeTone: "attention" });
  }
}

function assignValues(step: WaterfallStepContext): AssignValues {
  return stepValues(step, assignValuesSchema.shape).read();
}

function lookup(users: readonly DirectoryUser[]): UserLookup {
  return (userId) => users.find((u) => u.id === userId);
}

export const technicalBenefitsFlow: FlowDefinition = {
  id: TECHNICAL_BENEFITS_FLOW,
  intents: [/\btechnical benefits?\b/, /\bassign support\b/, /\bavantages? techniques?\b/, /\btechnical\b/],
  startVerbs: [TECHNICAL_VERBS.start, TECHNICAL_VERBS.assign, TECHNICAL_VERBS.activate],
  capability: "assignBenefits",
  answerVerbs: [TECHNICAL_VERBS.assign, TECHNICAL_VERBS.page, TECHNICAL_VERBS.user, TECHNICAL_VERBS.email, TECHNICAL_VERBS.confirm, ...BACK_AND_CANCEL],
  create: (services) => new TechnicalBenefitsDialog(services),
};
