/** Teams' limit on "get members": 14 per second per conversation. Pacing to one under it leaves room for clock skew. */
export const ROSTER_CALL_LIMIT = { perConversation: 13, windowMs: 1000 } as const;

export interface PacerClock {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** Ends a paced call: from then on it counts for one window from its end (Teams counts it when it arrives). */
export type ReleaseCall = () => void;

const IN_FLIGHT = Number.POSITIVE_INFINITY;
const IN_FLIGHT_POLL_MS = 10;

/**
 * A sliding window per conversation, as the notification pacer does for sends: a call waits until its conversation
 * had fewer than the limit in the last window, so no second ever holds more (a token bucket would allow twice that
 * across a refill).
 */
export class RosterPacer {
  private readonly calls = new Map<string, { at: number }[]>();

  constructor(
    private readonly clock: PacerClock,
    private readonly limit: { readonly perConversation: number; readonly windowMs: number } = ROSTER_CALL_LIMIT,
  ) {}

  async acquire(conversationId: string): Promise<ReleaseCall> {
    for (;;) {
      const now = this.clock.now();
      const recent = this.recent(conversationId, now);
      const ends = recent.map((c) => c.at).sort((a, b) => a - b);
      const waitMs = ends.length < this.limit.perConversation ? 0 : ends[ends.length - this.limit.perConversation] + this.limit.windowMs - now;
      if (waitMs <= 0) {
        const call = { at: IN_FLIGHT };
        this.calls.set(conversationId, [...recent, call]);
        this.forgetIdle(now);
        return () => {
          call.at = this.clock.now();
        };
      }
      await this.clock.sleep(Number.isFinite(waitMs) ? waitMs : IN_FLIGHT_POLL_MS);
    }
  }

  private recent(conversationId: string, now: number): { at: number }[] {
    return (this.calls.get(conversationId) ?? []).filter((c) => c.at > now - this.limit.windowMs);
  }

  private forgetIdle(now: number): void {
    for (const [key, calls] of this.calls) if (calls.every((c) => c.at <= now - this.limit.windowMs)) this.calls.delete(key);
  }
}

export function realClock(): PacerClock {
  return { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
}
