import type { TurnContext } from "botbuilder";
import { z } from "zod";
import { forgetRoster, knownRosters, reconcileDirectory, rememberRoster, type KnownRoster, type SyncOptions, type SyncOutcome, type UseCaseDeps } from "../benefits";
import { leftHoldersCard } from "../cards/leftHolders";
import { tenantIdOf } from "../dialogs/activity";
import type { PeopleSync, PeopleSyncResult } from "../dialogs/peopleSync";
import type { PrivateMessenger } from "../dialogs/privateMessenger";
import type { ReadRoster } from "./rosterReader";

/** An admin card names at most this many benefits: it must stay under Teams' card size; the overview has the rest. */
const ADMIN_CARD_MAX_ROWS = 20;

const rosterFacts = z.object({
  serviceUrl: z.url().max(500),
  recipient: z.object({ id: z.string().min(1).max(200), name: z.string().max(200).optional() }),
  conversation: z.object({ id: z.string().min(1).max(512), conversationType: z.string().optional() }),
  channelData: z.object({ team: z.object({ id: z.string().min(1).max(512) }).optional() }).loose().optional(),
});

/** The team or group chat this activity happened in, as a roster to read; undefined in a personal chat. */
export function rosterOfActivity(activity: unknown, now: Date): KnownRoster | undefined {
  const facts = rosterFacts.safeParse(activity);
  if (!facts.success) return undefined;
  const { serviceUrl, recipient, conversation, channelData } = facts.data;
  const bot = { id: recipient.id, name: recipient.name ?? "" };
  const since = now.toISOString();
  if (channelData?.team !== undefined) return { conversationId: channelData.team.id, kind: "team", serviceUrl, bot, since };
  if (conversation.conversationType === "groupChat") return { conversationId: conversation.id, kind: "groupChat", serviceUrl, bot, since };
  return undefined;
}

const removedMembers = z.object({ recipient: z.object({ id: z.string() }), membersRemoved: z.array(z.object({ id: z.string() })).optional() });

function botWasRemoved(activity: unknown): boolean {
  const parsed = removedMembers.safeParse(activity);
  return parsed.success && (parsed.data.membersRemoved ?? []).some((m) => m.id === parsed.data.recipient.id);
}

export interface TeamsPeopleSyncDeps {
  readonly domain: UseCaseDeps;
  readonly read: ReadRoster;
  readonly messenger: PrivateMessenger;
  readonly options: SyncOptions;
  readonly log: (message: string, error?: unknown) => void;
}

/**
 * The directory from Teams: on installation in a team or group chat and on every change of its members, every roster
 * the bot knows in the tenant is read (paced, every page) and the directory reconciled with them; "sync people" runs
 * the same. After a sync that marked someone left, each global admin gets one card of what people who left still hold.
 */
export class TeamsPeopleSync implements PeopleSync {
  constructor(private readonly deps: TeamsPeopleSyncDeps) {}

  async syncTenant(context: TurnContext): Promise<PeopleSyncResult> {
    const tenantId = tenantIdOf(context.activity);
    if (tenantId === undefined) return { added: 0, updated: 0, left: 0, unreadable: 0, rosters: 0 };
    const rosters = await knownRosters(this.deps.domain, tenantId);
    const reads = [];
    // One roster after another: the pacer limits each conversation, and a sync is background work, not a burst.
    for (const roster of rosters) reads.push(await this.deps.read(tenantId, roster));
    const outcome = await reconcileDirectory(this.deps.domain, tenantId, reads, this.deps.options);
    await this.tellAdmins(context, tenantId, outcome);
    return { added: outcome.added, updated: outcome.updated, left: outcome.left, unreadable: outcome.unreadable, rosters: rosters.length };
  }

  /** installationUpdate add, membersAdded, membersRemoved: the roster changed, so the directory is brought up to date. */
  async onRosterEvent(context: TurnContext): Promise<void> {
    const tenantId = tenantIdOf(context.activity);
    const roster = rosterOfActivity(context.activity, this.deps.domain.now());
    if (tenantId === undefined || roster === undefined) return;
    try {
      if (botWasRemoved(context.activity)) await forgetRoster(this.deps.domain, tenantId, roster.conversationId);
      else await rememberRoster(this.deps.domain, tenantId, roster);
      await this.syncTenant(context);
    } catch (error) {
      // A side effect of Teams' event, with no one to answer: the next event or "sync people" does it again.
      this.deps.log("Syncing the directory from the Teams rosters failed; the next roster event or 'sync people' retries", error);
    }
  }

  /** The bot was uninstalled from a team or chat: its roster is no longer read. */
  async onUninstall(context: TurnContext): Promise<void> {
    const tenantId = tenantIdOf(context.activity);
    const roster = rosterOfActivity(context.activity, this.deps.domain.now());
    if (tenantId === undefined || roster === undefined) return;
    await forgetRoster(this.deps.domain, tenantId, roster.conversationId);
  }

  private async tellAdmins(context: TurnContext, tenantId: string, outcome: SyncOutcome): Promise<void> {
    if (outcome.newlyLeft.length === 0 || outcome.heldByLeavers.length === 0) return;
    const packages = (await this.deps.domain.repos.packages.list(tenantId)).map((s) => s.value);
    const held = outcome.heldByLeavers.slice(0, ADMIN_CARD_MAX_ROWS);
    for (const adminId of outcome.globalAdmins) {
      const viewer = outcome.users.find((u) => u.id === adminId);
      const cardContext = { now: this.deps.domain.now(), packages, users: outcome.users, viewer };
      const sent = await this.deps.messenger.sendToUser(context, adminId, (reader) => leftHoldersCard(reader, held, cardContext));
      if (sent === undefined) this.deps.log("A global admin could not be told about seats held by people who left (no personal chat yet)");
    }
  }
}
