import { expect } from "chai";
import { assertKeepsAGlobalAdmin, can, hasAnyRole, requireCapability, ROLES, type Capability, type Role } from "../../../benefits";
import { aUser, expectBenefitsError } from "../fixtures";

// Written out by hand from the Partner Center page (not derived from CAPABILITY_ROLES), so a change there shows here.
const ALLOWED: Record<Capability, readonly Role[]> = {
  assignBenefits: ["globalAdmin"],
  addUsers: ["globalAdmin", "userAdmin"],
  manageGoToMarket: ["globalAdmin", "mpnPartnerAdmin"],
  manageRoles: ["globalAdmin"],
  viewAudit: ["globalAdmin", "mpnPartnerAdmin", "userAdmin"],
  changePackages: ["globalAdmin"],
  exportData: ["globalAdmin"],
};
const CAPABILITIES: Capability[] = ["assignBenefits", "addUsers", "manageGoToMarket", "manageRoles", "viewAudit", "changePackages", "exportData"];

describe("rules/roles", () => {
  describe("can / requireCapability", () => {
    for (const capability of CAPABILITIES) {
      for (const role of ROLES) {
        const allowed = ALLOWED[capability].includes(role);
        it(`${allowed ? "allows" : "refuses"} ${capability} when the user is only ${role}`, () => {
          const user = aUser("u1", [role]);
          expect(can(user, capability)).to.equal(allowed);
          if (allowed) {
            expect(requireCapability(user, capability)).to.equal(user);
          } else {
            const error = expectBenefitsError(() => requireCapability(user, capability), "NOT_AUTHORIZED");
            expect(error.details.capability).to.equal(capability);
            expect(error.details.requiredRoles).to.equal(ALLOWED[capability].join(","));
          }
        });
      }
    }

    it("refuses every capability when the user is not in the directory", () => {
      for (const capability of CAPABILITIES) {
        expect(can(undefined, capability)).to.equal(false);
        expectBenefitsError(() => requireCapability(undefined, capability), "NOT_AUTHORIZED");
      }
    });

    it("allows when any one of several roles is enough", () => {
      const user = aUser("u1", ["employee", "userAdmin", "mpnPartnerAdmin"]);
      expect(can(user, "manageGoToMarket")).to.equal(true);
      expect(can(user, "viewAudit")).to.equal(true);
      expect(can(user, "assignBenefits")).to.equal(false);
    });
  });

  describe("hasAnyRole", () => {
    it("is false when the list of roles is empty", () => {
      expect(hasAnyRole(aUser("u1", ["globalAdmin"]), [])).to.equal(false);
    });

    it("is false when the user is missing", () => {
      expect(hasAnyRole(undefined, ["employee"])).to.equal(false);
    });
  });

  describe("assertKeepsAGlobalAdmin", () => {
    const onlyAdmin = [aUser("admin", ["globalAdmin"]), aUser("emp", ["employee"]), aUser("mpn", ["mpnPartnerAdmin"])];
    const twoAdmins = [...onlyAdmin, aUser("admin-2", ["globalAdmin", "userAdmin"])];

    const refused: { when: string; users: typeof onlyAdmin; nextRoles: Role[] }[] = [
      { when: "demoting the only global admin to employee", users: onlyAdmin, nextRoles: ["employee"] },
      { when: "demoting the only global admin to another admin role", users: onlyAdmin, nextRoles: ["userAdmin", "mpnPartnerAdmin"] },
      { when: "removing the only global admin (no roles left)", users: onlyAdmin, nextRoles: [] },
    ];
    for (const c of refused) {
      it(`throws LAST_GLOBAL_ADMIN when ${c.when}`, () => {
        const error = expectBenefitsError(() => assertKeepsAGlobalAdmin(c.users, "admin", c.nextRoles), "LAST_GLOBAL_ADMIN");
        expect(error.details.userId).to.equal("admin");
      });
    }

    const allowed: { when: string; users: typeof onlyAdmin; changed: string; nextRoles: Role[] }[] = [
      { when: "demoting a global admin while another remains", users: twoAdmins, changed: "admin", nextRoles: ["employee"] },
      { when: "removing a global admin while another remains", users: twoAdmins, changed: "admin-2", nextRoles: [] },
      { when: "the only global admin keeps the role beside a new one", users: onlyAdmin, changed: "admin", nextRoles: ["globalAdmin", "userAdmin"] },
      { when: "changing someone who is not a global admin", users: onlyAdmin, changed: "mpn", nextRoles: ["employee"] },
      { when: "promoting an employee to global admin", users: onlyAdmin, changed: "emp", nextRoles: ["globalAdmin"] },
    ];
    for (const c of allowed) {
      it(`allows when ${c.when}`, () => {
        expect(() => assertKeepsAGlobalAdmin(c.users, c.changed, c.nextRoles)).not.to.throw();
      });
    }
  });
});
