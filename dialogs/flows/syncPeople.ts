import { requireActor } from "../../benefits";
import { t, type Locale } from "../../cards/strings";
import type { AnswerFlow } from "../flow";
import type { PeopleSyncResult } from "../peopleSync";
import { turnOf } from "../turn";

export const SYNC_PEOPLE_FLOW = "syncPeople";
export const SYNC_PEOPLE_VERB = "people.sync";

function rostersWord(locale: Locale, count: number): string {
  return t(locale, count === 1 ? "syncPeople.rosters.one" : "syncPeople.rosters.other", { count });
}

export function syncAnswer(locale: Locale, result: PeopleSyncResult): string {
  if (result.rosters === 0) return t(locale, "syncPeople.noRosters");
  const done = t(locale, "syncPeople.done", { rosters: rostersWord(locale, result.rosters), added: result.added, updated: result.updated, left: result.left });
  return result.unreadable === 0 ? done : `${done} ${t(locale, "syncPeople.unreadable", { count: result.unreadable })}`;
}

/** Reads every roster the bot knows in the tenant into the directory again, and says what changed. */
export const syncPeopleFlow: AnswerFlow = {
  id: SYNC_PEOPLE_FLOW,
  intents: [/^sync (the )?(people|directory|roster|members)$/, /^synchroni[sz]er (les )?(personnes|membres|l annuaire)$/],
  startVerbs: [SYNC_PEOPLE_VERB],
  answerVerbs: [],
  capability: "addUsers",
  answer: ({ domain, respond, people }) => async (context) => {
    const { actor, locale } = turnOf(context);
    const allowed = await respond.attempt(context, () => requireActor(domain, actor, "addUsers"));
    if (!allowed.ok) return;
    if (people === undefined) {
      await respond.text(context, t(locale, "syncPeople.unavailable"));
      return;
    }
    await respond.text(context, syncAnswer(locale, await people.syncTenant(context)));
  },
};
