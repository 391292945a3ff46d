// npm run schema:import: regenerates docs/import/package.schema.json from the zod schema (a test fails when it is stale).
import { writeFileSync } from "node:fs";
import { PACKAGE_SCHEMA_PATH, packageJsonSchemaText } from "../benefits/import/packageJsonSchema";

writeFileSync(PACKAGE_SCHEMA_PATH, packageJsonSchemaText());
console.log(`wrote ${PACKAGE_SCHEMA_PATH}`);
