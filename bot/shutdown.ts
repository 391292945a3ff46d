import type { Server } from "restify";
import type { DrainGate } from "./drain";
import type { Logger } from "./logger";

/** Hosts (App Service, Kubernetes) kill a process 10 s after SIGTERM by default: stop, in every case, before that. */
export const STOP_BUDGET_MS = 8_000;

export interface StoppableParts {
  readonly drain: DrainGate;
  readonly scheduler: { stop(): Promise<void> };
  readonly server: Server;
  readonly cosmos: { dispose(): void };
  readonly embedded?: { close(): Promise<void> };
  readonly logger: Logger;
}

/**
 * Refuses new requests (503), lets the turns in flight and the notification being sent finish, releases the scheduler
 * lease, then closes everything. Resolves with the exit code: 0 when all of that happened, 1 when something failed or
 * the budget ran out (then the process stops anyway; an unreleased lease expires by itself).
 */
export async function stopGracefully(parts: StoppableParts, budgetMs = STOP_BUDGET_MS): Promise<number> {
  const { logger } = parts;
  parts.drain.beginDrain();
  let timer: NodeJS.Timeout | undefined;
  const outOfTime = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), budgetMs);
  });
  const settled = Promise.all([
    parts.drain.idle(),
    parts.scheduler.stop().then(
      () => true,
      (error: unknown) => {
        logger.error({ err: error }, "The scheduler did not stop cleanly (its lease expires by itself)");
        return false;
      },
    ),
  ]).then(([, schedulerStopped]) => (schedulerStopped ? "clean" : "failed"));
  const result = await Promise.race([settled, outOfTime]);
  clearTimeout(timer);
  if (result === "late") {
    logger.warn({ requestsInFlight: parts.drain.requestsInFlight, budgetMs }, "Stopping without waiting any longer for turns or the scheduler");
  }

  parts.server.close();
  parts.server.server.closeAllConnections();
  parts.cosmos.dispose();
  try {
    await parts.embedded?.close();
  } catch (error) {
    logger.error({ err: error }, "The embedded Cosmos DB server did not close cleanly");
  }
  logger.info({ clean: result === "clean" }, "Stopped");
  return result === "clean" ? 0 : 1;
}
