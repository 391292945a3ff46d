/** Teams' proactive limits: at most 7 messages per second into one conversation and 50 per second per tenant. */
export const TEAMS_LIMITS = { perConversation: 7, perTenant: 50, windowMs: 1000 } as const;

export interface PacerClock {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/**
 * A sliding-window limiter: a send waits until both its conversation and its tenant have had fewer than their limit
 * of sends in the last window. Exact ("at most N in any window"), unlike a token bucket which allows bursts of 2N
 * across a refill boundary.
 */
export class SendPacer {
  private readonly sends = new Map<string, number[]>();

  constructor(
    private readonly clock: PacerClock,
    private readonly limits: { readonly perConversation: number; readonly perTenant: number; readonly windowMs: number } = TEAMS_LIMITS,
  ) {}

  /** Resolves when a send into `conversationId` of `tenantId` is allowed, and counts it. */
  async acquire(tenantId: string, conversationId: string): Promise<void> {
    const keys = [
      { key: `tenant:${tenantId}`, limit: this.limits.perTenant },
      { key: `conversation:${tenantId}:${conversationId}`, limit: this.limits.perConversation },
    ];
    for (;;) {
      const now = this.clock.now();
      const waitMs = Math.max(...keys.map(({ key, limit }) => this.waitFor(key, limit, now)));
      if (waitMs <= 0) {
        for (const { key } of keys) this.sends.set(key, [...this.recent(key, now), now]);
        this.forgetIdle(now);
        return;
      }
      await this.clock.sleep(waitMs);
    }
  }

  private waitFor(key: string, limit: number, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < limit) return 0;
    return recent[recent.length - limit] + this.limits.windowMs - now;
  }

  private recent(key: string, now: number): number[] {
    return (this.sends.get(key) ?? []).filter((at) => at > now - this.limits.windowMs);
  }

  /** Conversations that have been quiet for a whole window are dropped, so the map does not grow with every conversation. */
  private forgetIdle(now: number): void {
    for (const [key, times] of this.sends) {
      const last = times[times.length - 1];
      if (last === undefined || last <= now - this.limits.windowMs) this.sends.delete(key);
    }
  }
}
