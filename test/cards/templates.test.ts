import { readdirSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { CARD_TEMPLATE_NAMES } from "../../cards/cardTemplates";

const TEMPLATES = join(__dirname, "../../cards/templates");

describe("card templates and their data types", () => {
  it("has a data type for every template file and a template file for every data type", () => {
    const files = readdirSync(TEMPLATES)
      .filter((f) => f.endsWith(".json"))
      .map((f) => f.replace(/\.json$/, ""))
      .sort();
    expect(files.length).to.be.greaterThan(0);
    expect([...CARD_TEMPLATE_NAMES].sort()).to.deep.equal(files);
  });
});
