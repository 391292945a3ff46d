// Entry point of `npm run import -- --tenant <tenantId> [--dry-run] <file>` (see docs/import/README.md).
import { loadStorageConfigFromProcess } from "../config";
import { runImportCli } from "./importCli";

runImportCli(process.argv.slice(2), loadStorageConfigFromProcess, console).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
