import type { AuditEntry, Benefit, DirectoryUser } from "../types";

/** A spreadsheet runs a cell that starts with = + - @ (or a tab/CR) as a formula: such cells get a leading quote. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}

function person(users: ReadonlyMap<string, DirectoryUser>, userId: string): [string, string] {
  const user = users.get(userId);
  return [user?.displayName ?? userId, user?.email ?? ""];
}

/** Who holds what: benefit, person, email, state, since, expires. Keys never appear. */
export function assignmentsCsv(benefits: readonly Benefit[], people: readonly DirectoryUser[]): string {
  const users = new Map(people.map((u) => [u.id, u]));
  const rows: string[][] = [];
  for (const b of benefits) {
    const expires = "expiresAt" in b ? (b.expiresAt ?? "") : "";
    if (b.category === "visualStudio") {
      for (const a of b.assignments) rows.push([b.name, ...person(users, a.userId), "assigned", a.assignedAt, expires]);
    } else if (b.category === "technical" && b.assignment !== undefined) {
      rows.push([b.name, ...person(users, b.assignment.userId), b.assignment.state, b.assignment.assignedAt, expires]);
    } else if (b.category === "cloud" && b.assignedTo !== undefined) {
      rows.push([b.name, ...person(users, b.assignedTo.userId), "active", b.assignedTo.assignedAt, expires]);
    }
  }
  return toCsv(["benefit", "person", "email", "state", "since", "expires"], rows);
}

/** The history: when, who, what, on which item. */
export function historyCsv(entries: readonly AuditEntry[], people: readonly DirectoryUser[]): string {
  const users = new Map(people.map((u) => [u.id, u]));
  const rows = entries.map((e) => [e.at, users.get(e.actorId)?.displayName ?? e.actorId, e.action, e.targetId]);
  return toCsv(["at", "actor", "action", "target"], rows);
}
