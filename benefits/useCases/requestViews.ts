import { z } from "zod";
import type { Stored } from "../ports";
import type { ConversationRecord } from "../notificationTypes";
import type { BenefitRequest } from "../requestTypes";
import { can } from "../rules/roles";
import type { Actor, DirectoryUser } from "../types";
import type { UseCaseDeps } from "./deps";
import { getShownRequest } from "./benefitRequests";
import { listDirectory } from "./directory";
import { directoryUser } from "./shared";

/** Teams refreshes a card by itself for at most this many listed people (Universal Actions' refresh.userIds). */
export const REFRESH_USER_IDS_MAX = 60;

/**
 * Whose eyes a request card is rendered for, decided from the reader's identity and roles at the moment they look:
 * `decider` a global admin now (Approve/Decline while pending), `requester` the person who asked (the status with
 * their own details), `observer` anyone else (the status without the reason or the alternate email).
 */
export type RequestViewer = "decider" | "requester" | "observer";

export interface RequestView {
  readonly request: BenefitRequest;
  readonly viewer: RequestViewer;
  readonly requester: DirectoryUser | undefined;
  readonly decider: DirectoryUser | undefined;
}

/**
 * The request as `actor` may see it now (an unfinished approval as pending). Read in the actor's own tenant only:
 * another tenant's id is NOT_FOUND.
 */
export async function viewBenefitRequest(deps: UseCaseDeps, actor: Actor, requestId: string): Promise<RequestView> {
  const request = await getShownRequest(deps, actor.tenantId, requestId);
  // Point reads: Teams asks for this each time a listed person looks at the card.
  const person = (id: string | undefined) => (id === undefined ? Promise.resolve(undefined) : directoryUser(deps, actor.tenantId, id));
  const [reader, requester, decider] = await Promise.all([person(actor.userId), person(request.requesterId), person(request.decidedBy)]);
  return { request, viewer: viewerOf(request, actor, reader), requester, decider };
}

export function viewerOf(request: BenefitRequest, actor: Actor, reader: DirectoryUser | undefined): RequestViewer {
  if (can(reader, "assignBenefits")) return "decider";
  return request.requesterId === actor.userId ? "requester" : "observer";
}

/**
 * Who gets a pending request card refreshed by Teams on their own (refresh.userIds, at most 60): the requester, whose
 * own view it also is, then the tenant's global admins, each by the id Teams gives them in activities (`from.id`, their
 * MRI "29:…": refresh.userIds takes MRIs, not Entra object ids). `unlisted` counts the admins left out (beyond 60, or
 * never seen by the bot so their MRI is unknown): for them the card itself must say where to decide.
 */
export interface RefreshAudience {
  readonly userIds: readonly string[];
  readonly unlisted: number;
}

/** The tenant's people as Teams knows them, read once for any number of request cards. */
export interface TeamsAudience {
  /** The global admins' MRIs, in directory order; admins whose MRI is unknown are missing. */
  readonly adminTeamsIds: readonly string[];
  readonly adminCount: number;
  readonly teamsIds: ReadonlyMap<string, string>;
}

export async function teamsAudience(deps: UseCaseDeps, tenantId: string): Promise<TeamsAudience> {
  const admins = (await listDirectory(deps, tenantId)).filter((u) => u.roles.includes("globalAdmin"));
  const teamsIds = teamsIdsByPerson(await deps.repos.conversations.list(tenantId));
  const adminTeamsIds = admins.flatMap((a) => teamsIds.get(a.id) ?? []);
  return { adminTeamsIds, adminCount: admins.length, teamsIds };
}

export function refreshAudienceFor(audience: TeamsAudience, request: BenefitRequest): RefreshAudience {
  const requester = audience.teamsIds.get(request.requesterId);
  const listed = [...new Set([...(requester === undefined ? [] : [requester]), ...audience.adminTeamsIds])].slice(0, REFRESH_USER_IDS_MAX);
  const listedAdmins = audience.adminTeamsIds.filter((id) => listed.includes(id)).length;
  return { userIds: listed, unlisted: audience.adminCount - listedAdmins };
}

/** The audience recorded when the request's cards were sent; worked out now for a request that has none yet. */
export async function refreshAudience(deps: UseCaseDeps, tenantId: string, request: BenefitRequest): Promise<RefreshAudience> {
  return request.refreshAudience ?? refreshAudienceFor(await teamsAudience(deps, tenantId), request);
}

const referenceUser = z.object({ user: z.object({ id: z.string().min(1).max(256), aadObjectId: z.string().optional() }) });

/**
 * Each person's Teams id as their own activities carried it (the conversation reference's `user`). A reference the bot
 * made up to open a chat names the person by their Entra object id only, which is no MRI: such ids are not taken.
 */
function teamsIdsByPerson(records: readonly Stored<ConversationRecord>[]): Map<string, string> {
  const newest = new Map<string, { id: string; at: string }>();
  for (const { value } of records) {
    const parsed = referenceUser.safeParse(value.reference);
    if (!parsed.success) continue;
    const { id, aadObjectId } = parsed.data.user;
    if (aadObjectId !== value.userId || id === value.userId) continue;
    const known = newest.get(value.userId);
    if (known === undefined || known.at < value.updatedAt) newest.set(value.userId, { id, at: value.updatedAt });
  }
  return new Map([...newest].map(([userId, { id }]) => [userId, id]));
}
