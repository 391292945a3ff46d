import { z } from "zod";
import { idSchema, tenantIdSchema } from "../benefits/types";
import type { Actor } from "../benefits/types";
import { knownTimeZone } from "../cards/dates";
import type { Language, Reader } from "../cards/strings";

export type { Actor } from "../benefits/types";

// Activities arrive as untrusted JSON: every helper parses, none trusts the Activity type.
const tenantSources = z.object({
  conversation: z.object({ tenantId: z.unknown() }).partial().optional(),
  channelData: z.object({ tenant: z.object({ id: z.unknown() }).partial().optional() }).partial().optional(),
});

const sender = z.object({ from: z.object({ aadObjectId: idSchema }) });

const localeCarrier = z.object({ locale: z.string() });
const zoneCarriers = z.object({
  localTimezone: z.unknown().optional(),
  entities: z.array(z.unknown()).optional(),
});
const clientInfo = z.object({ type: z.literal("clientInfo"), timezone: z.unknown() });

/** The tenant per Teams: `conversation.tenantId`, else `channelData.tenant.id`; undefined when absent or malformed. */
export function tenantIdOf(activity: unknown): string | undefined {
  const sources = tenantSources.safeParse(activity);
  if (!sources.success) return undefined;
  const raw = sources.data.conversation?.tenantId ?? sources.data.channelData?.tenant?.id;
  const tenantId = tenantIdSchema.safeParse(raw);
  return tenantId.success ? tenantId.data : undefined;
}

/** Who acts: the Entra object id of the sender, in the activity's tenant. */
export function actorOf(activity: unknown): Actor | undefined {
  const tenantId = tenantIdOf(activity);
  const parsed = sender.safeParse(activity);
  if (tenantId === undefined || !parsed.success) return undefined;
  return { tenantId, userId: parsed.data.from.aadObjectId };
}

export function localeOf(activity: unknown): Language {
  const parsed = localeCarrier.safeParse(activity);
  return parsed.success && /^fr(?:[-_]|$)/i.test(parsed.data.locale) ? "fr" : "en";
}

/** The client's IANA time zone: the activity's `localTimezone`, else `timezone` in its clientInfo entity; undefined if neither is a real zone. */
export function timeZoneOf(activity: unknown): string | undefined {
  const parsed = zoneCarriers.safeParse(activity);
  if (!parsed.success) return undefined;
  const fromActivity = knownTimeZone(parsed.data.localTimezone);
  if (fromActivity !== undefined) return fromActivity;
  for (const entity of parsed.data.entities ?? []) {
    const info = clientInfo.safeParse(entity);
    const zone = info.success ? knownTimeZone(info.data.timezone) : undefined;
    if (zone !== undefined) return zone;
  }
  return undefined;
}

/** Who reads what this turn sends: the sender's language and time zone. */
export function readerOf(activity: unknown): Reader {
  const timeZone = timeZoneOf(activity);
  return timeZone === undefined ? { language: localeOf(activity) } : { language: localeOf(activity), timeZone };
}
