import type { Container } from "@azure/cosmos";
import { z } from "zod";
import { tenantIdSchema } from "../benefits/types";
import { withCosmosErrors } from "./cosmosErrors";

const row = z.object({ tenantId: tenantIdSchema });

/**
 * The tenants that own a package. A cross-partition query, used only by the scheduler; DISTINCT is done here because
 * the embedded test server's support for it is not something to build on.
 */
export async function listTenantIds(tenantData: Container): Promise<string[]> {
  const query = { query: "SELECT c.tenantId FROM c WHERE c.type = @type", parameters: [{ name: "@type", value: "package" }] };
  const { resources } = await withCosmosErrors(() => tenantData.items.query(query).fetchAll());
  return [...new Set(resources.map((r) => row.parse(r).tenantId))].sort();
}
