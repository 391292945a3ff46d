import { readFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import {
  describeRefusal,
  importPackage,
  importSummary,
  IMPORT_SYSTEM_ACTORS,
  isBenefitsError,
  readPackageFile,
  tenantIdSchema,
  type FileProblem,
  type ImportItem,
  type UseCaseDeps,
} from "../../benefits";
import { connectCosmos, type CosmosConnection } from "../../storage/cosmos";
import { createRepositories } from "../../storage/repositories";
import { ConfigError, type CosmosConfig } from "../config";

export const EXIT = { ok: 0, invalidFile: 1, usage: 2 } as const;

const USAGE = "usage: npm run import -- --tenant <tenantId> [--dry-run] <file>";

interface Arguments {
  readonly tenantId: string;
  readonly dryRun: boolean;
  readonly file: string;
}

function parseArguments(argv: readonly string[]): Arguments | string {
  let tenantId: string | undefined;
  let dryRun = false;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--tenant") tenantId = argv[++i];
    else if (arg === "--dry-run") dryRun = true;
    else if (arg.startsWith("--")) return `unknown option ${arg}`;
    else files.push(arg);
  }
  if (tenantId === undefined || !tenantIdSchema.safeParse(tenantId).success) return "--tenant needs a tenant id (letters, digits and -)";
  if (files.length !== 1) return "give exactly one package file";
  return { tenantId, dryRun, file: files[0] };
}

async function connect(config: Exclude<CosmosConfig, { kind: "embedded" }>): Promise<CosmosConnection> {
  if (config.kind === "accountKey") return connectCosmos({ endpoint: config.endpoint, key: config.key, databaseId: config.database });
  return connectCosmos({ endpoint: config.endpoint, useManagedIdentity: true, databaseId: config.database });
}

function reportInvalid(out: { error(line: string): void }, file: string, problems: readonly FileProblem[]): number {
  for (const problem of problems) out.error(`${problem.path === "" ? "(file)" : problem.path}: ${problem.message}`);
  out.error(`${file} is not a valid package file: nothing was written`);
  return EXIT.invalidFile;
}

function itemLine(item: ImportItem): string {
  const quantity = `${item.quantity.amount} ${item.quantity.unit}`;
  const reason = item.refusal === undefined ? "" : `: ${describeRefusal(item.refusal)}`;
  return `  ${item.outcome.padEnd(9)} ${item.benefitId} (${item.category}, ${quantity})${reason}`;
}

/**
 * npm run import: the same importPackage as the chat, run by an operator with database access (the audit names
 * system:cli). Keys are never printed: the lines show counts only.
 */
export async function runImportCli(
  argv: readonly string[],
  storageConfig: () => CosmosConfig,
  out: { log(line: string): void; error(line: string): void },
): Promise<number> {
  const args = parseArguments(argv);
  if (typeof args === "string") {
    out.error(`${args}\n${USAGE}`);
    return EXIT.usage;
  }
  let config: CosmosConfig;
  try {
    config = storageConfig();
  } catch (error) {
    out.error(error instanceof ConfigError ? error.message : String(error));
    return EXIT.usage;
  }
  if (config.kind === "embedded") {
    out.error("COSMOS_ENDPOINT is not set: the import writes to a Cosmos DB account, so set COSMOS_ENDPOINT (and COSMOS_KEY, or use managed identity).");
    return EXIT.usage;
  }
  let content: Buffer;
  try {
    content = await readFile(args.file);
  } catch (error) {
    out.error(`cannot read ${args.file}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.usage;
  }
  // A bad file is answered before the store is even reached: nothing can be written.
  const reading = readPackageFile(content);
  if (!reading.ok) return reportInvalid(out, args.file, reading.problems);
  const cosmos = await connect(config);
  try {
    const deps: UseCaseDeps = { repos: createRepositories(cosmos.tenantData), now: () => new Date(), newId: () => randomUUID() };
    const importer = { kind: "system", tenantId: args.tenantId, actorId: IMPORT_SYSTEM_ACTORS.cli } as const;
    const answer = await importPackage(deps, importer, content, { dryRun: args.dryRun });
    if (!answer.ok) return reportInvalid(out, args.file, answer.problems);
    for (const item of answer.report.items) out.log(itemLine(item));
    out.log(importSummary(answer.report));
    return EXIT.ok;
  } catch (error) {
    out.error(isBenefitsError(error) ? `${error.code}: ${error.message}` : String(error));
    return EXIT.invalidFile;
  } finally {
    cosmos.dispose();
  }
}
