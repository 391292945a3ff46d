import { z } from "zod";
import { LoopbackStandIn, type LoopbackAnswer, type LoopbackRequest } from "../../test/support/loopbackServer";

const activityTenant = z.object({ conversation: z.object({ tenantId: z.string().optional() }).loose().optional() }).loose();
const ACTIVITIES_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/;

/**
 * The Bot Framework connector as Teams throttles it: at most `perConversation` sends into one conversation and
 * `perTenant` per tenant in any `windowMs` (sliding, by arrival time); beyond that it answers 429 with Retry-After.
 */
export class LimitingConnector extends LoopbackStandIn {
  accepted = 0;
  throttled = 0;
  private readonly arrivals = new Map<string, number[]>();

  private constructor(private readonly limits: { perConversation: number; perTenant: number; windowMs: number }) {
    super();
  }

  static start(limits = { perConversation: 7, perTenant: 50, windowMs: 1000 }): Promise<LimitingConnector> {
    return new LimitingConnector(limits).listen({ keepAlive: true });
  }

  protected respond(request: LoopbackRequest): LoopbackAnswer {
    const match = ACTIVITIES_PATH.exec(request.url.pathname);
    if (match === null) return { status: 404, body: {} };
    const now = Date.now();
    const parsed = activityTenant.safeParse(JSON.parse(request.body));
    const tenant = `tenant:${(parsed.success ? parsed.data.conversation?.tenantId : undefined) ?? "?"}`;
    const conversation = `conversation:${match[1]}`;
    const over = [this.count(tenant, now) >= this.limits.perTenant, this.count(conversation, now) >= this.limits.perConversation].some(Boolean);
    if (over) {
      this.throttled++;
      return { status: 429, headers: { "retry-after": "1" }, body: { error: { code: "TooManyRequests", message: "throttled" } } };
    }
    for (const key of [tenant, conversation]) this.arrivals.set(key, [...(this.arrivals.get(key) ?? []), now]);
    this.accepted++;
    return { status: 200, body: { id: `sent-${this.accepted}` } };
  }

  private count(key: string, now: number): number {
    const recent = (this.arrivals.get(key) ?? []).filter((at) => at > now - this.limits.windowMs);
    this.arrivals.set(key, recent);
    return recent.length;
  }
}
