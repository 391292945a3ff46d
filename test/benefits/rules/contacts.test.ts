import { expect } from "chai";
import { assertAlternateEmailDiffers, normalizeEmail, normalizePhone, sameEmail } from "../../../benefits";
import { expectBenefitsError } from "../fixtures";

describe("rules/contacts", () => {
  describe("normalizeEmail / sameEmail", () => {
    it("lower-cases and trims when normalizing", () => {
      expect(normalizeEmail("  Ada.Lovelace@Contoso.EXAMPLE \t")).to.equal("ada.lovelace@contoso.example");
    });

    it("tells different addresses apart when only the local part differs", () => {
      expect(sameEmail("ada@contoso.example", "ada2@contoso.example")).to.equal(false);
    });
  });

  describe("assertAlternateEmailDiffers", () => {
    const account = "ada.lovelace@contoso.example";
    const same = [
      { when: "it is identical", alternate: "ada.lovelace@contoso.example" },
      { when: "it differs only in case", alternate: "Ada.Lovelace@CONTOSO.example" },
      { when: "it has surrounding spaces", alternate: "  ada.lovelace@contoso.example  " },
      { when: "it differs in case and has spaces", alternate: "\tADA.LOVELACE@contoso.example " },
    ];
    for (const c of same) {
      it(`throws SAME_EMAIL when ${c.when}`, () => {
        const error = expectBenefitsError(() => assertAlternateEmailDiffers(account, c.alternate), "SAME_EMAIL");
        expect(error.details.accountEmail).to.equal(account);
      });
    }

    const different = [
      { when: "the domain differs", alternate: "ada.lovelace@fabrikam.example" },
      { when: "the local part differs", alternate: "ada@contoso.example" },
      { when: "a sub-address is added", alternate: "ada.lovelace+support@contoso.example" },
    ];
    for (const c of different) {
      it(`accepts the alternate email when ${c.when}`, () => {
        expect(() => assertAlternateEmailDiffers(account, c.alternate)).not.to.throw();
      });
    }
  });

  describe("normalizePhone", () => {
    const valid = [
      { when: "international with spaces", input: "+1 425 555 0100", canonical: "+14255550100" },
      { when: "international UK form", input: "+44 20 7946 0958", canonical: "+442079460958" },
      { when: "international with dots", input: "+33.6.12.34.56.78", canonical: "+33612345678" },
      { when: "international with an area code in brackets", input: "+1 (425) 555-0100", canonical: "+14255550100" },
      { when: "national with the area code in brackets", input: "(425) 555-0100", canonical: "4255550100" },
      { when: "national with dashes", input: "425-555-0100", canonical: "4255550100" },
      { when: "national French form", input: "06 12 34 56 78", canonical: "0612345678" },
      { when: "surrounded by spaces", input: "  +33 6 12 34 56 78 ", canonical: "+33612345678" },
      { when: "the shortest accepted (7 digits)", input: "555 0100", canonical: "5550100" },
      { when: "the longest accepted (15 digits, E.164's maximum)", input: "+123 456 789 012 345", canonical: "+123456789012345" },
    ];
    for (const c of valid) {
      it(`returns ${c.canonical} when the number is ${c.when}`, () => {
        expect(normalizePhone(c.input)).to.equal(c.canonical);
      });
    }

    const invalid = [
      { when: "too short (6 digits)", input: "555 010" },
      { when: "too long (16 digits)", input: "+1234 5678 9012 3456" },
      { when: "it contains letters", input: "425-555-CALL" },
      { when: "a letter O stands in for a zero", input: "+1 425 555 01O0" },
      { when: "it is empty", input: "" },
      { when: "it is only separators", input: " - ( ) . " },
      { when: "the plus sign is doubled", input: "++1 425 555 0100" },
      { when: "the plus sign is not in front", input: "1+425 555 0100" },
      { when: "it carries an extension marker", input: "+1 425 555 0100 ext 12" },
      { when: "it carries a label", input: "tel: 425 555 0100" },
    ];
    for (const c of invalid) {
      it(`throws INVALID_PHONE when the number is ${c.when}`, () => {
        const error = expectBenefitsError(() => normalizePhone(c.input), "INVALID_PHONE");
        expect(error.details.phone).to.equal(c.input.trim());
      });
    }

    it("keeps at most 40 characters of the input in the error details", () => {
      const error = expectBenefitsError(() => normalizePhone("x".repeat(500)), "INVALID_PHONE");
      expect(error.details.phone).to.have.length(40);
    });
  });
});
