import { AsyncLocalStorage } from "node:async_hooks";
import type { Stored } from "../benefits/ports";

/** What one repository read in this turn, per tenant: documents by id (undefined = absent) and whole lists. */
export class RepositoryReads<T extends { readonly id: string }> {
  private readonly points = new Map<string, Stored<T> | undefined>();
  private readonly lists = new Map<string, readonly Stored<T>[]>();

  /** "unknown" when the turn has not read it; a list read this turn holds every document, so an id it lacks is absent. */
  point(tenantId: string, id: string): Stored<T> | undefined | "unknown" {
    const key = `${tenantId}\n${id}`;
    if (this.points.has(key)) return this.points.get(key);
    const list = this.lists.get(tenantId);
    if (list !== undefined) return list.find((stored) => stored.value.id === id);
    return "unknown";
  }

  rememberPoint(tenantId: string, id: string, stored: Stored<T> | undefined): void {
    this.points.set(`${tenantId}\n${id}`, stored);
  }

  list(tenantId: string): readonly Stored<T>[] | undefined {
    return this.lists.get(tenantId);
  }

  rememberList(tenantId: string, stored: readonly Stored<T>[]): void {
    this.lists.set(tenantId, [...stored]);
  }

  /** A write was tried: whatever it did, the next read of this tenant's documents goes to the store. */
  forget(tenantId: string): void {
    this.lists.delete(tenantId);
    const prefix = `${tenantId}\n`;
    for (const key of [...this.points.keys()]) if (key.startsWith(prefix)) this.points.delete(key);
  }
}

/** The identity of one turn; each repository keys its own reads by it. */
class Turn {}

const scope = new AsyncLocalStorage<Turn>();

/**
 * The reads of one turn, so a turn never asks the store twice for what it already has (the user checked by three use
 * cases, a list read by two). It lives exactly as long as the turn and belongs to it alone: nothing here outlives the
 * turn or reaches another one, so no authorization decision is served from a read of an earlier turn.
 *
 * Each repository has its own reads, keyed by tenant: one tenant's reads never answer another's. Any write, whether
 * it succeeds or fails, forgets what the repository read of that tenant: the next read gets the current etag (a use
 * case retrying after CONFLICT sees the newer version, not the one it lost with).
 */
export class ReadsPerTurn<T extends { readonly id: string }> {
  private readonly byTurn = new WeakMap<Turn, RepositoryReads<T>>();

  /** This repository's reads in the running turn; undefined outside a turn. */
  current(): RepositoryReads<T> | undefined {
    const turn = scope.getStore();
    if (turn === undefined) return undefined;
    let found = this.byTurn.get(turn);
    if (found === undefined) {
      found = new RepositoryReads<T>();
      this.byTurn.set(turn, found);
    }
    return found;
  }
}

/** Runs one turn with its own read set; outside one (the scheduler, the CLI, use-case tests) every read goes to the store. */
export function withTurnReads<T>(run: () => Promise<T>): Promise<T> {
  return scope.run(new Turn(), run);
}
