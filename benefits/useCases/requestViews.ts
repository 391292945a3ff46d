import { z } from "zod";
import type { Stored } from "../ports";
import type { ConversationRecord } from "../notificationTypes";
import type { BenefitRequest } from "../requestTypes";
import { can } from "../rules/roles";
import type { Actor, DirectoryUser } from "../types";
import type { UseCaseDeps } from "./deps";
import { getBenefitRequest } from "./benefitRequests";
import { listDirectory } from "./directory";

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

/** The request as `actor` may see it now. Read in the actor's own tenant only: another tenant's id is NOT_FOUND. */
export async function viewBenefitRequest(deps: UseCaseDeps, actor: Actor, requestId: string): Promise<RequestView> {
  const request = await getBenefitRequest(deps, actor.tenantId, requestId);
  const directory = await listDirectory(deps, actor.tenantId);
  const reader = directory.find((u) => u.id === actor.userId);
  return {
    request,
    viewer: viewerOf(request, actor, reader),
    requester: directory.find((u) => u.id === request.requesterId),
    decider: directory.find((u) => u.id === request.decidedBy),
  };
}

export function viewerOf(request: BenefitRequest, actor: Actor, reader: DirectoryUser | undefined): RequestViewer {
  if (can(reader, "assignBenefits")) return "decider";
  return request.requesterId === actor.userId ? "requester" : "observer";
}

/**
 * Who gets a pending request card refreshed by Teams on their own: the tenant's global admins, by the id Teams gives
 * them in activities (`from.id`, their MRI, "29:…"; refresh.userIds takes MRIs, not Entra object ids), at most 60.
 * `unlisted` counts the admins left out (beyond 60, or never seen by the bot so their MRI is unknown): for them the
 * card itself must say where to decide.
 */
export interface RefreshAudience {
  readonly userIds: readonly string[];
  readonly unlisted: number;
}

export async function refreshAudience(deps: UseCaseDeps, tenantId: string): Promise<RefreshAudience> {
  const admins = (await listDirectory(deps, tenantId)).filter((u) => u.roles.includes("globalAdmin"));
  const teamsIds = teamsIdsByPerson(await deps.repos.conversations.list(tenantId));
  const userIds: string[] = [];
  for (const admin of admins) {
    const teamsId = teamsIds.get(admin.id);
    if (teamsId !== undefined && userIds.length < REFRESH_USER_IDS_MAX) userIds.push(teamsId);
  }
  return { userIds, unlisted: admins.length - userIds.length };
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
