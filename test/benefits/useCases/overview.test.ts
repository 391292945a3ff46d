import { expect } from "chai";
import { assignVisualStudioSeat, recentChanges, revealSoftwareKeys, tenantOverview } from "../../../benefits";
import { ADMIN, ADMIN_AGENT, contosoTenant, EMPLOYEE, employeeId, expectRejection, MPN_ADMIN, USER_ADMIN } from "../fixtures";
import { cosmosPerFile, givenTenant } from "./harness";

describe("useCases/overview", () => {
  const cosmos = cosmosPerFile();

  describe("tenantOverview", () => {
    it("shows the tenant's packages by purchase date, benefits by name, contact and users, and nothing of another tenant", async () => {
      const t = await givenTenant(cosmos, "overview", (id) => contosoTenant(id).marketingContact(EMPLOYEE));
      const other = await givenTenant(cosmos, "overview-other");

      const overview = await tenantOverview(t.deps, t.tenantId);

      expect(overview.packages.map((p) => p.id)).to.deep.equal(["pkg-old", "pkg-1"]);
      expect(overview.benefits.map((b) => b.name)).to.deep.equal([...t.seed.benefits.map((b) => b.name)].sort((a, b) => a.localeCompare(b)));
      expect(overview.benefits.every((b) => b.tenantId === t.tenantId)).to.equal(true);
      expect(overview.marketingContact?.userId).to.equal(EMPLOYEE);
      expect(overview.users).to.have.length(t.seed.users.length);
      expect(overview.users.every((u) => u.tenantId === t.tenantId)).to.equal(true);
      expect((await tenantOverview(other.deps, other.tenantId)).marketingContact).to.equal(undefined);
    });

    it("sorts packages by the instant of purchase when purchases carry different time zone offsets", async () => {
      const t = await givenTenant(cosmos, "overview-tz", (id) => contosoTenant(id).package("pkg-tz", "2026-11-09T23:00:00-10:00"));

      const overview = await tenantOverview(t.deps, t.tenantId);

      // 23:00 at UTC-10 on the 9th is 09:00 UTC on the 10th: after pkg-1 (08:00 UTC on the 10th).
      expect(overview.packages.map((p) => p.id)).to.deep.equal(["pkg-old", "pkg-1", "pkg-tz"]);
    });
  });

  describe("recentChanges", () => {
    for (const who of [ADMIN, MPN_ADMIN, USER_ADMIN]) {
      it(`returns the newest changes first, up to the limit, when ${who} looks`, async () => {
        const t = await givenTenant(cosmos, "overview-audit");
        await assignVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-1", userId: employeeId(1) });
        await assignVisualStudioSeat({ ...t.deps, now: () => new Date("2026-11-24T12:01:00Z") }, t.actor(ADMIN), { benefitId: "vs-1", userId: employeeId(2) });
        await revealSoftwareKeys({ ...t.deps, now: () => new Date("2026-11-24T12:02:00Z") }, t.actor(ADMIN), { benefitId: "sw-1" });

        const changes = await recentChanges(t.deps, t.actor(who), 2);

        expect(changes.map((c) => c.id)).to.deep.equal(["audit:sw-1:1", "audit:vs-1:2"]);
      });
    }

    for (const who of [EMPLOYEE, ADMIN_AGENT]) {
      it(`refuses with NOT_AUTHORIZED when ${who} looks`, async () => {
        const t = await givenTenant(cosmos, "overview-audit-role");

        await expectRejection(recentChanges(t.deps, t.actor(who), 10), "NOT_AUTHORIZED");
      });
    }
  });
});
