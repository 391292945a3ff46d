import type { TurnContext } from "botbuilder";
import { setRemindersMuted } from "../../benefits";
import { REMINDER_VERBS, remindersCard } from "../../cards/myBenefits";
import { normalizeText, type AnswerFlow } from "../flow";
import { turnOf } from "../turn";

export const REMINDERS_FLOW = "reminders";

const MUTE_INTENTS = [
  /^(please )?(stop|mute|disable|turn off|no more|pause) (the |my |all )?(expiry )?reminders( please)?$/,
  /^(arreter|arrete|arretez|desactiver|couper|plus de|suspendre) (les |mes )?(rappels)( svp| s il vous plait)?$/,
];
const RESUME_INTENTS = [
  /^(please )?(resume|restart|unmute|enable|turn on|start) (the |my )?(expiry )?reminders( please)?$/,
  /^(reprendre|reactiver|activer|relancer|remettre) (les |mes )?rappels( svp| s il vous plait)?$/,
];

function wantsMuted(context: TurnContext, verb: string | undefined): boolean {
  if (verb !== undefined) return verb === REMINDER_VERBS.mute;
  const text = normalizeText(context.activity.text ?? "");
  return !RESUME_INTENTS.some((re) => re.test(text));
}

export const remindersFlow: AnswerFlow = {
  id: REMINDERS_FLOW,
  intents: [...MUTE_INTENTS, ...RESUME_INTENTS],
  startVerbs: [REMINDER_VERBS.mute, REMINDER_VERBS.resume],
  helpEntry: (user) => (user?.remindersMuted === true ? { verb: REMINDER_VERBS.resume, strings: "flow.reminders.resume" } : { verb: REMINDER_VERBS.mute }),
  answerVerbs: [],
  answer: ({ domain: deps, respond }) => async (context, start) => {
    const { actor, locale } = turnOf(context);
    const muted = wantsMuted(context, start.verb);
    const outcome = await respond.attempt(context, () => setRemindersMuted(deps, actor, muted));
    if (outcome.ok) await respond.card(context, remindersCard(locale, outcome.value.remindersMuted));
  },
};
