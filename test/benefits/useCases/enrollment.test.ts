import { expect } from "chai";
import sinon from "sinon";
import { addDirectoryUser, ADMIN_SET_ID, BenefitsError, completeEnrollment, enrollMember, grantRole, type Member, type Notification, type Repositories, type Stored } from "../../../benefits";
import { ADMIN, aTechnicalBenefit, aVisualStudioBenefit, aCloudBenefit, contosoTenant, EMPLOYEE, expectRejection, NOW } from "../fixtures";
import { cosmosPerFile, givenTenant, snapshot, type TenantUnderTest } from "./harness";

const PLACEHOLDER = "user-grace";
const GRACE = "0f4b8c2e-1111-4a2b-9c3d-5e6f7a8b9c0d";
const GRACE_EMAIL = "grace.hopper@contoso.example";

function graceIn(tenantId: string, overrides: Partial<Member> = {}): Member {
  return { tenantId, userId: GRACE, displayName: "Grace Hopper", email: "Grace.Hopper@Contoso.Example", ...overrides };
}

/** Contoso where an admin added Grace on the spot and gave her placeholder a seat, a technical benefit, a subscription and the contact role. */
function withGracePlaceholder(tenantId: string) {
  const at = "2026-11-20T10:00:00.000Z";
  return contosoTenant(tenantId)
    .user(PLACEHOLDER, ["mpnPartnerAdmin"], { displayName: "G. Hopper (added by admin)", email: GRACE_EMAIL })
    .benefit(
      aVisualStudioBenefit("vs-2", 3, {
        assignments: [
          { userId: EMPLOYEE, assignedAt: at, assignedBy: ADMIN },
          { userId: PLACEHOLDER, assignedAt: at, assignedBy: ADMIN },
        ],
      }),
    )
    .benefit(
      aTechnicalBenefit("tech-presales", "presalesDeployment", {
        assignment: { userId: PLACEHOLDER, alternateEmail: "grace@fabrikam.example", state: "pending", assignedAt: at, assignedBy: ADMIN },
      }),
    )
    .benefit(aCloudBenefit("cloud-usage-2", "usage", { assignedTo: { userId: PLACEHOLDER, assignedAt: at } }))
    .marketingContact(PLACEHOLDER, { updatedBy: ADMIN, alternateEmail: "grace.marketing@fabrikam.example" });
}

function plannedFor(tenantId: string, recipientId: string): Notification {
  return {
    type: "notification",
    id: `vs-2:expiresIn30:${recipientId}`,
    tenantId,
    version: 0,
    benefitId: "vs-2",
    event: "expiresIn30",
    recipientId,
    dueAt: "2026-11-20T00:00:00.000Z",
    state: "planned",
    attempts: 0,
    facts: { benefitName: "Visual Studio vs-2", category: "visualStudio" },
  };
}

async function everything(repos: Repositories, tenantId: string) {
  return { ...(await snapshot(repos, tenantId)), notifications: await repos.notifications.list(tenantId) };
}

describe("useCases/enrollment", () => {
  const cosmos = cosmosPerFile();
  afterEach(() => sinon.restore());

  async function givenGracePlaceholder(label: string): Promise<TenantUnderTest> {
    const t = await givenTenant(cosmos, label, withGracePlaceholder);
    await t.deps.repos.notifications.create(plannedFor(t.tenantId, PLACEHOLDER));
    return t;
  }

  async function expectLinked(t: TenantUnderTest): Promise<void> {
    const users = (await t.deps.repos.users.list(t.tenantId)).map((u) => u.value);
    expect(users.filter((u) => u.email === GRACE_EMAIL).map((u) => u.id)).to.deep.equal([GRACE]);
    const vs = await t.benefit("vs-2", "visualStudio");
    expect(vs.seats).to.equal(3);
    expect(vs.assignments.map((a) => a.userId)).to.deep.equal([EMPLOYEE, GRACE]);
    expect((await t.benefit("tech-presales", "technical")).assignment).to.deep.include({ userId: GRACE, state: "pending", alternateEmail: "grace@fabrikam.example" });
    expect((await t.benefit("cloud-usage-2", "cloud")).assignedTo?.userId).to.equal(GRACE);
    expect((await t.deps.repos.marketingContacts.list(t.tenantId)).map((c) => c.value.userId)).to.deep.equal([GRACE]);
    const notifications = (await t.deps.repos.notifications.list(t.tenantId)).map((n) => n.value);
    expect(notifications.map((n) => [n.id, n.recipientId, n.state])).to.deep.equal([[`vs-2:expiresIn30:${GRACE}`, GRACE, "planned"]]);
    const { users: stored, benefits, marketingContacts } = await t.snapshot();
    // Audit entries still waiting in an outbox are history, which names the placeholder as it was.
    const content = (docs: Stored<unknown>[]) => docs.map((d) => (typeof d.value === "object" && d.value !== null ? { ...d.value, outbox: undefined } : d.value));
    const current = JSON.stringify({ stored: content(stored), benefits: content(benefits), marketingContacts: content(marketingContacts) });
    expect(current.includes(PLACEHOLDER), "the placeholder is still named somewhere").to.equal(false);
  }

  describe("enrollMember with a placeholder the admin added", () => {
    it("links the person: one entry under the Entra id with the placeholder's roles, every holding moved, placeholder gone, audited", async () => {
      const t = await givenGracePlaceholder("enroll-link");

      const enrolled = await enrollMember(t.deps, graceIn(t.tenantId), false);

      expect(enrolled).to.deep.equal({
        type: "user",
        id: GRACE,
        tenantId: t.tenantId,
        version: 0,
        displayName: "Grace Hopper",
        email: GRACE_EMAIL,
        roles: ["mpnPartnerAdmin"],
        remindersMuted: false,
      });
      await expectLinked(t);
      const audit = await t.audit();
      expect(audit.every((a) => a.actorId === "system:enrollment" && a.at === NOW.toISOString())).to.equal(true);
      expect(audit.map((a) => [a.action, a.targetId]).sort()).to.deep.equal(
        [
          ["directory.enrollFromPlaceholder", GRACE],
          ["directory.moveAssignment", "vs-2"],
          ["directory.moveAssignment", "tech-presales"],
          ["directory.moveAssignment", "cloud-usage-2"],
          ["directory.moveMarketingContact", "marketing-contact"],
          ["directory.moveNotification", `vs-2:expiresIn30:${PLACEHOLDER}`],
          ["directory.linkPlaceholder", PLACEHOLDER],
        ].sort(),
      );
      const vsMove = audit.find((a) => a.targetId === "vs-2");
      expect(vsMove?.before).to.deep.include({ assignments: [{ userId: EMPLOYEE, assignedAt: "2026-11-20T10:00:00.000Z", assignedBy: ADMIN }, { userId: PLACEHOLDER, assignedAt: "2026-11-20T10:00:00.000Z", assignedBy: ADMIN }] });
    });

    it("leaves another tenant's placeholder with the same email untouched", async () => {
      const t = await givenGracePlaceholder("enroll-here");
      const other = await givenGracePlaceholder("enroll-elsewhere");
      const otherBefore = await everything(cosmos.repos, other.tenantId);

      await enrollMember(t.deps, graceIn(t.tenantId), false);

      await expectLinked(t);
      expect(await everything(cosmos.repos, other.tenantId)).to.deep.equal(otherBefore);
    });

    it("writes nothing when the person enrolls again", async () => {
      const t = await givenGracePlaceholder("enroll-twice");
      const first = await enrollMember(t.deps, graceIn(t.tenantId), false);
      const before = await everything(cosmos.repos, t.tenantId);

      const again = await enrollMember(t.deps, graceIn(t.tenantId), false);

      expect(again).to.deep.equal(first);
      expect(await completeEnrollment(t.deps, t.tenantId, GRACE)).to.deep.equal(first);
      expect(await everything(cosmos.repos, t.tenantId)).to.deep.equal(before);
    });

    it("is completed by the next enrollment when a write fails midway", async () => {
      const t = await givenGracePlaceholder("enroll-crash");
      const replace = sinon.stub(t.deps.repos.marketingContacts, "replace");
      replace.onFirstCall().rejects(new BenefitsError("UNAVAILABLE", "the data store is unavailable"));
      replace.callThrough();

      await expectRejection(enrollMember(t.deps, graceIn(t.tenantId), false), "UNAVAILABLE");
      // Half done: the entry and the seats moved, the contact did not, and the placeholder is still there.
      expect((await t.deps.repos.users.get(t.tenantId, GRACE))?.value.roles).to.deep.equal(["mpnPartnerAdmin"]);
      expect((await t.benefit("vs-2", "visualStudio")).assignments.map((a) => a.userId)).to.deep.equal([EMPLOYEE, GRACE]);
      expect((await t.deps.repos.marketingContacts.get(t.tenantId, "marketing-contact"))?.value.userId).to.equal(PLACEHOLDER);
      expect(await t.deps.repos.users.get(t.tenantId, PLACEHOLDER)).not.to.equal(undefined);

      // The bot's path for someone already in the directory.
      await completeEnrollment(t.deps, t.tenantId, GRACE);

      await expectLinked(t);
      const actions = (await t.audit()).map((a) => a.action);
      expect(actions.filter((a) => a === "directory.moveAssignment")).to.have.length(3);
      expect(actions.filter((a) => a === "directory.linkPlaceholder")).to.have.length(1);
    });

    it("is also completed by enrollMember itself after a failed placeholder removal", async () => {
      const t = await givenGracePlaceholder("enroll-crash-delete");
      const tombstones = t.deps.repos.tombstones;
      const bury = tombstones.bury.bind(tombstones);
      let failed = false;
      sinon.stub(tombstones, "bury").callsFake(async (tombstone, etag) => {
        // The placeholder's own removal fails once; the notifications' removals before it go through.
        if (tombstone.of === "user" && !failed) {
          failed = true;
          throw new BenefitsError("UNAVAILABLE", "the data store is unavailable", { status: 503 });
        }
        return bury(tombstone, etag);
      });

      await expectRejection(enrollMember(t.deps, graceIn(t.tenantId), false), "UNAVAILABLE");
      sinon.restore();
      await enrollMember(t.deps, graceIn(t.tenantId), false);

      await expectLinked(t);
      expect((await t.audit()).filter((a) => a.action === "directory.linkPlaceholder")).to.have.length(1);
    });

    it("leaves no placeholder in the admin set when a grant of global admin to it crosses the linking", async () => {
      const t = await givenGracePlaceholder("enroll-crossing-grant");
      const sets = t.deps.repos.adminSets;
      const directory = t.deps.repos.users;
      const get = directory.get.bind(directory);
      let reads = 0;
      let granted = false;
      sinon.stub(directory, "get").callsFake(async (tenantId, id) => {
        // The linking reads the placeholder twice: before it leaves the set, and after, to bury it. Between the two, an
        // admin grants the placeholder global admin.
        if (id === PLACEHOLDER && new Error().stack?.includes("removePlaceholder") === true && ++reads === 2) {
          granted = true;
          await grantRole(t.deps, t.actor(ADMIN), { userId: PLACEHOLDER, role: "globalAdmin" });
        }
        return get(tenantId, id);
      });

      await enrollMember(t.deps, graceIn(t.tenantId), false);
      sinon.restore();

      expect(granted, "the grant crossed the linking").to.equal(true);
      const users = (await t.deps.repos.users.list(t.tenantId)).map((u) => u.value);
      expect(users.map((u) => u.id)).not.to.include(PLACEHOLDER);
      const admins = users.filter((u) => u.roles.includes("globalAdmin")).map((u) => u.id).sort();
      expect((await sets.get(t.tenantId, ADMIN_SET_ID))?.value.userIds, "the set counts only entries that hold the role").to.deep.equal(admins);
    });

    it("moves the holdings but keeps the roles of a person who enrolled before the placeholder was added", async () => {
      const t = await givenGracePlaceholder("enroll-existing");
      await t.deps.repos.users.create({ type: "user", id: GRACE, tenantId: t.tenantId, version: 0, displayName: "Grace", email: GRACE_EMAIL, roles: ["employee"], remindersMuted: false });

      const enrolled = await enrollMember(t.deps, graceIn(t.tenantId), true);

      expect(enrolled.roles).to.deep.equal(["employee"]);
      expect(enrolled.displayName).to.equal("Grace");
      await expectLinked(t);
    });

    it("releases the placeholder's seat instead of giving the person a second one when both hold a seat", async () => {
      const t = await givenGracePlaceholder("enroll-double-seat");
      await t.deps.repos.users.create({ type: "user", id: GRACE, tenantId: t.tenantId, version: 0, displayName: "Grace", email: GRACE_EMAIL, roles: ["employee"], remindersMuted: false });
      const vs = await t.deps.repos.benefits.get(t.tenantId, "vs-2");
      if (vs?.value.category !== "visualStudio") return expect.fail("vs-2 is not stored");
      await t.deps.repos.benefits.replace({ ...vs.value, assignments: [...vs.value.assignments, { userId: GRACE, assignedAt: NOW.toISOString(), assignedBy: ADMIN }] }, vs.etag);

      await completeEnrollment(t.deps, t.tenantId, GRACE);

      const after = await t.benefit("vs-2", "visualStudio");
      expect(after.assignments.map((a) => a.userId)).to.deep.equal([EMPLOYEE, GRACE]);
      expect(after.seats).to.equal(3);
    });

    const roleCases = [
      { when: "the person is not a configured first admin", bootstrap: false, placeholderRoles: ["employee"] as const, roles: ["employee"] },
      { when: "the placeholder was granted roles", bootstrap: false, placeholderRoles: ["mpnPartnerAdmin", "userAdmin"] as const, roles: ["mpnPartnerAdmin", "userAdmin"] },
      { when: "configuration names the person a first admin", bootstrap: true, placeholderRoles: ["employee"] as const, roles: ["globalAdmin"] },
    ];
    for (const c of roleCases) {
      it(`gives [${c.roles.join(", ")}] when ${c.when}`, async () => {
        const t = await givenTenant(cosmos, "enroll-roles", (id) => contosoTenant(id).user(PLACEHOLDER, [...c.placeholderRoles], { email: GRACE_EMAIL, displayName: "Grace H." }));

        const enrolled = await enrollMember(t.deps, graceIn(t.tenantId), c.bootstrap);

        expect(enrolled.roles).to.deep.equal(c.roles);
        expect(await t.deps.repos.users.get(t.tenantId, PLACEHOLDER)).to.equal(undefined);
      });
    }

    it("keeps the name the admin typed when Teams gives only the email", async () => {
      const t = await givenTenant(cosmos, "enroll-name", (id) => contosoTenant(id).user(PLACEHOLDER, ["employee"], { email: GRACE_EMAIL, displayName: "Grace Hopper" }));

      const enrolled = await enrollMember(t.deps, graceIn(t.tenantId, { displayName: GRACE_EMAIL }), false);

      expect(enrolled.displayName).to.equal("Grace Hopper");
    });

    it("links nobody whose email differs, and audits nothing for a plain enrollment", async () => {
      const t = await givenGracePlaceholder("enroll-other-email");
      const before = await everything(cosmos.repos, t.tenantId);

      const enrolled = await enrollMember(t.deps, graceIn(t.tenantId, { userId: "9a9a9a9a-0000-4000-8000-000000000009", email: "grace@fabrikam.example" }), false);

      expect(enrolled.roles).to.deep.equal(["employee"]);
      const after = await everything(cosmos.repos, t.tenantId);
      expect(after.users.length).to.equal(before.users.length + 1);
      expect({ ...after, users: [] }).to.deep.equal({ ...before, users: [] });
    });
  });

  describe("addDirectoryUser after enrollment", () => {
    it("refuses with ALREADY_EXISTS, naming the enrolled member, when the email belongs to them in another case", async () => {
      const t = await givenTenant(cosmos, "enroll-then-add");
      await enrollMember(t.deps, graceIn(t.tenantId), false);
      const before = await t.snapshot();

      const error = await expectRejection(addDirectoryUser(t.deps, t.actor(ADMIN), { displayName: "Grace", email: " GRACE.hopper@contoso.EXAMPLE " }), "ALREADY_EXISTS");

      expect(error.details.userId).to.equal(GRACE);
      expect(await t.snapshot()).to.deep.equal(before);
    });
  });
});
