import { expect } from "chai";
import type { AuditEntry } from "../../benefits";
import { HISTORY_LAST_PAGE, HISTORY_MAX_ENTRIES, HISTORY_PAGE_SIZE, historyPageFrom, historyPageOf, historyReadLimit } from "../../cards/history";

const entries = (n: number): AuditEntry[] =>
  Array.from({ length: n }, (_, i) => ({ type: "audit", id: `e-${i}`, tenantId: "t", version: 0, at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), actorId: "a", action: "x", targetId: "b", before: null, after: null }));

describe("history card paging", () => {
  it("reads one entry past the page, to know whether a next page exists, but never more than the cap", () => {
    expect(historyReadLimit(0)).to.equal(HISTORY_PAGE_SIZE + 1);
    expect(historyReadLimit(2)).to.equal(3 * HISTORY_PAGE_SIZE + 1);
    expect(historyReadLimit(HISTORY_LAST_PAGE)).to.equal(HISTORY_MAX_ENTRIES);
  });

  it("bounds a page from a card: past the cap reads as the last readable page, anything not a page as the first", () => {
    expect(historyPageOf({ page: "3" })).to.equal(3);
    expect(historyPageOf({ page: 1e9 })).to.equal(HISTORY_LAST_PAGE);
    expect(historyPageOf({ page: 5000 })).to.equal(HISTORY_LAST_PAGE);
    expect(historyPageOf({ page: -1 })).to.equal(0);
    expect(historyPageOf({ page: { $gt: 1 } })).to.equal(0);
    expect(historyPageOf(undefined)).to.equal(0);
  });

  it("has no next page at the cap, even when the store holds more", () => {
    const shown = historyPageFrom(entries(HISTORY_MAX_ENTRIES), HISTORY_LAST_PAGE);
    expect(shown.entries).to.have.length(HISTORY_PAGE_SIZE);
    expect(shown.hasNext).to.equal(false);
  });

  it("shows the first page, empty, when there is nothing", () => {
    expect(historyPageFrom([], 4)).to.deep.equal({ page: 0, entries: [], hasNext: false });
  });
});
