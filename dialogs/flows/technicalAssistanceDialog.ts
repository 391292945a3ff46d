import { type DialogTurnResult, type WaterfallStepContext } from "botbuilder-dialogs";
import { z } from "zod";
import { adminBenefitsOf, requestAssistance, type ServiceRequest, type TechnicalBenefit } from "../../benefits";
import { t } from "../../cards/strings";
import {
  assistanceSubmit,
  technicalAssistanceCard,
  technicalAssistanceDoneCard,
  TECHNICAL_VERBS,
  type AssistanceFormValues,
} from "../../cards/technical";
import type { FlowDefinition, FlowServices } from "../flow";
import { FlowDialog } from "../flowDialog";
import { askWithCard } from "../cardPrompt";
import { askAgain, parseAnswer, startOptions, stepValues, isFreshStart, BACK_AND_CANCEL } from "../steps";

export const TECHNICAL_ASSISTANCE_FLOW = "technicalAssistance";

const EMPTY_FORM: AssistanceFormValues = { benefitId: "", topic: "", phase: "", description: "" };
/** What the form showed last, kept so a re-prompt or "back" keeps what the person typed (bounded like the form). */
const storedFormSchema = z.object({
  benefitId: z.string().max(128),
  topic: z.string().max(200),
  phase: z.string().max(40),
  description: z.string().max(4000),
});
const formValues = { form: storedFormSchema.optional() };

/** Advisory hours and presales/deployment services are used through a request form, answered with a reference number. */
class TechnicalAssistanceDialog extends FlowDialog {
  constructor(services: FlowServices) {
    super(TECHNICAL_ASSISTANCE_FLOW, services);
    this.addSteps(this.showForm.bind(this), this.send.bind(this));
  }

  private async showForm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (isFreshStart(step)) {
      const preselected = startOptions(step).benefitId;
      stepValues(step, formValues).write({ form: { ...EMPTY_FORM, benefitId: preselected ?? "" } });
    }
    const eligible = await this.eligible(step);
    if (eligible === undefined) return step.endDialog();
    const { locale } = this.facts(step.context);
    if (eligible.length === 0) {
      await this.respond.text(step.context, t(locale, "technical.assist.none"));
      return step.endDialog();
    }
    const form = this.form(step);
    const benefitId = form.benefitId === "" && eligible.length === 1 ? eligible[0]!.id : form.benefitId;
    return askWithCard(step, technicalAssistanceCard(locale, eligible, { ...form, benefitId }), [TECHNICAL_VERBS.requestSend, ...BACK_AND_CANCEL]);
  }

  private async send(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, deps, locale } = this.facts(step.context);
    const submit = parseAnswer(step.result, assistanceSubmit);
    if (submit.kind !== "ok") {
      const typed = storedFormSchema.safeParse(submitData(step.result));
      if (typed.success) stepValues(step, formValues).write({ form: typed.data });
      const eligible = await this.eligible(step);
      if (eligible === undefined) return step.endDialog();
      return askAgain(step, technicalAssistanceCard(locale, eligible, this.form(step), t(locale, "technical.assist.invalid")), [
        TECHNICAL_VERBS.requestSend,
        ...BACK_AND_CANCEL,
      ]);
    }
    stepValues(step, formValues).write({ form: submit.value });
    const sent = await this.respond.attempt(step.context, () => requestAssistance(deps, actor, submit.value));
    if (!sent.ok) return step.endDialog();
    const request: ServiceRequest = sent.value;
    const eligible = (await this.eligible(step)) ?? [];
    const benefit = eligible.find((b) => b.id === request.benefitId);
    if (request.kind === "assistance" && benefit !== undefined) {
      await this.respond.card(step.context, technicalAssistanceDoneCard(locale, request, benefit));
    }
    return step.endDialog();
  }

  /** Benefits an assistance request can use; undefined when the person may not (the refusal was sent). */
  private async eligible(step: WaterfallStepContext): Promise<TechnicalBenefit[] | undefined> {
    const { actor, deps } = this.facts(step.context);
    const listed = await this.respond.attempt(step.context, () => adminBenefitsOf(deps, actor, "technical"));
    if (!listed.ok) return undefined;
    return listed.value.filter((b) => b.kind !== "supportIncidents" && b.cancelRequest === undefined);
  }

  private form(step: WaterfallStepContext): AssistanceFormValues {
    const stored = stepValues(step, formValues).read().form;
    return stored ?? EMPTY_FORM;
  }
}

function submitData(result: unknown): unknown {
  const parsed = z.object({ data: z.record(z.string(), z.unknown()) }).safeParse(result);
  if (!parsed.success) return undefined;
  const text = (key: string) => {
    const value = parsed.data.data[key];
    return typeof value === "string" ? value : "";
  };
  return { benefitId: text("benefitId"), topic: text("topic"), phase: text("phase"), description: text("description") };
}

export const technicalAssistanceFlow: FlowDefinition = {
  id: TECHNICAL_ASSISTANCE_FLOW,
  intents: [/\brequest (technical )?assistance\b/, /\badvisory hours?\b/, /\bdemander (une )?assistance\b/, /\bheures? de conseil\b/],
  startVerbs: [TECHNICAL_VERBS.request],
  capability: "assignBenefits",
  answerVerbs: [TECHNICAL_VERBS.requestSend, ...BACK_AND_CANCEL],
  create: (services) => new TechnicalAssistanceDialog(services),
};
