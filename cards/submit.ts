import { z } from "zod";

/**
 * A card action as the bot receives it: Action.Execute arrives as an `adaptiveCard/action` invoke with
 * value.action.{verb,data}; the Action.Submit fallback arrives as a message whose value is the data (verb included).
 * Only the shape is checked here; each flow parses `data` with its own strict schema.
 */
export interface CardSubmit {
  readonly verb: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export const verbSchema = z.string().min(1).max(40).regex(/^[a-zA-Z]+(\.[a-zA-Z]+)*$/);
const dataSchema = z.record(z.string().max(40), z.unknown());

const executeInvoke = z.object({
  action: z.object({ type: z.literal("Action.Execute"), verb: verbSchema, data: dataSchema.optional() }),
});
const submitMessage = dataSchema.and(z.object({ verb: verbSchema }));

export const MAX_SUBMIT_BYTES = 16 * 1024;

export function readCardSubmit(activity: { type?: string; name?: string; value?: unknown }): CardSubmit | undefined {
  if (activity.value === undefined || JSON.stringify(activity.value).length > MAX_SUBMIT_BYTES) return undefined;
  if (activity.type === "invoke" && activity.name === "adaptiveCard/action") {
    const parsed = executeInvoke.safeParse(activity.value);
    if (!parsed.success) return undefined;
    const { verb: _ignored, ...rest } = parsed.data.action.data ?? {};
    return { verb: parsed.data.action.verb, data: rest };
  }
  if (activity.type === "message") {
    const parsed = submitMessage.safeParse(activity.value);
    if (!parsed.success) return undefined;
    const { verb, ...rest } = parsed.data;
    return { verb, data: rest };
  }
  return undefined;
}

/** Fields every submit carries. Versions travel as numbers but a client may stringify them. */
export const refSchema = {
  id: z.string().min(1).max(128).regex(/^[A-Za-z0-9._:@-]+$/),
  version: z.coerce.number().int().nonnegative().max(1_000_000_000),
};
