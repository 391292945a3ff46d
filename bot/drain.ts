import type { Next, Request, Response } from "restify";

/** Seconds a refused caller (the Bot Framework channel, a load balancer) is told to wait before trying again. */
const RETRY_AFTER_SECONDS = 5;

/**
 * The HTTP side of a graceful stop. Registered with `server.pre`, it admits requests until `beginDrain`, then answers
 * 503 to every new one except /healthz (the process is still alive), while the requests already admitted (a turn is
 * one request: CloudAdapter answers when the turn has finished) run to completion; `idle` says when they have.
 */
export class DrainGate {
  private inFlight = 0;
  private isDraining = false;
  private waiters: (() => void)[] = [];

  get draining(): boolean {
    return this.isDraining;
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  readonly handler = (req: Request, res: Response, next: Next): void => {
    if (this.isDraining && req.path() !== "/healthz") {
      res.header("Retry-After", String(RETRY_AFTER_SECONDS));
      res.header("Connection", "close");
      res.send(503, { error: "The bot is stopping; try again shortly." });
      next(false);
      return;
    }
    this.inFlight++;
    // "close" fires once per response, whether it finished or the caller went away.
    res.once("close", () => this.settle());
    next();
  };

  beginDrain(): void {
    this.isDraining = true;
  }

  /** Resolves when no admitted request is still running (at once if none is). */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private settle(): void {
    this.inFlight--;
    if (this.inFlight > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
