// Entry point of `npm run import -- --tenant <tenantId> [--dry-run] <file>` (see docs/import/README.md).
// What it prints is the command's answer to the person at the terminal (a summary line, or each error), not a log.
import { loadStorageConfigFromProcess } from "../config";
import { runImportCli } from "./importCli";

const terminal = {
  log: (line: string) => void process.stdout.write(`${line}\n`),
  error: (line: string) => void process.stderr.write(`${line}\n`),
};

// exitCode, not exit(): a piped stdout may still be writing the summary.
runImportCli(process.argv.slice(2), loadStorageConfigFromProcess, terminal).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    terminal.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
