import { z } from "zod";
import { idSchema, isoDateSchema, outboxSchema, tenantIdSchema } from "./types";

export const ROSTER_SET_ID = "rosters";
/** A tenant can install the bot in many teams and chats; the set stays one small document. */
export const ROSTER_SET_MAX = 500;

/** A team or group chat the bot is in, with what it takes to read its roster again outside a turn from it. */
export const knownRosterSchema = z.object({
  /** The team id for a team (its General channel has the same id), else the group chat's conversation id. */
  conversationId: z.string().min(1).max(512),
  kind: z.enum(["team", "groupChat"]),
  serviceUrl: z.url().max(500),
  bot: z.object({ id: z.string().min(1).max(200), name: z.string().max(200).default("") }),
  since: isoDateSchema,
});
export type KnownRoster = z.infer<typeof knownRosterSchema>;

export const rosterSetSchema = z.object({
  type: z.literal("rosterSet"),
  id: idSchema,
  tenantId: tenantIdSchema,
  version: z.number().int().nonnegative(),
  outbox: outboxSchema,
  rosters: z.array(knownRosterSchema).max(ROSTER_SET_MAX),
});
export type RosterSet = z.infer<typeof rosterSetSchema>;

/** One person as a roster lists them, already checked: an Entra object id, a name, an email or UPN. */
export interface RosterMember {
  readonly userId: string;
  readonly displayName: string;
  readonly email: string;
}

/** What reading one roster gave: its members, or nothing when it could not be read to its last page. */
export interface RosterRead {
  readonly roster: KnownRoster;
  readonly members: readonly RosterMember[] | undefined;
}

export interface SyncCounts {
  readonly added: number;
  readonly updated: number;
  readonly left: number;
  /** Rosters that could not be read: nobody is marked left in a sync that could not see everyone. */
  readonly unreadable: number;
}
