import type { Container, OperationInput, OperationResponse } from "@azure/cosmos";
import { BenefitsError } from "../benefits/errors";
import { withCosmosErrors } from "./cosmosErrors";

/**
 * One transactional batch; the answer to each operation in order. A failed batch comes back as answers (424 for the
 * operations it did not run), not as an error. Whatever does throw, @azure/cosmos 4.9 rethrows as a bare Error
 * without its status (a 429 past the SDK's retries, a 503, a reset connection): the batch may or may not have been
 * applied, so it is an unknown outcome (UNAVAILABLE without a status) and a writer reads back before saying anything.
 */
export async function runBatch(container: Container, tenantId: string, operations: OperationInput[]): Promise<OperationResponse[]> {
  try {
    const response = await withCosmosErrors(() => container.items.batch(operations, tenantId));
    return response.result ?? [];
  } catch (error) {
    if (error instanceof BenefitsError) throw error;
    throw new BenefitsError("UNAVAILABLE", "The data store did not answer a batch.", { cause: "batch" });
  }
}
