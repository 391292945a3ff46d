import { expect } from "chai";
import { activateOffer, assignVisualStudioSeat, type Notification, SYSTEM_PARTITION } from "../../benefits";
import { markSent } from "../../benefits/notifications/delivery";
import { markedPlanned } from "../../benefits/notifications/nextNotification";
import { stampNotificationMoments } from "../../benefits/notifications/stampMoments";
import { createRepositories } from "../../storage/repositories";
import { TENANT_REGISTRY_ID } from "../../storage/tenantRegistry";
import { startTestCosmos, type TestCosmos } from "../support/cosmos";
import { ADMIN, anOffer, aVisualStudioBenefit, DAY_MS, depsFor, EMPLOYEE, freshTenantId, NOW, TenantBuilder } from "../benefits/fixtures";

const iso = (ms: number) => new Date(ms).toISOString();
const IN_100_DAYS = iso(NOW.getTime() + 100 * DAY_MS);

function aNotification(tenantId: string, id: string, change: Partial<Notification> = {}): Notification {
  return {
    type: "notification",
    id,
    tenantId,
    version: 0,
    benefitId: "vs-1",
    event: "expiresIn30",
    recipientId: EMPLOYEE,
    dueAt: NOW.toISOString(),
    state: "planned",
    attempts: 0,
    facts: { benefitName: "VS", category: "visualStudio" },
    ...change,
  };
}

describe("storage sweep stores: next notification moments, due queries, purge, tenant registry (real Cosmos)", () => {
  let cosmos: TestCosmos;
  before(async () => {
    cosmos = await startTestCosmos();
  });
  after(() => cosmos.stop());

  const tenant = async (label: string) => {
    const tenantId = freshTenantId(label);
    await new TenantBuilder(tenantId)
      .user(ADMIN, ["globalAdmin"])
      .user(EMPLOYEE, ["employee"])
      .package("pkg-1", NOW.toISOString())
      .benefit(aVisualStudioBenefit("vs-1", 5, { expiresAt: IN_100_DAYS }))
      .benefit(anOffer("offer-1", "available"))
      .store(cosmos.repositories);
    return tenantId;
  };
  const stored = async (tenantId: string, id: string) => (await cosmos.repositories.benefits.get(tenantId, id))?.value;

  describe("every write of a benefit stores its next notification moment", () => {
    it("a create stores the first one, a use case's write (a seat, an activation) stores the new one", async () => {
      const tenantId = freshTenantId("moments");
      const expiresAt = NOW.getTime() + 20 * DAY_MS;
      await new TenantBuilder(tenantId)
        .user(ADMIN, ["globalAdmin"])
        .user(EMPLOYEE, ["employee"])
        .package("pkg-1", NOW.toISOString())
        .benefit(markedPlanned(aVisualStudioBenefit("vs-1", 5, { expiresAt: iso(expiresAt) }), NOW))
        .benefit(anOffer("offer-1", "pending", { requestedAt: NOW.toISOString(), requestedBy: ADMIN }))
        .store(cosmos.repositories);
      const created = await stored(tenantId, "vs-1");
      const offerBefore = await stored(tenantId, "offer-1");
      const deps = depsFor(cosmos.repositories);

      await assignVisualStudioSeat(deps, { tenantId, userId: ADMIN }, { benefitId: "vs-1", userId: EMPLOYEE });
      await activateOffer(deps, { tenantId, userId: ADMIN }, { benefitId: "offer-1", expiresAt: new Date(IN_100_DAYS) });

      // Planned at NOW, 20 days before the expiry: next is the 7-day reminder; a new holder makes the 30-day one due again.
      expect(created?.nextNotificationAt).to.equal(iso(expiresAt - 8 * DAY_MS + 1));
      expect((await stored(tenantId, "vs-1"))?.nextNotificationAt).to.equal(iso(expiresAt - 31 * DAY_MS + 1));
      expect(offerBefore?.nextNotificationAt).to.equal(null);
      expect((await stored(tenantId, "offer-1"))?.nextNotificationAt).to.equal(NOW.toISOString());
    });

    it("a plain replace recomputes it from what is written, whatever the caller put there", async () => {
      const tenantId = await tenant("replace");
      const current = await cosmos.repositories.benefits.get(tenantId, "vs-1");
      if (current === undefined) expect.fail("no vs-1");

      if (current.value.category !== "visualStudio") expect.fail("vs-1 is not a Visual Studio subscription");
      await cosmos.repositories.benefits.replace({ ...current.value, nextNotificationAt: null, expiresAt: iso(NOW.getTime() + 3 * DAY_MS) }, current.etag);

      expect((await stored(tenantId, "vs-1"))?.nextNotificationAt).to.equal(iso(NOW.getTime() + 3 * DAY_MS - 31 * DAY_MS + 1));
    });

    it("a benefit stored before moments existed gets one from the tick's one-off stamping, and the tenant is marked stamped", async () => {
      const tenantId = await tenant("legacy");
      const { resource } = await cosmos.tenantData.item("vs-1", tenantId).read();
      await cosmos.tenantData.item("vs-1", tenantId).replace({ ...resource, nextNotificationAt: undefined });
      const dueBefore = await cosmos.repositories.sweep.dueBenefits(tenantId, new Date(Date.parse(IN_100_DAYS)));

      const stamped = await stampNotificationMoments(depsFor(cosmos.repositories), tenantId);

      expect(dueBefore.map((b) => b.value.id)).to.deep.equal([]);
      expect(stamped).to.equal(1);
      expect((await stored(tenantId, "vs-1"))?.nextNotificationAt).to.be.a("string");
    });
  });

  describe("due queries", () => {
    it("return the benefits whose moment has come, and none of another tenant's", async () => {
      const [tenantId, other] = [await tenant("due"), await tenant("due-other")];
      const thirtyDaysBefore = new Date(Date.parse(IN_100_DAYS) - 30 * DAY_MS);

      const now = await cosmos.repositories.sweep.dueBenefits(tenantId, NOW);
      const later = await cosmos.repositories.sweep.dueBenefits(tenantId, thirtyDaysBefore);

      expect(now).to.deep.equal([]);
      expect(later.map((b) => [b.value.tenantId, b.value.id])).to.deep.equal([[tenantId, "vs-1"]]);
      expect((await cosmos.repositories.sweep.dueBenefits(other, thirtyDaysBefore)).map((b) => b.value.tenantId)).to.deep.equal([other]);
    });

    it("return planned notifications not held back, and claims, never settled ones or another tenant's", async () => {
      const tenantId = freshTenantId("sendable");
      const repo = cosmos.repositories.notifications;
      const later = iso(NOW.getTime() + 60_000);
      await repo.create(aNotification(tenantId, "planned"));
      await repo.create(aNotification(tenantId, "retry-due", { notBefore: iso(NOW.getTime() - 1) }));
      await repo.create(aNotification(tenantId, "retry-later", { notBefore: later }));
      await repo.create(aNotification(tenantId, "claimed", { state: "sending", claimedAt: NOW.toISOString() }));
      for (const state of ["sent", "unreachable", "dropped"] as const) await repo.create(aNotification(tenantId, state, { state }));
      await repo.create(aNotification(freshTenantId("sendable-other"), "planned"));

      const sendable = await cosmos.repositories.sweep.sendableNotifications(tenantId, NOW);

      expect(sendable.map((n) => n.value.id)).to.have.members(["planned", "retry-due", "claimed"]);
    });

    it("find the notifications of given benefits only", async () => {
      const tenantId = freshTenantId("about");
      await cosmos.repositories.notifications.create(aNotification(tenantId, "a", { benefitId: "b-1" }));
      await cosmos.repositories.notifications.create(aNotification(tenantId, "b", { benefitId: "b-2" }));
      await cosmos.repositories.notifications.create(aNotification(tenantId, "c", { benefitId: "b-3" }));

      const about = await cosmos.repositories.sweep.notificationsAbout(tenantId, ["b-1", "b-3"]);

      expect(about.map((n) => n.value.id)).to.have.members(["a", "c"]);
    });
  });

  describe("settled notifications", () => {
    it("carry a 90-day ttl once sent, and the purge deletes those settled 90 days ago or more, nothing else", async () => {
      const tenantId = freshTenantId("purge");
      const repo = cosmos.repositories.notifications;
      const daysAgo = (days: number) => iso(NOW.getTime() - days * DAY_MS);
      const claimed = await repo.create(aNotification(tenantId, "just-sent", { state: "sending", claimedAt: NOW.toISOString() }));
      const sent = await markSent(repo, claimed, NOW);
      await repo.create(aNotification(tenantId, "sent-long-ago", { state: "sent", settledAt: daysAgo(91) }));
      await repo.create(aNotification(tenantId, "given-up-long-ago", { state: "unreachable", settledAt: daysAgo(90) }));
      await repo.create(aNotification(tenantId, "sent-recently", { state: "sent", settledAt: daysAgo(89) }));
      await repo.create(aNotification(tenantId, "still-planned"));

      const purged = await cosmos.repositories.sweep.purgeSettledNotifications(tenantId, new Date(NOW.getTime() - 90 * DAY_MS));

      expect(sent?.value.ttl).to.equal(90 * 24 * 60 * 60);
      expect(sent?.value.settledAt).to.equal(NOW.toISOString());
      expect(purged).to.equal(2);
      expect((await repo.list(tenantId)).map((n) => n.value.id)).to.have.members(["just-sent", "sent-recently", "still-planned"]);
    });
  });

  describe("tenant registry", () => {
    it("starts from the tenants already stored (marked unstamped), then adds each tenant at its first package or benefit", async () => {
      const fresh = await startTestCosmos();
      try {
        const legacy = freshTenantId("legacy");
        await fresh.tenantData.items.create({ type: "package", id: "pkg-1", tenantId: legacy, version: 0, name: "Old", purchasedAt: NOW.toISOString() });
        const newcomers = [freshTenantId("new"), freshTenantId("new"), freshTenantId("new")];

        // Separate clients, as separate bot processes: their first writes race on the one registry document.
        await Promise.all(newcomers.map((tenantId) => createRepositories(fresh.tenantData).packages.create({ type: "package", id: "pkg-1", tenantId, version: 0, name: "New", purchasedAt: NOW.toISOString() })));
        const registered = await fresh.repositories.tenants.list();
        await fresh.repositories.tenants.markStamped(legacy);

        expect(registered.tenantIds).to.have.members([legacy, ...newcomers]);
        expect(registered.unstamped).to.deep.equal([legacy]);
        expect((await fresh.repositories.tenants.list()).unstamped).to.deep.equal([]);
        expect((await fresh.tenantData.item(TENANT_REGISTRY_ID, SYSTEM_PARTITION).read()).resource?.type).to.equal("tenantRegistry");
      } finally {
        await fresh.stop();
      }
    });
  });
});
