import { expect } from "chai";
import { readAssignmentCsv, type AssignmentCsvRow } from "../../../benefits";

function rowsOf(content: string | Uint8Array): AssignmentCsvRow[] {
  const reading = readAssignmentCsv(content);
  if (!reading.ok) expect.fail(JSON.stringify(reading.problems));
  return reading.rows;
}

const ROW = { line: 2, benefit: "vs-1", email: "emp-01@contoso.example", alternateEmail: "" };

describe("readAssignmentCsv", () => {
  const accepted: { name: string; content: string | Uint8Array; rows: AssignmentCsvRow[] }[] = [
    { name: "commas", content: "benefit,email,alternate_email\nvs-1,emp-01@contoso.example,\n", rows: [ROW] },
    { name: "semicolons and CRLF", content: "benefit;email;alternate_email\r\nvs-1;emp-01@contoso.example;\r\n", rows: [ROW] },
    {
      name: "a UTF-8 BOM",
      content: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("benefit,email,alternate_email\nvs-1,emp-01@contoso.example,\n")]),
      rows: [ROW],
    },
    {
      name: "quoted fields with a delimiter and a quote inside, and blank lines",
      content: 'Benefit,Email,Alternate_Email\n\n"Advisory, ""premium""",emp-02@contoso.example,lee@fabrikam.example\n',
      rows: [{ line: 3, benefit: 'Advisory, "premium"', email: "emp-02@contoso.example", alternateEmail: "lee@fabrikam.example" }],
    },
  ];
  for (const { name, content, rows } of accepted) {
    it(`reads the rows when the file uses ${name}`, () => {
      expect(rowsOf(content)).to.deep.equal(rows);
    });
  }

  const refused: { name: string; content: string | Uint8Array; problem: { line: number; message: string } }[] = [
    { name: "has another header", content: "name,mail\nvs-1,a@b.example\n", problem: { line: 1, message: "the first line must be benefit,email,alternate_email" } },
    { name: "has a row with two fields", content: "benefit,email,alternate_email\nvs-1,a@b.example\n", problem: { line: 2, message: "expected 3 fields, found 2" } },
    { name: "leaves a quote open", content: 'benefit,email,alternate_email\n"vs-1,a@b.example,\n', problem: { line: 2, message: "a quote is not closed" } },
    { name: "has no rows", content: "benefit,email,alternate_email\n", problem: { line: 2, message: "the file has no rows" } },
    {
      name: "has more than 500 rows",
      content: `benefit,email,alternate_email\n${"vs-1,a@b.example,\n".repeat(501)}`,
      problem: { line: 0, message: "at most 500 rows are accepted" },
    },
    { name: "is not UTF-8", content: Buffer.from([0x62, 0xff, 0xfe]), problem: { line: 0, message: "the file is not UTF-8 text" } },
  ];
  for (const { name, content, problem } of refused) {
    it(`refuses with the line when the file ${name}`, () => {
      const reading = readAssignmentCsv(content);
      if (reading.ok) expect.fail("accepted");
      expect(reading.problems[0].line).to.equal(problem.line);
      expect(reading.problems[0].message).to.include(problem.message);
    });
  }
});
