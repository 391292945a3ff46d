/** The closed set of reasons a use case can refuse. One place (cards/errors) renders them for people. */
export const ERROR_CODES = [
  "NOT_AUTHORIZED",
  "NOT_FOUND",
  "INVALID_INPUT",
  "NO_SEATS",
  "ALREADY_ASSIGNED",
  "NOT_ASSIGNED",
  "SAME_EMAIL",
  "INVALID_PHONE",
  "INVALID_STATE",
  "STALE_CARD",
  "CONFLICT",
  "ALREADY_EXISTS",
  "THROTTLED",
  "CANCEL_WINDOW_CLOSED",
  "SOFTWARE_ACTIVATED",
  "MARKETING_CONTACT_REQUIRED",
  "LAST_GLOBAL_ADMIN",
  "UNAVAILABLE",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class BenefitsError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Facts a card needs to explain the refusal (a deadline, the role needed, the current version...). */
    readonly details: Readonly<Record<string, string | number | boolean | undefined>> = {},
    /** How long the caller should wait before retrying, when the store said so (THROTTLED). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "BenefitsError";
  }
}

export function isBenefitsError(e: unknown, code?: ErrorCode): e is BenefitsError {
  return e instanceof BenefitsError && (code === undefined || e.code === code);
}
