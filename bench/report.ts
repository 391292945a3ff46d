// The summary table: one row per target of issue 12, with what was measured and whether it is met.
export interface Row {
  readonly item: string;
  readonly measure: string;
  readonly value: string;
  readonly target: string;
  readonly met: boolean | undefined;
}

export function row(item: string, measure: string, value: number | string, target: string, met: boolean | undefined): Row {
  return { item, measure, value: String(value), target, met };
}

export function printTable(rows: readonly Row[]): string {
  const header = ["item", "measure", "value", "target", "met"];
  const cells = rows.map((r) => [r.item, r.measure, r.value, r.target, r.met === undefined ? "—" : r.met ? "met" : "NOT met"]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  const line = (c: readonly string[]) => `| ${c.map((x, i) => x.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.map(line)].join("\n");
}
