import { expect } from "chai";
import type { BulkAssignment, BulkRow, BulkRowOutcome } from "../../../benefits";
import { bulkDoneCard, bulkPreviewCard } from "../../../cards/bulkAssign";

const TEAMS_MESSAGE_BYTES = 28 * 1024;
const OUTCOMES: readonly BulkRowOutcome[] = ["ready", "unknownPerson", "noSeatLeft", "sameEmail", "duplicateRow", "unknownBenefit"];

/** 500 rows with the longest fields a file may hold (254 characters), every outcome among them. */
function bigAssignment(): BulkAssignment {
  const long = "x".repeat(240);
  const rows: BulkRow[] = Array.from({ length: 500 }, (_, i) => ({
    line: i + 2,
    benefitText: `${long}-${i}`,
    benefitName: `${long}-${i}`,
    email: `${long}${i}@contoso.example`,
    outcome: OUTCOMES[i % OUTCOMES.length] ?? "ready",
  }));
  const counts: Partial<Record<BulkRowOutcome, number>> = {};
  for (const row of rows) counts[row.outcome] = (counts[row.outcome] ?? 0) + 1;
  return { rows, counts };
}

describe("bulk assignment cards of a 500-row file", () => {
  for (const locale of ["en", "fr"] as const) {
    it(`keep the ${locale} preview and done cards within a Teams message, the counts covering every row`, () => {
      const assignment = bigAssignment();
      const preview = bulkPreviewCard(locale, assignment, { fileName: "big.csv", fileId: "f".repeat(32), mayAddPeople: true });
      const done = bulkDoneCard(locale, assignment, "big.csv", 84, 84);
      for (const card of [preview, done]) {
        expect(Buffer.byteLength(JSON.stringify(card))).to.be.at.most(TEAMS_MESSAGE_BYTES);
      }
      const text = JSON.stringify(preview.content);
      expect(text).to.contain(locale === "en" ? "…and 460 more rows" : "…et 460 autres lignes");
      // The rows that need a look come first: an unknown person is listed, a ready row is left to the counts.
      expect(text).to.contain("Line 3 ·".replace("Line", locale === "en" ? "Line" : "Ligne"));
      expect(text).to.not.contain(locale === "en" ? "Line 2 ·" : "Ligne 2 ·");
      expect(text).to.contain(locale === "en" ? "Ready: 84" : "Prête : 84");
    });
  }
});
