/** Teams' proactive limits: at most 7 messages per second into one conversation and 50 per second per tenant. */
export const TEAMS_LIMITS = { perConversation: 7, perTenant: 50, windowMs: 1000 } as const;

export interface PacerClock {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** Ends a paced send: from then on it counts for one window from its end, not from its start. */
export type ReleaseSend = () => void;

const IN_FLIGHT = Number.POSITIVE_INFINITY;
/** How often to look again when the whole limit is in flight (only when sends run in parallel). */
const IN_FLIGHT_POLL_MS = 10;

/**
 * A sliding-window limiter: a send waits until both its conversation and its tenant have had fewer than their limit
 * of sends in the last window. Exact ("at most N in any window"), unlike a token bucket which allows bursts of 2N
 * across a refill boundary. The window is reckoned from each send's end: Teams counts a send when it arrives, which
 * is somewhere between its start and its end, so counting from the start lets a slow send and a quick one arrive
 * closer together than the window (seen as 429s in the bench).
 */
export class SendPacer {
  private readonly sends = new Map<string, { at: number }[]>();

  constructor(
    private readonly clock: PacerClock,
    private readonly limits: { readonly perConversation: number; readonly perTenant: number; readonly windowMs: number } = TEAMS_LIMITS,
  ) {}

  /** Resolves when a send into `conversationId` of `tenantId` is allowed, and counts it; call the release when it ends. */
  async acquire(tenantId: string, conversationId: string): Promise<ReleaseSend> {
    const keys = [
      { key: `tenant:${tenantId}`, limit: this.limits.perTenant },
      { key: `conversation:${tenantId}:${conversationId}`, limit: this.limits.perConversation },
    ];
    for (;;) {
      const now = this.clock.now();
      const waitMs = Math.max(...keys.map(({ key, limit }) => this.waitFor(key, limit, now)));
      if (waitMs <= 0) {
        const send = { at: IN_FLIGHT };
        for (const { key } of keys) this.sends.set(key, [...this.recent(key, now), send]);
        this.forgetIdle(now);
        return () => {
          send.at = this.clock.now();
        };
      }
      await this.clock.sleep(Number.isFinite(waitMs) ? waitMs : IN_FLIGHT_POLL_MS);
    }
  }

  private waitFor(key: string, limit: number, now: number): number {
    const ends = this.recent(key, now).map((send) => send.at).sort((a, b) => a - b);
    if (ends.length < limit) return 0;
    return ends[ends.length - limit] + this.limits.windowMs - now;
  }

  /** Sends still in flight, and those that ended within the last window. */
  private recent(key: string, now: number): { at: number }[] {
    return (this.sends.get(key) ?? []).filter((send) => send.at > now - this.limits.windowMs);
  }

  /** Conversations that have been quiet for a whole window are dropped, so the map does not grow with every conversation. */
  private forgetIdle(now: number): void {
    for (const [key, sends] of this.sends) {
      if (sends.every((send) => send.at <= now - this.limits.windowMs)) this.sends.delete(key);
    }
  }
}
