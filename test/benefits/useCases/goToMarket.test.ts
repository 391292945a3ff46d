import { expect } from "chai";
import {
  activateOffer,
  assignVisualStudioSeat,
  checkMarketingContact,
  getMarketingContact,
  MARKETING_CONTACT_ID,
  requestOfferActivation,
  setMarketingContact,
  type MarketingContactInput,
} from "../../../benefits";
import {
  aCancelRequest,
  ADMIN,
  anOffer,
  contosoTenant,
  DAY_MS,
  EMPLOYEE,
  employeeId,
  expectRejection,
  MPN_ADMIN,
  NOW,
  USER_ADMIN,
} from "../fixtures";
import { cosmosPerFile, givenTenant } from "./harness";

const contactInput: MarketingContactInput = {
  userId: EMPLOYEE,
  alternateEmail: " ada.marketing@fabrikam.example ",
  phone: "+1 (425) 555-0100",
  language: "fr",
};
const withContact = (id: string) => contosoTenant(id).marketingContact(employeeId(2));
const EXPIRES = new Date(NOW.getTime() + 180 * DAY_MS);

/** What setMarketingContact refuses, and checkMarketingContact with it. */
const refusedInputs = [
  { when: "the alternate email is the user's account email", input: { ...contactInput, alternateEmail: `${EMPLOYEE}@contoso.example` }, code: "SAME_EMAIL" },
  { when: "the alternate email is the account email in capitals with spaces", input: { ...contactInput, alternateEmail: ` ${EMPLOYEE.toUpperCase()}@CONTOSO.EXAMPLE ` }, code: "SAME_EMAIL" },
  { when: "the phone has letters", input: { ...contactInput, phone: "425-555-CALL" }, code: "INVALID_PHONE" },
  { when: "the phone is too short", input: { ...contactInput, phone: "555-01" }, code: "INVALID_PHONE" },
  { when: "the phone is too long", input: { ...contactInput, phone: "+1 425 555 0100 0100 01" }, code: "INVALID_PHONE" },
  { when: "the alternate email is not an address", input: { ...contactInput, alternateEmail: "ada.marketing" }, code: "INVALID_INPUT" },
  { when: "the user is not in the directory", input: { ...contactInput, userId: "ghost" }, code: "NOT_FOUND" },
] as const;

describe("useCases/goToMarket", () => {
  const cosmos = cosmosPerFile();

  describe("setMarketingContact", () => {
    for (const who of [ADMIN, MPN_ADMIN]) {
      it(`adds the contact with a canonical phone and audits it when ${who} sets the first one`, async () => {
        const t = await givenTenant(cosmos, "gtm-contact-add");

        const contact = await setMarketingContact(t.deps, t.actor(who), contactInput);

        const expected = {
          type: "marketingContact",
          id: MARKETING_CONTACT_ID,
          tenantId: t.tenantId,
          version: 0,
          userId: EMPLOYEE,
          alternateEmail: "ada.marketing@fabrikam.example",
          phone: "+14255550100",
          language: "fr",
          updatedAt: NOW.toISOString(),
          updatedBy: who,
        };
        expect(contact).to.deep.equal(expected);
        expect(await getMarketingContact(t.deps, t.tenantId)).to.deep.equal(expected);
        const audit = await t.audit();
        expect(audit.map((a) => [a.id, a.action, a.actorId])).to.deep.equal([[`audit:${MARKETING_CONTACT_ID}:0`, "marketingContact.add", who]]);
        expect(audit[0]?.before).to.equal(null);
      });
    }

    it("changes the contact to another person and audits before and after when the card's version is current", async () => {
      const t = await givenTenant(cosmos, "gtm-contact-update", withContact);
      const previous = await getMarketingContact(t.deps, t.tenantId);

      const updated = await setMarketingContact(t.deps, t.actor(MPN_ADMIN), { ...contactInput, expectedVersion: 0 });

      expect(updated).to.deep.include({ userId: EMPLOYEE, version: 1, phone: "+14255550100", updatedBy: MPN_ADMIN });
      expect(await getMarketingContact(t.deps, t.tenantId)).to.deep.equal(updated);
      const audit = await t.audit();
      expect(audit.map((a) => a.action)).to.deep.equal(["marketingContact.update"]);
      expect(audit[0]?.before).to.deep.equal(previous);
      expect(audit[0]?.after).to.deep.equal(updated);
    });

    it("refuses with STALE_CARD and changes nothing when the contact changed since the card was shown", async () => {
      const t = await givenTenant(cosmos, "gtm-contact-stale", (id) => contosoTenant(id).marketingContact(employeeId(2), { version: 4 }));
      const before = await t.snapshot();

      const error = await expectRejection(setMarketingContact(t.deps, t.actor(ADMIN), { ...contactInput, expectedVersion: 3 }), "STALE_CARD");

      expect(error.details.currentVersion).to.equal(4);
      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with STALE_CARD and adds nothing when the card showed a contact that no longer exists", async () => {
      const t = await givenTenant(cosmos, "gtm-contact-gone");
      const before = await t.snapshot();

      await expectRejection(setMarketingContact(t.deps, t.actor(ADMIN), { ...contactInput, expectedVersion: 0 }), "STALE_CARD");

      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("keeps the first and refuses the second with STALE_CARD when two admins add a contact at the same moment", async () => {
      const t = await givenTenant(cosmos, "gtm-contact-race");

      const outcomes = await Promise.allSettled([
        setMarketingContact(t.deps, t.actor(ADMIN), contactInput),
        setMarketingContact(t.deps, t.actor(MPN_ADMIN), { ...contactInput, userId: employeeId(3) }),
      ]);

      const fulfilled = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
      const rejected = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason] : []));
      expect(fulfilled).to.have.length(1);
      await expectRejection(Promise.reject(rejected[0]), "STALE_CARD");
      expect(await getMarketingContact(t.deps, t.tenantId)).to.deep.equal(fulfilled[0]);
      expect(await t.audit()).to.have.length(1);
    });

    for (const c of refusedInputs) {
      it(`refuses with ${c.code} and changes nothing when ${c.when}`, async () => {
        const t = await givenTenant(cosmos, "gtm-contact-bad", withContact);
        const before = await t.snapshot();

        await expectRejection(setMarketingContact(t.deps, t.actor(ADMIN), c.input), c.code);

        expect(await t.snapshot()).to.deep.equal(before);
      });
    }

    for (const who of [EMPLOYEE, USER_ADMIN]) {
      it(`refuses with NOT_AUTHORIZED and changes nothing when ${who} sets the contact`, async () => {
        const t = await givenTenant(cosmos, "gtm-contact-role");
        const before = await t.snapshot();

        const error = await expectRejection(setMarketingContact(t.deps, t.actor(who), contactInput), "NOT_AUTHORIZED");

        expect(error.details.capability).to.equal("manageGoToMarket");
        expect(await t.snapshot()).to.deep.equal(before);
      });
    }
  });

  describe("checkMarketingContact", () => {
    it("gives the person, the trimmed email and the canonical phone and writes nothing when the details are valid", async () => {
      const t = await givenTenant(cosmos, "gtm-contact-check", withContact);
      const before = await t.snapshot();

      const checked = await checkMarketingContact(t.deps, t.actor(MPN_ADMIN), contactInput);

      expect(checked).to.deep.equal({
        user: t.seed.users.find((u) => u.id === EMPLOYEE),
        alternateEmail: "ada.marketing@fabrikam.example",
        phone: "+14255550100",
        language: "fr",
      });
      expect(await t.snapshot()).to.deep.equal(before);
    });

    for (const c of refusedInputs) {
      it(`refuses with ${c.code} when ${c.when}`, async () => {
        const t = await givenTenant(cosmos, "gtm-contact-check-bad", withContact);

        await expectRejection(checkMarketingContact(t.deps, t.actor(ADMIN), c.input), c.code);
      });
    }

    it("refuses with NOT_AUTHORIZED when an employee checks the details", async () => {
      const t = await givenTenant(cosmos, "gtm-contact-check-role");

      const error = await expectRejection(checkMarketingContact(t.deps, t.actor(EMPLOYEE), contactInput), "NOT_AUTHORIZED");

      expect(error.details.capability).to.equal("manageGoToMarket");
    });
  });

  describe("requestOfferActivation", () => {
    it("refuses with MARKETING_CONTACT_REQUIRED and changes nothing when no marketing contact is set", async () => {
      const t = await givenTenant(cosmos, "gtm-request-nocontact");
      const before = await t.snapshot();

      await expectRejection(requestOfferActivation(t.deps, t.actor(ADMIN), { benefitId: "offer-1" }), "MARKETING_CONTACT_REQUIRED");

      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("makes the offer pending with who asked and when, and audits it, when an MPN partner admin activates it", async () => {
      const t = await givenTenant(cosmos, "gtm-request", withContact);

      const result = await requestOfferActivation(t.deps, t.actor(MPN_ADMIN), { benefitId: "offer-1", expectedVersion: 0 });

      const stored = await t.benefit("offer-1", "goToMarket");
      expect(stored).to.deep.equal(result);
      expect(stored).to.deep.include({ state: "pending", requestedAt: NOW.toISOString(), requestedBy: MPN_ADMIN, version: 1 });
      const audit = await t.audit();
      expect(audit.map((a) => [a.action, a.actorId])).to.deep.equal([["goToMarket.requestActivation", MPN_ADMIN]]);
      expect(audit[0]?.before).to.deep.equal({ state: "available", expiresAt: null });
      expect(audit[0]?.after).to.deep.equal({ state: "pending", expiresAt: null });
    });

    it("lets an MPN partner admin do Go-To-Market but not assign a Visual Studio seat", async () => {
      const t = await givenTenant(cosmos, "gtm-mpn", withContact);

      await requestOfferActivation(t.deps, t.actor(MPN_ADMIN), { benefitId: "offer-1" });
      const before = await t.snapshot();
      await expectRejection(assignVisualStudioSeat(t.deps, t.actor(MPN_ADMIN), { benefitId: "vs-1", userId: EMPLOYEE }), "NOT_AUTHORIZED");

      expect(await t.snapshot()).to.deep.equal(before);
      expect((await t.benefit("offer-1", "goToMarket")).state).to.equal("pending");
    });

    const refused = [
      { when: "the offer is already pending", offer: anOffer("offer-2", "pending"), code: "INVALID_STATE" },
      { when: "the offer is active", offer: anOffer("offer-2", "active", { expiresAt: EXPIRES.toISOString() }), code: "INVALID_STATE" },
      { when: "a refund was requested for the offer", offer: anOffer("offer-2", "available", { cancelRequest: aCancelRequest("offer-2") }), code: "INVALID_STATE" },
    ] as const;
    for (const c of refused) {
      it(`refuses with ${c.code} and changes nothing when ${c.when}`, async () => {
        const t = await givenTenant(cosmos, "gtm-request-no", (id) => withContact(id).benefit(c.offer));
        const before = await t.snapshot();

        await expectRejection(requestOfferActivation(t.deps, t.actor(ADMIN), { benefitId: "offer-2" }), c.code);

        expect(await t.snapshot()).to.deep.equal(before);
      });
    }

    it("refuses with NOT_FOUND and changes nothing when the id is a Visual Studio subscription", async () => {
      const t = await givenTenant(cosmos, "gtm-request-category", withContact);
      const before = await t.snapshot();

      await expectRejection(requestOfferActivation(t.deps, t.actor(ADMIN), { benefitId: "vs-1" }), "NOT_FOUND");

      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with NOT_FOUND and leaves the other tenant's offer available when the offer is another tenant's", async () => {
      const theirs = await givenTenant(cosmos, "gtm-theirs", (id) => withContact(id).benefit(anOffer("offer-theirs", "available")));
      const mine = await givenTenant(cosmos, "gtm-mine", withContact);
      const theirsBefore = await theirs.snapshot();

      await expectRejection(requestOfferActivation(mine.deps, mine.actor(ADMIN), { benefitId: "offer-theirs" }), "NOT_FOUND");

      expect(await theirs.snapshot()).to.deep.equal(theirsBefore);
    });

    it("refuses with STALE_CARD and changes nothing when the card's version is out of date", async () => {
      const t = await givenTenant(cosmos, "gtm-request-stale", (id) => withContact(id).benefit(anOffer("offer-2", "available", { version: 2 })));
      const before = await t.snapshot();

      await expectRejection(requestOfferActivation(t.deps, t.actor(ADMIN), { benefitId: "offer-2", expectedVersion: 1 }), "STALE_CARD");

      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with NOT_AUTHORIZED and changes nothing when an employee activates an offer", async () => {
      const t = await givenTenant(cosmos, "gtm-request-role", withContact);
      const before = await t.snapshot();

      await expectRejection(requestOfferActivation(t.deps, t.actor(EMPLOYEE), { benefitId: "offer-1" }), "NOT_AUTHORIZED");

      expect(await t.snapshot()).to.deep.equal(before);
    });
  });

  describe("activateOffer", () => {
    it("makes a pending offer active until its expiry and audits it", async () => {
      const t = await givenTenant(cosmos, "gtm-activate", (id) => withContact(id).benefit(anOffer("offer-2", "pending")));

      await activateOffer(t.deps, t.actor(ADMIN), { benefitId: "offer-2", expiresAt: EXPIRES, expectedVersion: 0 });

      const stored = await t.benefit("offer-2", "goToMarket");
      expect(stored).to.deep.include({ state: "active", activatedAt: NOW.toISOString(), expiresAt: EXPIRES.toISOString(), version: 1 });
      const audit = await t.audit();
      expect(audit.map((a) => a.action)).to.deep.equal(["goToMarket.activate"]);
      expect(audit[0]?.after).to.deep.equal({ state: "active", expiresAt: EXPIRES.toISOString() });
    });

    const refused = [
      { when: "the offer was never requested", offer: anOffer("offer-2", "available"), expiresAt: EXPIRES, code: "INVALID_STATE" },
      { when: "the expiry is not in the future", offer: anOffer("offer-2", "pending"), expiresAt: NOW, code: "INVALID_INPUT" },
      { when: "a refund was requested", offer: anOffer("offer-2", "pending", { cancelRequest: aCancelRequest("offer-2") }), expiresAt: EXPIRES, code: "INVALID_STATE" },
    ] as const;
    for (const c of refused) {
      it(`refuses with ${c.code} and changes nothing when ${c.when}`, async () => {
        const t = await givenTenant(cosmos, "gtm-activate-no", (id) => withContact(id).benefit(c.offer));
        const before = await t.snapshot();

        await expectRejection(activateOffer(t.deps, t.actor(ADMIN), { benefitId: "offer-2", expiresAt: c.expiresAt }), c.code);

        expect(await t.snapshot()).to.deep.equal(before);
      });
    }

    it("refuses with NOT_AUTHORIZED and changes nothing when an employee activates", async () => {
      const t = await givenTenant(cosmos, "gtm-activate-role", (id) => withContact(id).benefit(anOffer("offer-2", "pending")));
      const before = await t.snapshot();

      await expectRejection(activateOffer(t.deps, t.actor(EMPLOYEE), { benefitId: "offer-2", expiresAt: EXPIRES }), "NOT_AUTHORIZED");

      expect(await t.snapshot()).to.deep.equal(before);
    });
  });
});
