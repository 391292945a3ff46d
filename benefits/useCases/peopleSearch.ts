import { BenefitsError } from "../errors";
import { hasAnyRole } from "../rules/roles";
import { isAssigned } from "../rules/seats";
import type { Actor, DirectoryUser, Role } from "../types";
import type { UseCaseDeps } from "./deps";
import { requireBenefit } from "./shared";

/** Teams shows at most 15 typeahead results, and a card lists people inline only up to that many. */
export const PEOPLE_SEARCH_LIMIT = 15;
export const MAX_SEARCH_TEXT = 100;

/** Which people a picker offers: everyone active, or those who hold / do not hold a seat of one subscription. */
export type PeopleScope =
  | { readonly kind: "directory" }
  | { readonly kind: "holding"; readonly benefitId: string }
  | { readonly kind: "notHolding"; readonly benefitId: string };

/** A picker offers its people inline when they are few, otherwise it searches as the person types. */
export type PeopleToPick = { readonly mode: "static"; readonly people: DirectoryUser[] } | { readonly mode: "search"; readonly count: number };

// Who opens a people picker at all: anyone who assigns, grants roles, adds people or sets the marketing contact.
const PICKING_ROLES: readonly Role[] = ["globalAdmin", "userAdmin", "mpnPartnerAdmin"];

export function hasLeft(user: DirectoryUser): boolean {
  return user.leftAt !== undefined;
}

/** Lower case without accents, so "é" finds "e" and "Ö" finds "o" whatever the person typed. */
export function foldForSearch(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().trim();
}

/** A prefix of the whole name, of any word of the name, or of the email (so "bow" finds "Megan Bowen"). */
export function matchesPrefix(user: Pick<DirectoryUser, "displayName" | "email">, query: string): boolean {
  const folded = foldForSearch(query);
  if (folded === "") return true;
  const name = foldForSearch(user.displayName);
  if (name.startsWith(folded) || foldForSearch(user.email).startsWith(folded)) return true;
  return name.split(/[\s\-'’.]+/u).some((word) => word.startsWith(folded));
}

async function candidates(deps: UseCaseDeps, tenantId: string, scope: PeopleScope): Promise<DirectoryUser[]> {
  const people = (await deps.repos.users.list(tenantId)).map((s) => s.value).filter((u) => !hasLeft(u));
  const sorted = people.sort((a, b) => a.displayName.localeCompare(b.displayName));
  if (scope.kind === "directory") return sorted;
  const subscription = await requireBenefit(deps, tenantId, scope.benefitId, "visualStudio");
  const holding = scope.kind === "holding";
  return sorted.filter((u) => isAssigned(subscription, u.id) === holding);
}

/** What a picker card shows: the people themselves when there are at most 15, else a search. */
export async function peopleToPick(deps: UseCaseDeps, tenantId: string, scope: PeopleScope): Promise<PeopleToPick> {
  const people = await candidates(deps, tenantId, scope);
  return people.length <= PEOPLE_SEARCH_LIMIT ? { mode: "static", people } : { mode: "search", count: people.length };
}

/**
 * The typeahead: people of the caller's own tenant (never another's: the tenant is the actor's), not gone, whose name
 * or email starts with what was typed; at most 15. Only people who open pickers may search the directory.
 */
export async function searchPeople(
  deps: UseCaseDeps,
  actor: Actor,
  input: { readonly query: string; readonly scope: PeopleScope; readonly skip?: number; readonly limit?: number },
): Promise<DirectoryUser[]> {
  const caller = await deps.repos.users.get(actor.tenantId, actor.userId);
  if (caller === undefined || hasLeft(caller.value) || !hasAnyRole(caller.value, PICKING_ROLES)) {
    throw new BenefitsError("NOT_AUTHORIZED", "searching people needs a role that picks people", { requiredRoles: PICKING_ROLES.join(",") });
  }
  const limit = Math.min(Math.max(input.limit ?? PEOPLE_SEARCH_LIMIT, 1), PEOPLE_SEARCH_LIMIT);
  const skip = Math.max(input.skip ?? 0, 0);
  const found = (await candidates(deps, actor.tenantId, input.scope)).filter((u) => matchesPrefix(u, input.query.slice(0, MAX_SEARCH_TEXT)));
  return found.slice(skip, skip + limit);
}

/**
 * A person chosen in a picker: the id came back from a card, so it is checked here, on the server, to be someone of
 * this tenant who has not left (a typeahead choice is whatever the client sent).
 */
export async function requirePickablePerson(deps: UseCaseDeps, tenantId: string, userId: string): Promise<DirectoryUser> {
  const found = await deps.repos.users.get(tenantId, userId);
  if (found === undefined || found.value.tenantId !== tenantId || hasLeft(found.value)) {
    throw new BenefitsError("NOT_FOUND", "no such person in this organization's directory", { userId });
  }
  return found.value;
}

/** The person a card chose before (a Back, a re-ask), or undefined when they are not (or no longer) pickable. */
export async function findPickablePerson(deps: UseCaseDeps, tenantId: string, userId: string | undefined): Promise<DirectoryUser | undefined> {
  if (userId === undefined || userId === "") return undefined;
  const found = await deps.repos.users.get(tenantId, userId);
  return found === undefined || found.value.tenantId !== tenantId || hasLeft(found.value) ? undefined : found.value;
}
