import { expect } from "chai";
import { personLabel } from "../../cards/people";

describe("cards/people personLabel", () => {
  const cases = [
    { when: "name and email differ", user: { displayName: "Lee Gu", email: "lee.gu@contoso.com" }, expected: "Lee Gu (lee.gu@contoso.com)" },
    { when: "the name is the email, as for someone added by address only", user: { displayName: "New.Person@Contoso.com", email: "new.person@contoso.com" }, expected: "New.Person@Contoso.com" },
    { when: "the name is blank", user: { displayName: " ", email: "x@contoso.com" }, expected: "x@contoso.com" },
  ];
  for (const { when, user, expected } of cases) {
    it(`prints "${expected}" when ${when}`, () => {
      expect(personLabel(user)).to.equal(expected);
    });
  }
});
