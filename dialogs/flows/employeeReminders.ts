import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from "botbuilder-dialogs";
import { setRemindersMuted } from "../../benefits";
import { REMINDER_VERBS, remindersCard } from "../../cards/myBenefits";
import { normalizeText, type FlowDefinition } from "../flow";
import { attempt, sendCard } from "../respond";
import { turnFacts } from "../turn";
import { startOptions } from "../steps";

export const REMINDERS_FLOW = "reminders";

const MUTE_INTENTS = [
  /^(please )?(stop|mute|disable|turn off|no more|pause) (the |my |all )?(expiry )?reminders( please)?$/,
  /^(arreter|arrete|arretez|desactiver|couper|plus de|suspendre) (les |mes )?(rappels)( svp| s il vous plait)?$/,
];
const RESUME_INTENTS = [
  /^(please )?(resume|restart|unmute|enable|turn on|start) (the |my )?(expiry )?reminders( please)?$/,
  /^(reprendre|reactiver|activer|relancer|remettre) (les |mes )?rappels( svp| s il vous plait)?$/,
];

function wantsMuted(step: WaterfallStepContext): boolean {
  const verb = startOptions(step).verb;
  if (verb !== undefined) return verb === REMINDER_VERBS.mute;
  const text = normalizeText(step.context.activity.text ?? "");
  return !RESUME_INTENTS.some((re) => re.test(text));
}

async function setRemindersStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const { actor, locale, deps } = turnFacts(step.context);
  const muted = wantsMuted(step);
  const outcome = await attempt(step.context, () => setRemindersMuted(deps, actor, muted));
  if (outcome.ok) await sendCard(step.context, remindersCard(locale, outcome.value.remindersMuted));
  return step.endDialog();
}

export const remindersFlow: FlowDefinition = {
  id: REMINDERS_FLOW,
  intents: [...MUTE_INTENTS, ...RESUME_INTENTS],
  startVerbs: [REMINDER_VERBS.mute, REMINDER_VERBS.resume],
  helpEntry: (user) => (user?.remindersMuted === true ? { verb: REMINDER_VERBS.resume, strings: "flow.reminders.resume" } : { verb: REMINDER_VERBS.mute }),
  create: () => new WaterfallDialog(REMINDERS_FLOW, [setRemindersStep]),
};
