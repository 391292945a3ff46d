import { expect } from "chai";
import sinon from "sinon";
import { BenefitsError, requestCancellation, revealSoftwareKeys, type ServiceRequest } from "../../../benefits";
import {
  ADMIN,
  anOffer,
  aSoftwareBenefit,
  aVisualStudioBenefit,
  contosoTenant,
  EMPLOYEE,
  expectRejection,
  MPN_ADMIN,
  NOW,
  SECOND_ADMIN,
} from "../fixtures";
import { cosmosPerFile, givenTenant } from "./harness";

const REFERENCE = "SR-20261124-ID0001";

function cancelRequestFor(tenantId: string, benefitId: string, by = ADMIN): ServiceRequest {
  return {
    type: "serviceRequest",
    id: `cancel-${benefitId}`,
    tenantId,
    version: 0,
    kind: "cancel",
    reference: REFERENCE,
    createdAt: NOW.toISOString(),
    createdBy: by,
    benefitId,
  };
}

describe("useCases/cancel", () => {
  const cosmos = cosmosPerFile();

  afterEach(() => {
    sinon.restore();
  });

  describe("requestCancellation", () => {
    it("opens a service request with a reference, marks the benefit and audits it when asked within the window", async () => {
      const t = await givenTenant(cosmos, "cancel");

      const result = await requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-1", expectedVersion: 0 });

      const mark = { requestId: "cancel-vs-1", reference: REFERENCE, requestedAt: NOW.toISOString(), requestedBy: ADMIN };
      expect(result.request).to.deep.equal(cancelRequestFor(t.tenantId, "vs-1"));
      expect((await t.deps.repos.serviceRequests.get(t.tenantId, "cancel-vs-1"))?.value).to.deep.equal(result.request);
      const stored = await t.benefit("vs-1", "visualStudio");
      expect(stored).to.deep.equal(result.benefit);
      expect(stored.cancelRequest).to.deep.equal(mark);
      expect(stored.version).to.equal(1);
      const audit = await t.audit();
      expect(audit).to.have.length(1);
      expect(audit[0]).to.deep.include({ id: "audit:vs-1:1", action: "benefit.requestCancel", actorId: ADMIN, targetId: "vs-1", before: null });
      expect(audit[0]?.after).to.deep.equal(mark);
    });

    it("allows the request when it is made exactly 30 days after the purchase", async () => {
      const t = await givenTenant(cosmos, "cancel-day30", (id) =>
        contosoTenant(id).package("pkg-30", "2026-10-25T12:00:00.000Z").benefit(aVisualStudioBenefit("vs-30", 1, { packageId: "pkg-30" })),
      );

      const result = await requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-30" });

      expect(result.request.reference).to.equal(REFERENCE);
    });

    it("allows the request when the purchase was recorded in UTC-5 and the deadline, counted in instants, is not passed", async () => {
      // Bought 23:30 on October 25th at UTC-5 = 04:30 UTC on the 26th; NOW is 12:00 UTC on November 24th.
      const t = await givenTenant(cosmos, "cancel-tz", (id) =>
        contosoTenant(id).package("pkg-tz", "2026-10-25T23:30:00-05:00").benefit(aVisualStudioBenefit("vs-tz", 1, { packageId: "pkg-tz" })),
      );

      await requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-tz" });

      expect((await t.benefit("vs-tz", "visualStudio")).cancelRequest?.reference).to.equal(REFERENCE);
    });

    it("refuses with CANCEL_WINDOW_CLOSED carrying the deadline, and changes nothing, on day 31", async () => {
      const t = await givenTenant(cosmos, "cancel-day31");
      const before = await t.snapshot();

      const error = await expectRejection(requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-old" }), "CANCEL_WINDOW_CLOSED");

      expect(error.details).to.include({ deadline: "2026-11-23T12:00:00.000Z", purchasedAt: "2026-10-24T12:00:00.000Z" });
      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with SOFTWARE_ACTIVATED and changes nothing when keys of the package's software were revealed", async () => {
      const t = await givenTenant(cosmos, "cancel-keys");
      await revealSoftwareKeys(t.deps, t.actor(ADMIN), { benefitId: "sw-1" });
      const before = await t.snapshot();

      const error = await expectRejection(requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-1" }), "SOFTWARE_ACTIVATED");

      expect(error.details).to.include({ deadline: "2026-12-10T08:00:00.000Z", softwareName: "Software sw-1" });
      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("allows the request when the only revealed software belongs to another package", async () => {
      const t = await givenTenant(cosmos, "cancel-keys-elsewhere", (id) =>
        contosoTenant(id).package("pkg-3", "2026-11-20T08:00:00.000Z").benefit(aSoftwareBenefit("sw-3", { packageId: "pkg-3" })),
      );
      await revealSoftwareKeys(t.deps, t.actor(ADMIN), { benefitId: "sw-3" });

      const result = await requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-1" });

      expect(result.benefit.cancelRequest?.reference).to.equal(REFERENCE);
    });

    it("lets an MPN partner admin cancel a Go-To-Market offer", async () => {
      const t = await givenTenant(cosmos, "cancel-offer");

      const result = await requestCancellation(t.deps, t.actor(MPN_ADMIN), { benefitId: "offer-1" });

      expect(result.request).to.deep.equal(cancelRequestFor(t.tenantId, "offer-1", MPN_ADMIN));
      expect((await t.benefit("offer-1", "goToMarket")).cancelRequest?.requestedBy).to.equal(MPN_ADMIN);
    });

    const refusedRoles = [
      { when: "an employee cancels a Visual Studio subscription", who: EMPLOYEE, benefitId: "vs-1" },
      { when: "an MPN partner admin cancels a Visual Studio subscription", who: MPN_ADMIN, benefitId: "vs-1" },
      { when: "an employee cancels a Go-To-Market offer", who: EMPLOYEE, benefitId: "offer-1" },
    ];
    for (const c of refusedRoles) {
      it(`refuses with NOT_AUTHORIZED and changes nothing when ${c.when}`, async () => {
        const t = await givenTenant(cosmos, "cancel-role");
        const before = await t.snapshot();

        await expectRejection(requestCancellation(t.deps, t.actor(c.who), { benefitId: c.benefitId }), "NOT_AUTHORIZED");

        expect(await t.snapshot()).to.deep.equal(before);
      });
    }

    it("refuses with NOT_FOUND and leaves the other tenant untouched when the benefit is another tenant's", async () => {
      const theirs = await givenTenant(cosmos, "cancel-theirs", (id) => contosoTenant(id).benefit(aVisualStudioBenefit("vs-theirs", 2)));
      const mine = await givenTenant(cosmos, "cancel-mine");
      const theirsBefore = await theirs.snapshot();
      const mineBefore = await mine.snapshot();

      await expectRejection(requestCancellation(mine.deps, mine.actor(ADMIN), { benefitId: "vs-theirs" }), "NOT_FOUND");

      expect(await theirs.snapshot()).to.deep.equal(theirsBefore);
      expect(await mine.snapshot()).to.deep.equal(mineBefore);
    });

    it("refuses with NOT_FOUND and changes nothing when the benefit's package is missing", async () => {
      const t = await givenTenant(cosmos, "cancel-nopkg", (id) => contosoTenant(id).benefit(anOffer("offer-orphan", "available", { packageId: "pkg-gone" })));
      const before = await t.snapshot();

      const error = await expectRejection(requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "offer-orphan" }), "NOT_FOUND");

      expect(error.details.packageId).to.equal("pkg-gone");
      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses with STALE_CARD and changes nothing when the benefit changed since the card was shown", async () => {
      const t = await givenTenant(cosmos, "cancel-stale", (id) => contosoTenant(id).benefit(aVisualStudioBenefit("vs-2", 2, { version: 5 })));
      const before = await t.snapshot();

      const error = await expectRejection(requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-2", expectedVersion: 4 }), "STALE_CARD");

      expect(error.details.currentVersion).to.equal(5);
      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("completes the same request when retried after the service request could not be written", async () => {
      const t = await givenTenant(cosmos, "cancel-retry");
      const create = sinon.stub(t.deps.repos.serviceRequests, "create");
      create.onFirstCall().rejects(new BenefitsError("UNAVAILABLE", "the data store is unavailable"));
      create.callThrough();

      await expectRejection(requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-1", expectedVersion: 0 }), "UNAVAILABLE");
      const marked = await t.benefit("vs-1", "visualStudio");
      expect(marked.cancelRequest?.reference).to.equal(REFERENCE);
      expect(await t.deps.repos.serviceRequests.list(t.tenantId)).to.deep.equal([]);

      // The same card is submitted again (same version), by then with a later clock and id.
      const later = { ...t.deps, now: () => new Date("2026-11-24T12:05:00Z"), newId: () => "retry1" };
      const retried = await requestCancellation(later, t.actor(ADMIN), { benefitId: "vs-1", expectedVersion: 0 });

      expect(retried.request).to.deep.equal(cancelRequestFor(t.tenantId, "vs-1"));
      expect(retried.benefit).to.deep.equal(marked);
      const snapshot = await t.snapshot();
      expect(snapshot.serviceRequests.map((s) => s.value)).to.deep.equal([cancelRequestFor(t.tenantId, "vs-1")]);
      expect(snapshot.audit).to.have.length(1);
      expect(snapshot.audit[0]).to.deep.include({ id: "audit:vs-1:1", actorId: ADMIN, at: NOW.toISOString(), action: "benefit.requestCancel" });
      expect((await t.benefit("vs-1", "visualStudio")).version).to.equal(1);
    });

    it("returns the existing request and writes nothing when asked again after the request exists", async () => {
      const t = await givenTenant(cosmos, "cancel-again", (id) => contosoTenant(id).user(SECOND_ADMIN, ["globalAdmin"]));
      const first = await requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-1" });
      const before = await t.snapshot();

      const again = await requestCancellation(t.deps, t.actor(SECOND_ADMIN), { benefitId: "vs-1" });

      expect(again.request).to.deep.equal(first.request);
      expect(again.benefit).to.deep.equal(first.benefit);
      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("opens one request with one reference when the same cancel is submitted twice at once", async () => {
      const t = await givenTenant(cosmos, "cancel-double");

      const results = await Promise.all([
        requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-1" }),
        requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-1" }),
      ]);

      const stored = await t.benefit("vs-1", "visualStudio");
      expect(stored.version).to.equal(1);
      expect(results.map((r) => r.request.reference)).to.deep.equal([stored.cancelRequest?.reference, stored.cancelRequest?.reference]);
      const snapshot = await t.snapshot();
      expect(snapshot.serviceRequests).to.have.length(1);
      expect(snapshot.audit).to.have.length(1);
      expect((await t.deps.repos.packages.get(t.tenantId, "pkg-1"))?.value).to.deep.include({ version: 1, refundRequestedBenefitIds: ["vs-1"] });
    });
  });
});
