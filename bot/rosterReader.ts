import { TeamsInfo, type CloudAdapter, type ConversationReference, type TurnContext } from "botbuilder";
import { z } from "zod";
import { emailSchema, idSchema, type KnownRoster, type RosterMember, type RosterRead } from "../benefits";
import type { RosterPacer } from "./rosterPacer";

/** Teams serves at most 500 members a page. */
export const ROSTER_PAGE_SIZE = 500;
/** A connector that keeps handing out continuation tokens would otherwise hold the sync forever. */
const MAX_PAGES = 1000;

const pagedMembers = z.object({
  continuationToken: z.string().max(4096).nullish(),
  members: z.array(z.unknown()).max(5000),
});
const memberAccount = z.object({
  aadObjectId: idSchema,
  name: z.string().max(500).optional(),
  email: z.string().max(254).nullish(),
  userPrincipalName: z.string().max(254).nullish(),
  tenantId: z.string().max(64).nullish(),
});

/** A member the directory can hold: from this tenant (guests of other tenants are theirs), with an Entra id and an address. */
export function memberOf(tenantId: string, raw: unknown): RosterMember | undefined {
  const parsed = memberAccount.safeParse(raw);
  if (!parsed.success) return undefined;
  const { aadObjectId, name, email, userPrincipalName, tenantId: memberTenant } = parsed.data;
  if (memberTenant !== undefined && memberTenant !== null && memberTenant !== tenantId) return undefined;
  const address = [email, userPrincipalName].find((a) => a !== undefined && a !== null && emailSchema.safeParse(a).success);
  if (address === undefined || address === null) return undefined;
  return { userId: aadObjectId, displayName: name ?? "", email: address };
}

export interface RosterReaderOptions {
  readonly adapter: () => CloudAdapter;
  readonly appId: string;
  readonly pacer: RosterPacer;
  readonly log: (message: string, error?: unknown) => void;
  readonly pageSize?: number;
}

export type ReadRoster = (tenantId: string, roster: KnownRoster) => Promise<RosterRead>;

function referenceOf(tenantId: string, roster: KnownRoster): Partial<ConversationReference> {
  return {
    channelId: "msteams",
    serviceUrl: roster.serviceUrl,
    bot: { id: roster.bot.id, name: roster.bot.name },
    // No channelData in a continuation: getPagedMembers then reads the conversation's members, and a team's General
    // channel has the team's id, so this is the team's roster.
    conversation: { id: roster.conversationId, tenantId, isGroup: true, conversationType: roster.kind === "team" ? "channel" : "groupChat", name: "" },
  };
}

/** Every page of one roster through the Bot Framework, each call paced; undefined members when any page failed. */
export function createRosterReader(options: RosterReaderOptions): ReadRoster {
  const pageSize = options.pageSize ?? ROSTER_PAGE_SIZE;
  return async (tenantId, roster) => {
    const members: RosterMember[] = [];
    let failure: unknown;
    let complete = false;
    try {
      await options.adapter().continueConversationAsync(options.appId, referenceOf(tenantId, roster), async (context) => {
        // Caught here, not by the adapter: its turn-error handler would post an error message into the team.
        try {
          complete = await readPages(context, tenantId, roster, pageSize, options.pacer, members);
        } catch (error) {
          failure = error;
        }
      });
    } catch (error) {
      failure = error;
    }
    if (!complete) {
      options.log(`The roster of ${roster.kind} ${roster.conversationId} could not be read; nobody is marked left in this sync`, failure);
      return { roster, members: undefined };
    }
    return { roster, members };
  };
}

/** True when the last page was reached. */
async function readPages(context: TurnContext, tenantId: string, roster: KnownRoster, pageSize: number, pacer: RosterPacer, into: RosterMember[]): Promise<boolean> {
  let token: string | undefined;
  const seen = new Set<string>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const release = await pacer.acquire(roster.conversationId);
    let result: z.infer<typeof pagedMembers>;
    try {
      result = pagedMembers.parse(await TeamsInfo.getPagedMembers(context, pageSize, token));
    } finally {
      release();
    }
    for (const raw of result.members) {
      const member = memberOf(tenantId, raw);
      if (member !== undefined) into.push(member);
    }
    const next = result.continuationToken ?? undefined;
    if (next === undefined || next === "") return true;
    if (seen.has(next)) throw new Error("the roster handed out the same continuation token twice");
    seen.add(next);
    token = next;
  }
  return false;
}
