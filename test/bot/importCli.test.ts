import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { runImportCli } from "../../bot/cli/importCli";
import { loadStorageConfig } from "../../bot/config";
import { startTestCosmos, type TestCosmos } from "../support/cosmos";

const TENANT = "cli-tenant-1";
const ENTRY = path.resolve("bot/cli/importPackage.ts");

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The CLI as an operator runs it: a separate process, settings from the environment, over verified TLS. */
function runCli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--require", "tsx/cjs", ENTRY, ...args], { env: { PATH: process.env.PATH ?? "", ...env } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

describe("npm run import (end to end against the Cosmos-protocol server)", () => {
  let cosmos: TestCosmos;
  let env: Record<string, string>;
  let dir: string;
  before(async function () {
    this.timeout(60_000);
    cosmos = await startTestCosmos();
    dir = mkdtempSync(path.join(tmpdir(), "import-cli-"));
    const caFile = path.join(dir, "embedded-ca.pem");
    writeFileSync(caFile, cosmos.connection.certificatePem);
    env = {
      COSMOS_ENDPOINT: cosmos.connection.endpoint,
      COSMOS_KEY: cosmos.connection.key,
      COSMOS_DATABASE: cosmos.connection.databaseId,
      // The child trusts exactly the embedded server's certificate; TLS checks stay on.
      NODE_EXTRA_CA_CERTS: caFile,
    };
  });
  after(async () => {
    await cosmos.stop();
  });

  it("previews without writing on --dry-run, then imports with a one-line summary and exit 0", async function () {
    this.timeout(60_000);
    const dry = await runCli(["--tenant", TENANT, "--dry-run", "docs/import/example-package.json"], env);
    expect(dry.code, dry.stderr).to.equal(0);
    expect(dry.stdout).to.include('would import package "Fabrikam Silver Core membership" (fabrikam-silver-core-2026, new): 11 created, 0 changed, 0 unchanged, 0 refused');
    expect(await cosmos.repositories.packages.list(TENANT)).to.deep.equal([]);

    const run = await runCli(["--tenant", TENANT, "docs/import/example-package.json"], env);
    expect(run.code, run.stderr).to.equal(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines.at(-1)).to.equal('imported package "Fabrikam Silver Core membership" (fabrikam-silver-core-2026, new): 11 created, 0 changed, 0 unchanged, 0 refused');
    expect(run.stdout).not.to.include("KX7RT");
    expect((await cosmos.repositories.benefits.list(TENANT)).map((s) => s.value.id)).to.have.length(11);
    const audit = await cosmos.repositories.audit.recent(TENANT, 50);
    expect(new Set(audit.map((e) => e.actorId))).to.deep.equal(new Set(["system:cli"]));
  });

  const captured = () => {
    const lines = { out: [] as string[], err: [] as string[] };
    return { lines, io: { log: (line: string) => lines.out.push(line), error: (line: string) => lines.err.push(line) } };
  };

  it("prints each error with its path, exits 1 and writes nothing when the file is invalid", async () => {
    const file = JSON.parse(readFileSync("docs/import/example-package.json", "utf8"));
    file.benefits[0].seats = "ten";
    file.extra = true;
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ ...file, id: "bad-package" }));
    const { lines, io } = captured();
    const code = await runImportCli(["--tenant", TENANT, bad], () => loadStorageConfig(env), io);
    expect(code).to.equal(1);
    expect(lines.err).to.include("(file): unknown field: extra");
    expect(lines.err.some((line) => line.startsWith("benefits[0].seats:"))).to.equal(true);
    expect(lines.err.at(-1)).to.include("nothing was written");
    expect(await cosmos.repositories.packages.get(TENANT, "bad-package")).to.equal(undefined);
  });

  it("says COSMOS_ENDPOINT is missing and exits non-zero when it is not set", async () => {
    const { lines, io } = captured();
    const code = await runImportCli(["--tenant", TENANT, "docs/import/example-package.json"], () => loadStorageConfig({}), io);
    expect(code).to.equal(2);
    expect(lines.err.join("\n")).to.include("COSMOS_ENDPOINT is not set");
  });

  it("explains the usage and exits non-zero when the tenant is missing", async () => {
    const { lines, io } = captured();
    expect(await runImportCli(["docs/import/example-package.json"], () => loadStorageConfig(env), io)).to.equal(2);
    expect(lines.err.join("\n")).to.include("usage: npm run import -- --tenant <tenantId> [--dry-run] <file>");
  });
});
