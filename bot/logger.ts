import { AsyncLocalStorage } from "node:async_hooks";
import { ErrorResponse } from "@azure/cosmos";
import pino, { type DestinationStream, type Logger } from "pino";
import type { LogLevel } from "./config";

export type { Logger } from "pino";

/** How bot/ and storage/ report one event, optionally with the error behind it. */
export type Log = (message: string, error?: unknown) => void;

// Objects that reach a log line (mostly errors thrown by HTTP clients) can carry credentials: they never get written.
const REDACTED_PATHS = [
  "authorization",
  "*.authorization",
  "*.Authorization",
  "*.headers.authorization",
  "*.headers.Authorization",
  "err.request.headers",
  "err.config.headers",
  "err.response.request.headers",
  "err.response.config.headers",
  "*.password",
  "*.secret",
  "*.token",
  "*.key",
  "*.masterKey",
];

/**
 * One JSON object per line. Writes to stdout synchronously by default, so nothing logged before `process.exit` is
 * lost and lines from concurrent turns never interleave.
 */
export function createLogger(level: LogLevel, destination: DestinationStream = pino.destination({ dest: 1, sync: true })): Logger {
  return pino(
    {
      level,
      base: { service: "benefits-bot" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      serializers: { err: serializeError },
    },
    destination,
  );
}

/** Errors of libraries that keep the name "Error": typed by their class, whatever the minifier calls it. */
const CLASS_NAMES: readonly (readonly [abstract new (...args: never[]) => Error, string])[] = [[ErrorResponse, "ErrorResponse"]];

/**
 * pino's error serializer, with `type` from the error's own name when it has one. pino takes `constructor.name`, which
 * the minified bundle production runs turns into a letter; our errors set `name`, as Node's and most libraries' do.
 */
function serializeError(error: Error): ReturnType<typeof pino.stdSerializers.err> {
  const serialized = pino.stdSerializers.err(error);
  if (!(error instanceof Error)) return serialized;
  const type = error.name !== "Error" ? error.name : CLASS_NAMES.find(([errorClass]) => error instanceof errorClass)?.[1];
  if (type !== undefined) serialized.type = type;
  return serialized;
}

// The logger of the turn being processed, so code deep inside a turn logs its correlation id without being handed it.
const turnLoggers = new AsyncLocalStorage<Logger>();

export function runWithLogger<T>(logger: Logger, task: () => T): T {
  return turnLoggers.run(logger, task);
}

/** The current turn's logger, else `root`. */
export function currentLogger(root: Logger): Logger {
  return turnLoggers.getStore() ?? root;
}

/** The `Log` function the rest of the process receives: an event with an error is an error, any other is info. */
export function logTo(root: Logger): Log {
  return (message, error) => {
    const logger = currentLogger(root);
    if (error === undefined) logger.info(message);
    else logger.error({ err: error }, message);
  };
}
