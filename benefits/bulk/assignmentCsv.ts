/** A bulk assignment file: header `benefit,email,alternate_email`, comma or semicolon, UTF-8 with or without BOM. */
export const ASSIGNMENT_CSV_LIMITS = { maxRows: 500, maxBytes: 256 * 1024, maxFieldLength: 254 } as const;
export const ASSIGNMENT_CSV_HEADER = ["benefit", "email", "alternate_email"] as const;

export interface AssignmentCsvRow {
  /** 1-based line in the file (the header is line 1), so people find the row they wrote. */
  readonly line: number;
  readonly benefit: string;
  readonly email: string;
  readonly alternateEmail: string;
}

export interface CsvProblem {
  readonly line: number;
  readonly message: string;
}

export type AssignmentCsvReading = { readonly ok: true; readonly rows: AssignmentCsvRow[] } | { readonly ok: false; readonly problems: CsvProblem[] };

function splitLine(line: string, delimiter: string): string[] | undefined {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (char === delimiter) {
      fields.push(field.trim());
      field = "";
    } else {
      field += char;
    }
  }
  if (quoted) return undefined;
  fields.push(field.trim());
  return fields;
}

export function readAssignmentCsv(content: Uint8Array | string): AssignmentCsvReading {
  const bytes = typeof content === "string" ? Buffer.byteLength(content, "utf8") : content.byteLength;
  if (bytes > ASSIGNMENT_CSV_LIMITS.maxBytes) return { ok: false, problems: [{ line: 0, message: `the file is larger than ${ASSIGNMENT_CSV_LIMITS.maxBytes} bytes` }] };
  let text: string;
  try {
    text = typeof content === "string" ? content : new TextDecoder("utf-8", { fatal: true }).decode(content);
  } catch {
    return { ok: false, problems: [{ line: 0, message: "the file is not UTF-8 text" }] };
  }
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const headerLine = lines[0] ?? "";
  const delimiter = headerLine.includes(";") && !headerLine.includes(",") ? ";" : ",";
  const header = splitLine(headerLine, delimiter)?.map((h) => h.toLowerCase());
  if (header === undefined || header.join(",") !== ASSIGNMENT_CSV_HEADER.join(",")) {
    return { ok: false, problems: [{ line: 1, message: `the first line must be ${ASSIGNMENT_CSV_HEADER.join(",")} (comma or semicolon)` }] };
  }
  const rows: AssignmentCsvRow[] = [];
  const problems: CsvProblem[] = [];
  lines.slice(1).forEach((raw, index) => {
    const line = index + 2;
    if (raw.trim() === "") return;
    const fields = splitLine(raw, delimiter);
    if (fields === undefined) problems.push({ line, message: "a quote is not closed" });
    else if (fields.length !== ASSIGNMENT_CSV_HEADER.length) problems.push({ line, message: `expected ${ASSIGNMENT_CSV_HEADER.length} fields, found ${fields.length}` });
    else if (fields.some((f) => f.length > ASSIGNMENT_CSV_LIMITS.maxFieldLength)) problems.push({ line, message: `a field is longer than ${ASSIGNMENT_CSV_LIMITS.maxFieldLength} characters` });
    else rows.push({ line, benefit: fields[0], email: fields[1], alternateEmail: fields[2] });
  });
  if (rows.length + problems.length > ASSIGNMENT_CSV_LIMITS.maxRows) {
    return { ok: false, problems: [{ line: 0, message: `at most ${ASSIGNMENT_CSV_LIMITS.maxRows} rows are accepted` }] };
  }
  if (problems.length > 0) return { ok: false, problems };
  if (rows.length === 0) return { ok: false, problems: [{ line: 2, message: "the file has no rows" }] };
  return { ok: true, rows };
}
