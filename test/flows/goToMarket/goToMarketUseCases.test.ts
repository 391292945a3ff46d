import { expect } from "chai";
import { goToMarketView, setMarketingContact } from "../../../benefits";
import { ADMIN, EMPLOYEE, MPN_ADMIN, NOW, USER_ADMIN, anOffer, contosoTenant, employeeId, expectRejection } from "../../benefits/fixtures";
import { cosmosPerFile, givenTenant } from "../../benefits/useCases/harness";

const CONTACT = { alternateEmail: "marketing@fabrikam.com", phone: "+1 425 555 0100", language: "en" };

describe("Go-To-Market read and contact use cases", () => {
  const cosmos = cosmosPerFile();

  it("groups offers under their level, sorted, with the state a reader should see", async () => {
    const past = new Date(NOW.getTime() - 1000).toISOString();
    const tenant = await givenTenant(cosmos, "gtm-view", (id) =>
      contosoTenant(id)
        .benefit(anOffer("gold-b", "available", { level: "Platinum Test", name: "B offer" }))
        .benefit(anOffer("gold-a", "active", { level: "Platinum Test", name: "A offer", expiresAt: past })),
    );
    const view = await goToMarketView(tenant.deps, tenant.actor(MPN_ADMIN));
    const platinum = view.levels.find((l) => l.level === "Platinum Test");
    expect(platinum?.offers.map((o) => [o.offer.id, o.state])).to.deep.equal([
      ["gold-a", "expired"],
      ["gold-b", "available"],
    ]);
    expect(view.levels.map((l) => l.level)).to.deep.equal([...view.levels.map((l) => l.level)].sort());
    expect(view.contact).to.equal(undefined);
  });

  it("refuses an employee and a user admin", async () => {
    const tenant = await givenTenant(cosmos, "gtm-view-roles");
    await expectRejection(goToMarketView(tenant.deps, tenant.actor(EMPLOYEE)), "NOT_AUTHORIZED");
    await expectRejection(goToMarketView(tenant.deps, tenant.actor(USER_ADMIN)), "NOT_AUTHORIZED");
  });

  it("answers STALE_CARD and keeps the contact when the admin saw none but one was added meanwhile", async () => {
    const tenant = await givenTenant(cosmos, "contact-race", (id) => contosoTenant(id).marketingContact(employeeId(1)));
    const before = await tenant.snapshot();
    await expectRejection(setMarketingContact(tenant.deps, tenant.actor(ADMIN), { userId: employeeId(2), ...CONTACT, sawNoContact: true }), "STALE_CARD");
    expect(await tenant.snapshot()).to.deep.equal(before);
  });

  it("adds the contact when the admin saw none and there is none", async () => {
    const tenant = await givenTenant(cosmos, "contact-add");
    const saved = await setMarketingContact(tenant.deps, tenant.actor(ADMIN), { userId: employeeId(2), ...CONTACT, sawNoContact: true });
    expect(saved).to.include({ userId: employeeId(2), phone: "+14255550100", version: 0 });
  });
});
