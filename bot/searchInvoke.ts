import type { InvokeResponse, TurnContext } from "botbuilder";
import { z } from "zod";
import { isBenefitsError, MAX_SEARCH_TEXT, PEOPLE_SEARCH_LIMIT, searchPeople, type UseCaseDeps } from "../benefits";
import { personChoice, scopeOfDataset } from "../cards/people";
import { actorOf } from "../dialogs/activity";

/** The invoke Teams sends while someone types in a typeahead `Input.ChoiceSet` (`choices.data` of type Data.Query). */
export const SEARCH_INVOKE_NAME = "application/search";

const SEARCH_RESPONSE_TYPE = "application/vnd.microsoft.search.searchResponse";
const ERROR_RESPONSE_TYPE = "application/vnd.microsoft.error";

/**
 * Its value, parsed at the door (bot/activitySchema.ts): what was typed, which dataset the card named, and paging.
 * Loose: Teams adds fields of its own (kind, context) that the bot does not read.
 */
export const searchInvokeValueSchema = z.looseObject({
  queryText: z.string().max(MAX_SEARCH_TEXT),
  dataset: z.string().min(1).max(300),
  queryOptions: z
    .looseObject({ skip: z.number().int().min(0).max(10_000).optional(), top: z.number().int().min(0).max(1_000).optional() })
    .optional(),
  kind: z.string().max(32).optional(),
});

interface SearchResult {
  readonly title: string;
  readonly value: string;
}

function results(results: readonly SearchResult[]): InvokeResponse {
  return { status: 200, body: { statusCode: 200, type: SEARCH_RESPONSE_TYPE, value: { results } } };
}

function refusal(statusCode: number, code: string, message: string): InvokeResponse {
  return { status: statusCode, body: { statusCode, type: ERROR_RESPONSE_TYPE, value: { code, message } } };
}

/**
 * Answers a typeahead: people of the caller's tenant (from the activity, never from the card) matching the typed
 * prefix, at most 15, as the Input.ChoiceSet shows them (title) and submits them (value: the person's id).
 */
export async function answerSearchInvoke(deps: UseCaseDeps, context: TurnContext): Promise<InvokeResponse> {
  const actor = actorOf(context.activity);
  const value = searchInvokeValueSchema.safeParse(context.activity.value);
  if (actor === undefined) return refusal(401, "NoActor", "the activity names no Entra user (from.aadObjectId)");
  if (!value.success) return refusal(400, "BadRequest", "value needs queryText and dataset");
  const scope = scopeOfDataset(value.data.dataset);
  if (scope === undefined) return refusal(400, "UnknownDataset", "this bot searches only the datasets its cards name");
  const top = value.data.queryOptions?.top;
  try {
    const found = await searchPeople(deps, actor, {
      query: value.data.queryText,
      scope,
      skip: value.data.queryOptions?.skip,
      limit: top === undefined || top === 0 ? PEOPLE_SEARCH_LIMIT : top,
    });
    return results(found.map(personChoice));
  } catch (error) {
    if (isBenefitsError(error, "NOT_AUTHORIZED")) return refusal(403, "Forbidden", "searching people needs an admin role");
    // A subscription named by an old card that is gone: nothing to offer.
    if (isBenefitsError(error, "NOT_FOUND")) return results([]);
    throw error;
  }
}
