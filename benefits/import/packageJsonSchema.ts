import { z } from "zod";
import { packageFileSchema } from "./packageFile";

export const PACKAGE_SCHEMA_PATH = "docs/import/package.schema.json";

/** docs/import/package.schema.json as it must read: generated from the zod schema, so the two never drift. */
export function packageJsonSchemaText(): string {
  const schema = z.toJSONSchema(packageFileSchema, { io: "input", target: "draft-2020-12" });
  const documented = {
    ...schema,
    title: "Benefits Bot benefit package",
    description: "One benefit package an organization bought (Action Pack, Silver Core, Gold Core, Solutions Partner...). Generated from benefits/import/packageFile.ts by `npm run schema:import`.",
  };
  return `${JSON.stringify(documented, null, 2)}\n`;
}
