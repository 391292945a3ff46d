import { readFileSync } from "node:fs";
import { expect } from "chai";
import { PACKAGE_FILE_LIMITS, readPackageFile, type FileProblem } from "../../../benefits";
import { PACKAGE_SCHEMA_PATH, packageJsonSchemaText } from "../../../benefits/import/packageJsonSchema";

const EXAMPLE = readFileSync("docs/import/example-package.json", "utf8");

function example(): Record<string, unknown> & { benefits: Record<string, unknown>[] } {
  return JSON.parse(EXAMPLE);
}

function problemsOf(content: string | Uint8Array): FileProblem[] {
  const reading = readPackageFile(content);
  if (reading.ok) expect.fail("expected the file to be refused");
  return reading.problems;
}

describe("import/packageFile", () => {
  it("is committed as generated from the zod schema (run npm run schema:import when this fails)", () => {
    const fresh = readFileSync(PACKAGE_SCHEMA_PATH, "utf8") === packageJsonSchemaText();
    expect(fresh, `${PACKAGE_SCHEMA_PATH} is stale: run npm run schema:import`).to.equal(true);
  });

  for (const file of ["docs/import/example-package.json", "storage/demo-package.json"]) {
    it(`accepts ${file}`, () => {
      const reading = readPackageFile(readFileSync(file));
      expect(reading.ok, JSON.stringify(reading)).to.equal(true);
    });
  }

  it("accepts a UTF-8 byte order mark", () => {
    expect(readPackageFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(EXAMPLE)])).ok).to.equal(true);
  });

  const invalid: { name: string; content: () => string | Uint8Array; expected: FileProblem[] }[] = [
    { name: "is not JSON", content: () => "{ nope", expected: [{ path: "", message: "not JSON: " }] },
    { name: "is not UTF-8", content: () => Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), expected: [{ path: "", message: "the file is not UTF-8 text" }] },
    {
      name: "is larger than 1 MB",
      content: () => " ".repeat(PACKAGE_FILE_LIMITS.maxBytes + 1),
      expected: [{ path: "", message: `the file is ${PACKAGE_FILE_LIMITS.maxBytes + 1} bytes; at most ${PACKAGE_FILE_LIMITS.maxBytes} are accepted` }],
    },
    {
      name: "has an unknown field at the top",
      content: () => JSON.stringify({ ...example(), colour: "blue" }),
      expected: [{ path: "", message: "unknown field: colour" }],
    },
    {
      name: "has an unknown field in a benefit",
      content: () => {
        const file = example();
        file.benefits[0] = { ...file.benefits[0], seatz: 3 };
        return JSON.stringify(file);
      },
      expected: [{ path: "benefits[0]", message: "unknown field: seatz" }],
    },
    {
      name: "gives negative seats",
      content: () => {
        const file = example();
        file.benefits[0] = { ...file.benefits[0], seats: -1 };
        return JSON.stringify(file);
      },
      expected: [{ path: "benefits[0].seats", message: "Too small" }],
    },
    {
      name: "repeats a benefit id",
      content: () => {
        const file = example();
        file.benefits[1] = { ...file.benefits[1], id: file.benefits[0].id };
        return JSON.stringify(file);
      },
      expected: [{ path: "benefits[1].id", message: "the same id as benefits[0]" }],
    },
    {
      name: "has more than 500 benefits",
      content: () => {
        const file = example();
        const one = file.benefits[0];
        return JSON.stringify({ ...file, benefits: Array.from({ length: 501 }, (_, i) => ({ ...one, id: `vs-${i}` })) });
      },
      expected: [{ path: "benefits", message: "Too big" }],
    },
    {
      name: "has more than 500 keys for one product",
      content: () => {
        const file = example();
        const software = file.benefits.findIndex((b) => b.category === "software");
        const keys = Array.from({ length: 501 }, (_, i) => `KEY-${i}`);
        file.benefits[software] = { ...file.benefits[software], products: [{ product: "Windows Server", keys }] };
        return JSON.stringify(file);
      },
      expected: [{ path: "benefits[5].products[0].keys", message: "Too big" }],
    },
    {
      name: "offers a download over plain http",
      content: () => {
        const file = example();
        file.benefits[5] = { ...file.benefits[5], downloads: [{ language: "English", os: "64-bit", url: "http://download.example.com/x.iso" }] };
        return JSON.stringify(file);
      },
      expected: [{ path: "benefits[5].downloads[0].url", message: "Invalid URL" }],
    },
    {
      name: "misses the purchase date",
      content: () => {
        const { purchasedAt: _dropped, ...rest } = example();
        return JSON.stringify(rest);
      },
      expected: [{ path: "purchasedAt", message: "Invalid input" }],
    },
  ];
  for (const { name, content, expected } of invalid) {
    it(`refuses, naming the field, when the file ${name}`, () => {
      const problems = problemsOf(content());
      expect(problems.map((p) => p.path)).to.deep.equal(expected.map((p) => p.path));
      problems.forEach((problem, i) => expect(problem.message).to.include(expected[i].message));
    });
  }

  it("never quotes a rejected value, which could be a license key", () => {
    const file = example();
    file.benefits[5] = { ...file.benefits[5], products: [{ product: "Windows Server", keys: ["SECRET-KEY-".padEnd(80, "X")] }] };
    const problems = problemsOf(JSON.stringify(file));
    expect(problems.map((p) => p.path)).to.deep.equal(["benefits[5].products[0].keys[0]"]);
    expect(JSON.stringify(problems)).not.to.include("SECRET-KEY");
  });
});
