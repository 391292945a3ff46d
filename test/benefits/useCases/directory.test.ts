import { expect } from "chai";
import { addDirectoryUser, grantRole, holdersOf, listDirectory, revokeRole, type Role } from "../../../benefits";
import {
  ADMIN,
  ADMIN_AGENT,
  contosoTenant,
  EMPLOYEE,
  expectRejection,
  MPN_ADMIN,
  SECOND_ADMIN,
  TenantBuilder,
  USER_ADMIN,
} from "../fixtures";
import { cosmosPerFile, givenTenant } from "./harness";

describe("useCases/directory", () => {
  const cosmos = cosmosPerFile();

  describe("listDirectory / holdersOf", () => {
    it("lists only the tenant's users sorted by name, and finds who holds a role", async () => {
      const t = await givenTenant(cosmos, "dir-list", (id) =>
        new TenantBuilder(id)
          .user("b", ["globalAdmin"], { displayName: "Bea" })
          .user("a", ["employee"], { displayName: "Abe" })
          .user("c", ["mpnPartnerAdmin", "userAdmin"], { displayName: "Cy" }),
      );
      await givenTenant(cosmos, "dir-list-other", (id) => new TenantBuilder(id).user("d", ["globalAdmin"], { displayName: "Aaron" }));

      expect((await listDirectory(t.deps, t.tenantId)).map((u) => u.id)).to.deep.equal(["a", "b", "c"]);
      expect((await holdersOf(t.deps, t.tenantId, ["globalAdmin", "mpnPartnerAdmin"])).map((u) => u.id)).to.deep.equal(["b", "c"]);
    });
  });

  describe("addDirectoryUser", () => {
    for (const who of [ADMIN, USER_ADMIN]) {
      it(`adds an employee with a normalized email and audits it when ${who} adds them`, async () => {
        const t = await givenTenant(cosmos, "dir-add");

        const added = await addDirectoryUser(t.deps, t.actor(who), { displayName: "  Grace Hopper ", email: " Grace.Hopper@Contoso.Example " });

        const expected = {
          type: "user",
          id: "user-id0001",
          tenantId: t.tenantId,
          version: 0,
          displayName: "Grace Hopper",
          email: "grace.hopper@contoso.example",
          roles: ["employee"],
          remindersMuted: false,
        };
        expect(added).to.deep.equal(expected);
        expect((await t.deps.repos.users.get(t.tenantId, "user-id0001"))?.value).to.deep.equal(expected);
        const audit = await t.audit();
        expect(audit.map((a) => [a.id, a.action, a.actorId])).to.deep.equal([["audit:user-id0001:0", "directory.addUser", who]]);
      });
    }

    for (const who of [EMPLOYEE, MPN_ADMIN, ADMIN_AGENT]) {
      it(`refuses with NOT_AUTHORIZED and adds nothing when ${who} adds a user`, async () => {
        const t = await givenTenant(cosmos, "dir-add-role");
        const before = await t.snapshot();

        const error = await expectRejection(addDirectoryUser(t.deps, t.actor(who), { displayName: "Grace Hopper", email: "grace@contoso.example" }), "NOT_AUTHORIZED");

        // The refusal card names whoever holds one of these roles: user admins may add people too.
        expect(error.details).to.include({ capability: "addUsers", requiredRoles: "globalAdmin,userAdmin" });
        expect(await t.snapshot()).to.deep.equal(before);
      });
    }

    it("refuses with ALREADY_EXISTS and adds nothing when the email is taken in another case", async () => {
      const t = await givenTenant(cosmos, "dir-add-dup");
      const before = await t.snapshot();

      const error = await expectRejection(addDirectoryUser(t.deps, t.actor(ADMIN), { displayName: "Twin", email: ` ${EMPLOYEE.toUpperCase()}@CONTOSO.example` }), "ALREADY_EXISTS");

      expect(error.details.userId).to.equal(EMPLOYEE);
      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("allows an email another tenant already uses", async () => {
      await givenTenant(cosmos, "dir-add-elsewhere-other", (id) => new TenantBuilder(id).user("x", ["globalAdmin"], { email: "grace@contoso.example" }));
      const t = await givenTenant(cosmos, "dir-add-elsewhere");

      const added = await addDirectoryUser(t.deps, t.actor(ADMIN), { displayName: "Grace", email: "grace@contoso.example" });

      expect(added.tenantId).to.equal(t.tenantId);
    });

    it("refuses with INVALID_INPUT and adds nothing when the email is not an address", async () => {
      const t = await givenTenant(cosmos, "dir-add-bad");
      const before = await t.snapshot();

      await expectRejection(addDirectoryUser(t.deps, t.actor(ADMIN), { displayName: "Grace", email: "grace at contoso" }), "INVALID_INPUT");

      expect(await t.snapshot()).to.deep.equal(before);
    });
  });

  describe("grantRole", () => {
    it("replaces the employee role with the granted one and audits the roles before and after", async () => {
      const t = await givenTenant(cosmos, "dir-grant");

      const updated = await grantRole(t.deps, t.actor(ADMIN), { userId: EMPLOYEE, role: "mpnPartnerAdmin" });

      expect(updated.roles).to.deep.equal(["mpnPartnerAdmin"]);
      const stored = (await t.deps.repos.users.get(t.tenantId, EMPLOYEE))?.value;
      expect(stored?.roles).to.deep.equal(["mpnPartnerAdmin"]);
      expect(stored?.version).to.equal(1);
      const audit = await t.audit();
      expect(audit.map((a) => [a.action, a.before, a.after])).to.deep.equal([["directory.grantRole", ["employee"], ["mpnPartnerAdmin"]]]);
    });

    it("keeps the other roles when a second admin role is granted", async () => {
      const t = await givenTenant(cosmos, "dir-grant-more");

      await grantRole(t.deps, t.actor(ADMIN), { userId: MPN_ADMIN, role: "globalAdmin" });

      expect((await t.deps.repos.users.get(t.tenantId, MPN_ADMIN))?.value.roles).to.deep.equal(["mpnPartnerAdmin", "globalAdmin"]);
    });

    const refused = [
      { when: "a user admin grants a role", actor: USER_ADMIN, userId: EMPLOYEE, role: "mpnPartnerAdmin", code: "NOT_AUTHORIZED" },
      { when: "an employee makes themself global admin", actor: EMPLOYEE, userId: EMPLOYEE, role: "globalAdmin", code: "NOT_AUTHORIZED" },
      { when: "the user is not in the directory", actor: ADMIN, userId: "ghost", role: "userAdmin", code: "NOT_FOUND" },
    ] as const;
    for (const c of refused) {
      it(`refuses with ${c.code} and changes nothing when ${c.when}`, async () => {
        const t = await givenTenant(cosmos, "dir-grant-no");
        const before = await t.snapshot();

        await expectRejection(grantRole(t.deps, t.actor(c.actor), { userId: c.userId, role: c.role }), c.code);

        expect(await t.snapshot()).to.deep.equal(before);
      });
    }
  });

  describe("revokeRole", () => {
    it("refuses with LAST_GLOBAL_ADMIN and changes nothing when the only global admin demotes themself", async () => {
      const t = await givenTenant(cosmos, "dir-revoke-last");
      const before = await t.snapshot();

      await expectRejection(revokeRole(t.deps, t.actor(ADMIN), { userId: ADMIN, role: "globalAdmin" }), "LAST_GLOBAL_ADMIN");

      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("demotes a global admin to employee and audits it when another global admin remains", async () => {
      const t = await givenTenant(cosmos, "dir-revoke", (id) => contosoTenant(id).user(SECOND_ADMIN, ["globalAdmin"]));

      const updated = await revokeRole(t.deps, t.actor(SECOND_ADMIN), { userId: ADMIN, role: "globalAdmin" });

      const expectedRoles: Role[] = ["employee"];
      expect(updated.roles).to.deep.equal(expectedRoles);
      expect((await t.deps.repos.users.get(t.tenantId, ADMIN))?.value.roles).to.deep.equal(expectedRoles);
      const audit = await t.audit();
      expect(audit.map((a) => [a.action, a.actorId, a.before, a.after])).to.deep.equal([["directory.revokeRole", SECOND_ADMIN, ["globalAdmin"], ["employee"]]]);
    });

    it("keeps the remaining roles when one of several is revoked", async () => {
      const t = await givenTenant(cosmos, "dir-revoke-some", (id) => contosoTenant(id).user("both", ["userAdmin", "mpnPartnerAdmin"]));

      await revokeRole(t.deps, t.actor(ADMIN), { userId: "both", role: "userAdmin" });

      expect((await t.deps.repos.users.get(t.tenantId, "both"))?.value.roles).to.deep.equal(["mpnPartnerAdmin"]);
    });

    const refused = [
      { when: "an MPN partner admin revokes a role", actor: MPN_ADMIN, userId: USER_ADMIN, role: "userAdmin", code: "NOT_AUTHORIZED" },
    ] as const;
    for (const c of refused) {
      it(`refuses with ${c.code} and changes nothing when ${c.when}`, async () => {
        const t = await givenTenant(cosmos, "dir-revoke-no");
        const before = await t.snapshot();

        await expectRejection(revokeRole(t.deps, t.actor(c.actor), { userId: c.userId, role: c.role }), c.code);

        expect(await t.snapshot()).to.deep.equal(before);
      });
    }
  });
});
