import { z } from "zod";
import { BenefitsError } from "../benefits/errors";

/** What @azure/cosmos puts on an ErrorResponse (HTTP status in `code`) or a RestError (network code in `code`, status in `statusCode`). */
const cosmosErrorSchema = z.object({
  name: z.string().optional(),
  message: z.string().optional(),
  code: z.union([z.number(), z.string()]).optional(),
  statusCode: z.number().optional(),
  retryAfterInMs: z.number().nonnegative().optional(),
  retryAfterInMilliseconds: z.number().nonnegative().optional(),
  headers: z.record(z.string(), z.unknown()).optional(),
});
type CosmosError = z.infer<typeof cosmosErrorSchema>;

const retryAfterHeaderSchema = z.coerce.number().nonnegative();

function httpStatusOf(error: CosmosError): number | undefined {
  return typeof error.code === "number" ? error.code : error.statusCode;
}

function retryAfterMsOf(error: CosmosError): number | undefined {
  const header = retryAfterHeaderSchema.safeParse(error.headers?.["x-ms-retry-after-ms"]);
  return error.retryAfterInMs ?? error.retryAfterInMilliseconds ?? (header.success ? header.data : undefined);
}

function isServerSideFailure(status: number): boolean {
  return status === 408 || status >= 500;
}

/**
 * The coded error for a Cosmos failure the domain knows how to explain, or undefined when the failure is a bug or
 * a misconfiguration (400, 401, 403...) that must surface as it is.
 */
export function cosmosErrorToBenefitsError(error: unknown): BenefitsError | undefined {
  if (error instanceof BenefitsError) return error;
  const parsed = cosmosErrorSchema.safeParse(error);
  if (!parsed.success) return undefined;
  const cosmosError = parsed.data;
  const status = httpStatusOf(cosmosError);

  if (status === undefined) {
    // A code without an HTTP status means no response came back: refused, reset, timed out, or TLS refused the peer.
    const networkCode = cosmosError.code;
    if (typeof networkCode !== "string" || cosmosError.name === "AbortError") return undefined;
    return new BenefitsError("UNAVAILABLE", "The data store cannot be reached.", { cause: networkCode });
  }
  switch (status) {
    case 404:
      return new BenefitsError("NOT_FOUND", "The document does not exist.", { status });
    case 409:
      return new BenefitsError("ALREADY_EXISTS", "A document with this id already exists.", { status });
    case 412:
      return new BenefitsError("CONFLICT", "The document changed since it was read.", { status });
    case 429: {
      const retryAfterMs = retryAfterMsOf(cosmosError);
      return new BenefitsError("THROTTLED", "The data store is busy.", { status, retryAfterMs }, retryAfterMs);
    }
    default:
      return isServerSideFailure(status)
        ? new BenefitsError("UNAVAILABLE", "The data store is unavailable.", { status })
        : undefined;
  }
}

/** Runs a Cosmos call and rethrows its failure as a coded error when there is one for it. */
export async function withCosmosErrors<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw cosmosErrorToBenefitsError(error) ?? error;
  }
}
