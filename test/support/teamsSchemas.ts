import { readFileSync } from "node:fs";
import path from "node:path";

/** The official Teams schemas as @microsoft/app-manifest ships them: read from disk, so validation never goes online. */
const SCHEMA_DIR = path.join(path.dirname(require.resolve("@microsoft/app-manifest/package.json")), "build/json-schemas/teams/v1.30");

export type JsonSchema = Record<string, unknown>;

export function manifestSchema(): JsonSchema {
  return readSchema("MicrosoftTeams.schema.json");
}

/**
 * The localization schema, with one repair: a few of its patterns hold a lone `]` (e.g. `…\b]\.description$`), which
 * means a literal `]` without the unicode flag but is a syntax error with it, and ajv compiles every pattern with it.
 * Escaping exactly those brackets keeps each pattern's meaning.
 */
export function localizationSchema(): JsonSchema {
  return repairPatterns(readSchema("MicrosoftTeams.Localization.schema.json"));
}

function readSchema(file: string): JsonSchema {
  return JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), "utf8")) as JsonSchema;
}

export function escapeLoneBrackets(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === "\\") {
      out += char + (pattern[i + 1] ?? "");
      i++;
    } else if (char === "[") {
      inClass = true;
      out += char;
    } else if (char === "]") {
      out += inClass ? char : "\\]";
      inClass = false;
    } else {
      out += char;
    }
  }
  return out;
}

function repairPatterns(value: unknown): JsonSchema {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== "object") return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, child]) => {
        if (key === "pattern" && typeof child === "string") return [key, escapeLoneBrackets(child)];
        if (key === "patternProperties" && child !== null && typeof child === "object") {
          return [key, Object.fromEntries(Object.entries(child).map(([pattern, schema]) => [escapeLoneBrackets(pattern), walk(schema)]))];
        }
        return [key, walk(child)];
      }),
    );
  };
  return walk(value) as JsonSchema;
}
