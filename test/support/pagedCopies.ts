import type { Benefit, Repositories } from "../../benefits";
import type { Turn } from "./botHarness";

// Copies of a demo benefit named "0 paged <kind> 007": they sort before the demo's own names, so the pages a test
// expects are plain ranges of copy numbers.
const pad = (n: number) => String(n).padStart(3, "0");

export const copyId = (kind: string, n: number): string => `paged-${kind}-${pad(n)}`;
export const copyName = (kind: string, n: number): string => `0 paged ${kind} ${pad(n)}`;
export const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);

/** Stores `count` copies of `prototype` 50 at a time; "descending" shows that a card sorts them itself. */
export async function storeCopies(repos: Repositories, prototype: Benefit, kind: string, count: number, order: "ascending" | "descending" = "ascending"): Promise<void> {
  const starts = range(0, Math.ceil(count / 50)).map((i) => i * 50);
  for (const start of order === "ascending" ? starts : starts.reverse()) {
    const batch = range(start, Math.min(50, count - start));
    await Promise.all(batch.map((n) => repos.benefits.create({ ...prototype, id: copyId(kind, n), name: copyName(kind, n), version: 0 })));
  }
}

/** The copies (by number) a turn's cards list. */
export function shownCopies(turn: Turn, kind: string): number[] {
  const pattern = new RegExp(`^0 paged ${kind} (\\d{3})$`);
  return turn.allText().split("\n").flatMap((line) => {
    const match = pattern.exec(line);
    return match?.[1] === undefined ? [] : [Number(match[1])];
  });
}
