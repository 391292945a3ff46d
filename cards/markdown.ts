/**
 * Text typed by one person and shown to others goes through Adaptive Card TextBlocks, which render a Markdown subset.
 * Escape only what could start Markdown, so a name like "[click](http://evil)" or "**boss**" shows as typed while an
 * email or a product id keeps its dots and dashes unescaped (Teams mobile shows every backslash).
 *
 * Threat model: emphasis (`*`, `_`, `~~`), code (`` ` ``), links and images (`[`, `<`), and line-start blocks (headings,
 * quotes, lists, rules). A bare address such as "evil.example" may be auto-linked by Teams, but then it shows the
 * address itself: user text can never disguise where a link goes.
 */
export function escapeMarkdown(text: string): string {
  return text.split("\n").map(escapeLine).join("\n");
}

// Anywhere in a line: a backslash before punctuation, emphasis and code marks, link and autolink openers.
const INLINE = /\\(?=[!-/:-@[-`{-~])|[*`[<]|~(?=~)|(?<=~)~/g;
// `_` emphasizes only at a word's edge (CommonMark): snake_case and adele_vance@ are left alone.
const EDGE_UNDERSCORE = /(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;
// At the start of a line, after optional spaces: heading, quote, bullet, rule or setext underline; or a list number.
const BLOCK_START = /^(\s*)(#|>|[-+](?=\s|$)|-+\s*$|=+\s*$)/;
const LIST_NUMBER = /^(\s*\d{1,9})([.)])(?=\s|$)/;

function escapeLine(line: string): string {
  const inline = line.replace(INLINE, (c) => `\\${c}`).replace(EDGE_UNDERSCORE, "\\_");
  return inline.replace(BLOCK_START, (_whole, indent: string, marker: string) => `${indent}\\${marker}`).replace(LIST_NUMBER, "$1\\$2");
}
