import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { z } from "zod";
import { idSchema, isBenefitsError, isoDateSchema, tenantIdSchema, type ErrorCode, type UseCaseDeps } from "../benefits";
import { planTenantNotifications } from "../benefits/notifications/planTenant";
import { activateOfferAsSystem, activateTechnicalAsSystem, SYSTEM_ACTORS } from "../benefits/notifications/systemActivation";
import type { EventsResult } from "./server";

export const eventSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("offer.activated"), tenantId: tenantIdSchema, benefitId: idSchema, expiresAt: isoDateSchema }),
  z.strictObject({ type: z.literal("technical.activated"), tenantId: tenantIdSchema, benefitId: idSchema }),
]);
export type BenefitEvent = z.infer<typeof eventSchema>;

export interface EventsDeps {
  readonly domain: UseCaseDeps;
  /** Undefined: the route is closed (every request is 401), so an unconfigured deployment exposes nothing. */
  readonly secret: string | undefined;
  /** Empty means every tenant is served, as for chat. */
  readonly allowedTenants: readonly string[];
  readonly log: (message: string, error?: unknown) => void;
}

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  NOT_FOUND: 404,
  INVALID_STATE: 409,
  NOT_ASSIGNED: 409,
  CONFLICT: 409,
  INVALID_INPUT: 400,
  THROTTLED: 503,
  UNAVAILABLE: 503,
};

function sha256(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** Constant-time: digests have equal length whatever was sent, so neither length nor content leaks through timing. */
export function isAuthorized(header: string | undefined, secret: string | undefined): boolean {
  if (secret === undefined || header === undefined) return false;
  const match = /^Bearer (.+)$/.exec(header.trim());
  if (match === null) return false;
  return timingSafeEqual(sha256(match[1]), sha256(secret));
}

/** POST /api/events: an integration tells us Microsoft activated something. 401, 400, 404, 409 change nothing. */
export function createEventsHandler(deps: EventsDeps) {
  const allowed = new Set(deps.allowedTenants);
  return async (body: unknown, headers: IncomingHttpHeaders): Promise<EventsResult> => {
    if (!isAuthorized(headers.authorization, deps.secret)) return { status: 401, body: { error: "A valid bearer token is required." } };
    const parsed = eventSchema.safeParse(body);
    if (!parsed.success) return { status: 400, body: { error: "Invalid event.", issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) } };
    const event = parsed.data;
    if (allowed.size > 0 && !allowed.has(event.tenantId)) return { status: 404, body: { error: "No such benefit." } };
    try {
      const state = await apply(deps.domain, event);
      return { status: 200, body: { benefitId: event.benefitId, state, notificationsPlanned: await planNow(deps, event.tenantId) } };
    } catch (error) {
      const status = isBenefitsError(error) ? STATUS_BY_CODE[error.code] : undefined;
      if (status === undefined || !isBenefitsError(error)) throw error;
      return { status, body: { error: error.message, code: error.code } };
    }
  };
}

/** The activation is done and stays done: if planning fails now, the scheduler's next tick plans it. */
async function planNow(deps: EventsDeps, tenantId: string): Promise<number | null> {
  try {
    return (await planTenantNotifications(deps.domain, tenantId)).planned;
  } catch (error) {
    deps.log(`Planning notifications after an event failed for tenant ${tenantId}; the scheduler will retry`, error);
    return null;
  }
}

async function apply(domain: UseCaseDeps, event: BenefitEvent): Promise<string> {
  if (event.type === "offer.activated") {
    const offer = await activateOfferAsSystem(domain, { tenantId: event.tenantId, benefitId: event.benefitId, expiresAt: new Date(event.expiresAt), actorId: SYSTEM_ACTORS.events });
    return offer.state;
  }
  const benefit = await activateTechnicalAsSystem(domain, { tenantId: event.tenantId, benefitId: event.benefitId, actorId: SYSTEM_ACTORS.events });
  return benefit.assignment?.state ?? "unassigned";
}
