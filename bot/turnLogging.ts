import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { TurnContext } from "botbuilder";
import { z } from "zod";
import { tenantIdOf } from "./activityContext";
import { runWithLogger, type Logger } from "./logger";

const TURN_LOGGER = Symbol("turnLogger");

// Caller-supplied values are bounded before they reach a log line; the text, card data and value never do.
const activityFacts = z.object({
  id: z.string().min(1).max(256).optional().catch(undefined),
  type: z.string().max(64).optional().catch(undefined),
  name: z.string().max(128).optional().catch(undefined),
  channelId: z.string().max(64).optional().catch(undefined),
  conversation: z.object({ conversationType: z.string().max(32).optional().catch(undefined) }).optional().catch(undefined),
});

/**
 * Adapter middleware (the first one): every line logged during the turn, by any code it calls, carries the activity id
 * as `correlationId` and the tenant. A proactive turn has no activity id of its own and gets a fresh one.
 * Ends each turn with one `turn` line: what kind of activity, never what it said.
 */
export function turnLogging(root: Logger) {
  return async (context: TurnContext, next: () => Promise<void>): Promise<void> => {
    const facts = activityFacts.safeParse(context.activity);
    const activity = facts.success ? facts.data : {};
    const logger = root.child({ correlationId: activity.id ?? randomUUID(), tenantId: tenantIdOf(context.activity) });
    context.turnState.set(TURN_LOGGER, logger);
    const started = performance.now();
    let outcome = "failed";
    try {
      await runWithLogger(logger, next);
      outcome = "done";
    } finally {
      logger.info(
        {
          activityType: activity.type,
          activityName: activity.name,
          channelId: activity.channelId,
          conversationType: activity.conversation?.conversationType,
          outcome,
          durationMs: Math.round(performance.now() - started),
        },
        "turn",
      );
    }
  };
}

/** Runs `task` as part of the context's turn for logging, e.g. the adapter's error handler, which runs outside the middleware. */
export function inTurnOf<T>(context: TurnContext, task: () => T): T {
  const logger: unknown = context.turnState.get(TURN_LOGGER);
  return isLogger(logger) ? runWithLogger(logger, task) : task();
}

function isLogger(value: unknown): value is Logger {
  return typeof value === "object" && value !== null && "child" in value && "info" in value;
}
