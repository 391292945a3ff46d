import { expect } from "chai";
import { LIST_PAGE_SIZE, askedPage, pageHolding, pageOf, pagingData } from "../../cards/paging";

const items = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("list paging: page math", () => {
  it("cuts a list into pages of ten, the last one holding the rest", () => {
    expect(pageOf(items(25), 0)).to.deep.equal({ page: 0, pageCount: 3, items: items(10) });
    expect(pageOf(items(25), 1).items).to.deep.equal(items(20).slice(10));
    expect(pageOf(items(25), 2).items).to.deep.equal([20, 21, 22, 23, 24]);
    expect(pageOf(items(20), 1).pageCount).to.equal(2);
    expect(LIST_PAGE_SIZE).to.equal(10);
  });

  it("shows the last page for a page past the end and the first for a negative one, never an empty page", () => {
    expect(pageOf(items(25), 7)).to.deep.include({ page: 2, items: [20, 21, 22, 23, 24] });
    expect(pageOf(items(25), Number.MAX_SAFE_INTEGER).page).to.equal(2);
    expect(pageOf(items(25), -4).page).to.equal(0);
  });

  it("has one empty page for an empty list", () => {
    expect(pageOf([], 3)).to.deep.equal({ page: 0, pageCount: 1, items: [] });
  });

  it("reads a page from a card's data: whole numbers ≥ 0 (as numbers or strings), anything else as the first page", () => {
    expect(askedPage({ page: 3 })).to.equal(3);
    expect(askedPage({ page: "12" })).to.equal(12);
    expect(askedPage({ page: 1e9 })).to.equal(1e9);
    for (const forged of [-1, 2.5, "two", "1e400", null, { $gt: 0 }, [1], true, Number.MAX_SAFE_INTEGER + 2]) {
      expect(askedPage({ page: forged }), JSON.stringify(forged)).to.equal(0);
    }
    expect(askedPage({})).to.equal(0);
    expect(askedPage(undefined)).to.equal(0);
  });

  it("names the page holding a row", () => {
    expect(pageHolding(0)).to.equal(0);
    expect(pageHolding(9)).to.equal(0);
    expect(pageHolding(10)).to.equal(1);
    expect(pageHolding(-1)).to.equal(0);
  });

  it("offers Previous and Next only where there is a page to go to, each sending its page", () => {
    const middle = pagingData("en", pageOf(items(35), 1));
    expect(middle).to.deep.include({ pageLabel: "Page 2 of 4", hasPrevious: true, hasNext: true, previousPage: 0, nextPage: 2, previousButton: "Previous", nextButton: "Next" });
    expect(pagingData("en", pageOf(items(35), 0))).to.deep.include({ hasPrevious: false, hasNext: true });
    expect(pagingData("en", pageOf(items(35), 3))).to.deep.include({ hasPrevious: true, hasNext: false, previousPage: 2 });
    expect(pagingData("fr", pageOf(items(35), 3))).to.deep.include({ pageLabel: "Page 4 sur 4", previousButton: "Précédent", nextButton: "Suivant" });
  });

  it("shows no page line and no buttons when everything fits on one page", () => {
    expect(pagingData("en", pageOf(items(10), 0))).to.deep.include({ pageLabel: "", hasPrevious: false, hasNext: false });
  });
});
