// A refund and a software key reveal on benefits of the same package race on the package document: whatever runs in
// parallel or crashes half-way, a refund never stands together with revealed software keys.
import { expect } from "chai";
import sinon from "sinon";
import {
  BenefitsError,
  isBenefitsError,
  requestCancellation,
  revealCloudKeys,
  revealSoftwareKeys,
  type BenefitPackage,
  type Repositories,
  type Stored,
} from "../../../benefits";
import { aCancelRequest, ADMIN, aSoftwareBenefit, contosoTenant, expectRejection, NOW, SECOND_ADMIN } from "../fixtures";
import { cosmosPerFile, givenTenant, type TenantUnderTest } from "./harness";

const ROUNDS = 20;
const withSecondAdmin = (id: string) => contosoTenant(id).user(SECOND_ADMIN, ["globalAdmin"]);

async function storedPackage(t: TenantUnderTest, id = "pkg-1"): Promise<BenefitPackage> {
  const found = (await t.deps.repos.packages.get(t.tenantId, id))?.value;
  if (found === undefined) return expect.fail(`package ${id} is not stored`);
  return found;
}

/** Neither refund nor keys, or exactly one of them: never a refund (mark or service request) with software keys revealed. */
async function expectNoRefundWithKeys(t: TenantUnderTest): Promise<void> {
  const software = await t.benefit("sw-1", "software");
  const requests = await t.deps.repos.serviceRequests.list(t.tenantId);
  const vs = await t.benefit("vs-1", "visualStudio");
  if (software.keysRevealed !== undefined) {
    expect(requests, "a service request stands beside revealed keys").to.deep.equal([]);
    expect(vs.cancelRequest, "a refund mark stands beside revealed keys").to.equal(undefined);
  }
}

/** The first `n` calls wait for one another, so each has read before any goes on to write. */
function readTogether(repo: Repositories["packages"], n: number): void {
  const original = repo.get.bind(repo);
  let arrived = 0;
  let release: () => void = () => undefined;
  const allArrived = new Promise<void>((resolve) => {
    release = resolve;
  });
  sinon.stub(repo, "get").callsFake(async (tenantId: string, id: string): Promise<Stored<BenefitPackage> | undefined> => {
    const read = await original(tenantId, id);
    if (arrived < n) {
      arrived += 1;
      if (arrived === n) release();
      await allArrived;
    }
    return read;
  });
}

describe("useCases: refund and software key reveal on one package", () => {
  const cosmos = cosmosPerFile();

  afterEach(() => {
    sinon.restore();
  });

  describe("when they run at the same moment", () => {
    it(`lets exactly one through, ${ROUNDS} rounds on fresh tenants: the refund with no keys, or the keys with the refund refused`, async function () {
      this.timeout(120_000);
      for (let round = 0; round < ROUNDS; round++) {
        const t = await givenTenant(cosmos, `race-${round}`);
        // Alternate who starts first so neither side always has the head start.
        const reveal = () => revealSoftwareKeys(t.deps, t.actor(ADMIN), { benefitId: "sw-1" });
        const cancel = () => requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-1" });
        const [revealed, canceled] =
          round % 2 === 0
            ? await Promise.allSettled([reveal(), cancel()])
            : await Promise.allSettled([cancel(), reveal()]).then(([c, r]) => [r, c] as const);

        const pkg = await storedPackage(t);
        if (canceled.status === "fulfilled") {
          expect(revealed.status, `round ${round}: both went through`).to.equal("rejected");
          if (revealed.status === "rejected") expect(isBenefitsError(revealed.reason, "INVALID_STATE"), String(revealed.reason)).to.equal(true);
          expect((await t.benefit("sw-1", "software")).keysRevealed).to.equal(undefined);
          expect(pkg.softwareActivated).to.equal(undefined);
          expect(pkg.refundRequestedBenefitIds).to.deep.equal(["vs-1"]);
          expect(await t.deps.repos.serviceRequests.list(t.tenantId)).to.have.length(1);
        } else {
          expect(isBenefitsError(canceled.reason, "SOFTWARE_ACTIVATED"), String(canceled.reason)).to.equal(true);
          expect(revealed.status, `round ${round}: neither went through`).to.equal("fulfilled");
          expect((await t.benefit("sw-1", "software")).keysRevealed).to.deep.equal({ at: NOW.toISOString(), by: ADMIN });
          expect((await t.benefit("vs-1", "visualStudio")).cancelRequest).to.equal(undefined);
          expect(pkg.softwareActivated).to.deep.equal({ benefitId: "sw-1", at: NOW.toISOString(), by: ADMIN });
          expect(pkg.refundRequestedBenefitIds ?? []).to.deep.equal([]);
          expect(await t.deps.repos.serviceRequests.list(t.tenantId)).to.deep.equal([]);
        }
        await expectNoRefundWithKeys(t);
      }
    });

    const orders = [
      { when: "both read the package before either writes and the reveal is submitted first", revealFirst: true },
      { when: "both read the package before either writes and the cancel is submitted first", revealFirst: false },
    ];
    for (const c of orders) {
      it(`lets exactly one through when ${c.when}`, async () => {
        const t = await givenTenant(cosmos, "race-interleaved");
        readTogether(t.deps.repos.packages, 2);
        const reveal = () => revealSoftwareKeys(t.deps, t.actor(ADMIN), { benefitId: "sw-1" });
        const cancel = () => requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-1" });

        const settled = c.revealFirst ? await Promise.allSettled([reveal(), cancel()]) : await Promise.allSettled([cancel(), reveal()]);

        expect(settled.filter((s) => s.status === "fulfilled")).to.have.length(1);
        const refused = settled.find((s) => s.status === "rejected");
        expect(refused?.status === "rejected" && isBenefitsError(refused.reason) ? refused.reason.code : String(refused)).to.be.oneOf([
          "INVALID_STATE",
          "SOFTWARE_ACTIVATED",
        ]);
        // The one that lost the If-Match on the package re-read it and refused; the package took a single write.
        expect((await storedPackage(t)).version).to.equal(1);
        await expectNoRefundWithKeys(t);
      });
    }
  });

  describe("revealSoftwareKeys after a refund on the package", () => {
    it("refuses with INVALID_STATE naming the refunded benefit, and changes nothing, when a sibling's refund was requested", async () => {
      const t = await givenTenant(cosmos, "reveal-after-refund");
      await requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-1" });
      const before = await t.snapshot();

      const error = await expectRejection(revealSoftwareKeys(t.deps, t.actor(ADMIN), { benefitId: "sw-1" }), "INVALID_STATE");

      expect(error.details).to.include({ packageId: "pkg-1", benefitId: "vs-1", state: "refundRequested" });
      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("refuses and changes nothing when the sibling was marked before the package recorded refunds", async () => {
      const t = await givenTenant(cosmos, "reveal-after-legacy-refund", (id) =>
        contosoTenant(id).benefit(aSoftwareBenefit("sw-2", { name: "Software sw-2" })).benefit(aSoftwareBenefit("sw-marked", { cancelRequest: aCancelRequest("sw-marked") })),
      );
      const before = await t.snapshot();

      const error = await expectRejection(revealSoftwareKeys(t.deps, t.actor(ADMIN), { benefitId: "sw-2" }), "INVALID_STATE");

      expect(error.details).to.include({ benefitId: "sw-marked", state: "refundRequested" });
      expect(await t.snapshot()).to.deep.equal(before);
    });

    it("still reveals when the refund was requested in another package", async () => {
      const t = await givenTenant(cosmos, "reveal-refund-elsewhere", (id) =>
        contosoTenant(id).package("pkg-2", "2026-11-20T08:00:00.000Z").benefit(aSoftwareBenefit("sw-3", { packageId: "pkg-2" })),
      );
      await requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-1" });

      const revealed = await revealSoftwareKeys(t.deps, t.actor(ADMIN), { benefitId: "sw-3" });

      expect(revealed.keysRevealed).to.deep.equal({ at: NOW.toISOString(), by: ADMIN });
      expect((await storedPackage(t, "pkg-2")).softwareActivated?.benefitId).to.equal("sw-3");
    });

    it("still reveals cloud license keys, which are not software, after a sibling's refund", async () => {
      const t = await givenTenant(cosmos, "cloud-after-refund");
      await requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-1" });
      const pkgBefore = await t.deps.repos.packages.get(t.tenantId, "pkg-1");

      await revealCloudKeys(t.deps, t.actor(ADMIN), { benefitId: "cloud-license" });

      expect((await t.benefit("cloud-license", "cloud")).keysRevealed).to.deep.equal({ at: NOW.toISOString(), by: ADMIN });
      expect(await t.deps.repos.packages.get(t.tenantId, "pkg-1")).to.deep.equal(pkgBefore);
    });
  });

  describe("what the package records", () => {
    it("keeps the first activation and writes the package once when two software benefits are revealed", async () => {
      const t = await givenTenant(cosmos, "two-software", (id) => withSecondAdmin(id).benefit(aSoftwareBenefit("sw-2")));
      await revealSoftwareKeys(t.deps, t.actor(ADMIN), { benefitId: "sw-1" });

      await revealSoftwareKeys({ ...t.deps, now: () => new Date("2026-11-25T08:00:00Z") }, t.actor(SECOND_ADMIN), { benefitId: "sw-2" });

      const pkg = await storedPackage(t);
      expect(pkg.softwareActivated).to.deep.equal({ benefitId: "sw-1", at: NOW.toISOString(), by: ADMIN });
      expect(pkg.version).to.equal(1);
      expect((await t.benefit("sw-2", "software")).keysRevealed?.by).to.equal(SECOND_ADMIN);
    });

    it("leaves the package unwritten when cloud license keys are revealed, and a refund stays possible", async () => {
      const t = await givenTenant(cosmos, "cloud-not-software");
      const pkgBefore = await t.deps.repos.packages.get(t.tenantId, "pkg-1");

      await revealCloudKeys(t.deps, t.actor(ADMIN), { benefitId: "cloud-license" });
      expect(await t.deps.repos.packages.get(t.tenantId, "pkg-1")).to.deep.equal(pkgBefore);

      const result = await requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-1" });
      expect(result.benefit.cancelRequest?.requestId).to.equal("cancel-vs-1");
    });

    it("records each refunded benefit once, and the package once per benefit, when refunds are requested for two benefits", async () => {
      const t = await givenTenant(cosmos, "two-refunds");

      await requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-1" });
      await requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-1" });
      await requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "offer-1" });

      const pkg = await storedPackage(t);
      expect(pkg.refundRequestedBenefitIds).to.deep.equal(["vs-1", "offer-1"]);
      expect(pkg.version).to.equal(2);
    });

    it("refuses with SOFTWARE_ACTIVATED and changes nothing when a sibling's keys were revealed before the package recorded activations", async () => {
      const t = await givenTenant(cosmos, "cancel-after-legacy-reveal", (id) =>
        contosoTenant(id).benefit(aSoftwareBenefit("sw-legacy", { keysRevealed: { at: "2026-11-12T09:00:00.000Z", by: ADMIN } })),
      );
      const before = await t.snapshot();

      const error = await expectRejection(requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-1" }), "SOFTWARE_ACTIVATED");

      expect(error.details.softwareName).to.equal("Software sw-legacy");
      expect(await t.snapshot()).to.deep.equal(before);
    });
  });

  describe("a change to the benefit between the package write and the benefit write", () => {
    it("still completes the refund the package recorded, instead of refusing it as out of date", async () => {
      const t = await givenTenant(cosmos, "changed-between");
      const writePackage = t.deps.repos.packages.replace.bind(t.deps.repos.packages);
      sinon.stub(t.deps.repos.packages, "replace").callsFake(async (doc, etag) => {
        const written = await writePackage(doc, etag);
        const vs = await t.deps.repos.benefits.get(t.tenantId, "vs-1");
        if (vs === undefined) return expect.fail("vs-1 is stored");
        await t.deps.repos.benefits.replace({ ...vs.value, name: "Renamed meanwhile", version: vs.value.version + 1 }, vs.etag);
        return written;
      });

      const result = await requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-1", expectedVersion: 0 });

      expect(result.benefit.cancelRequest?.requestId).to.equal("cancel-vs-1");
      expect(await t.deps.repos.serviceRequests.list(t.tenantId)).to.have.length(1);
      expect((await storedPackage(t)).refundRequestedBenefitIds).to.deep.equal(["vs-1"]);
    });
  });

  describe("a crash between the package write and the benefit write", () => {
    function crashOnFirstBenefitWrite(t: TenantUnderTest): void {
      const replace = sinon.stub(t.deps.repos.benefits, "replace");
      replace.onFirstCall().rejects(new BenefitsError("UNAVAILABLE", "the data store is unavailable"));
      replace.callThrough();
    }

    it("leaves a cancel blocking reveals with no refund, and a retry completes the refund, even after the window", async () => {
      const t = await givenTenant(cosmos, "crash-cancel");
      crashOnFirstBenefitWrite(t);

      await expectRejection(requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-1", expectedVersion: 0 }), "UNAVAILABLE");
      sinon.restore();

      expect((await storedPackage(t)).refundRequestedBenefitIds).to.deep.equal(["vs-1"]);
      expect((await t.benefit("vs-1", "visualStudio")).cancelRequest).to.equal(undefined);
      expect(await t.deps.repos.serviceRequests.list(t.tenantId)).to.deep.equal([]);
      const blocked = await t.snapshot();
      await expectRejection(revealSoftwareKeys(t.deps, t.actor(ADMIN), { benefitId: "sw-1" }), "INVALID_STATE");
      expect(await t.snapshot()).to.deep.equal(blocked);

      // The package's record was the decision, taken inside the window: the retry finishes it even once the window closed.
      const afterDeadline = { ...t.deps, now: () => new Date("2026-12-20T08:00:00Z") };
      const retried = await requestCancellation(afterDeadline, t.actor(ADMIN), { benefitId: "vs-1", expectedVersion: 0 });

      expect(retried.benefit.cancelRequest?.requestId).to.equal("cancel-vs-1");
      expect(await t.deps.repos.serviceRequests.list(t.tenantId)).to.have.length(1);
      expect((await storedPackage(t)).version).to.equal(1);
      await expectRejection(revealSoftwareKeys(t.deps, t.actor(ADMIN), { benefitId: "sw-1" }), "INVALID_STATE");
      await expectNoRefundWithKeys(t);
    });

    it("leaves a reveal blocking refunds with no keys shown, and a retry reveals them", async () => {
      const t = await givenTenant(cosmos, "crash-reveal");
      crashOnFirstBenefitWrite(t);

      await expectRejection(revealSoftwareKeys(t.deps, t.actor(ADMIN), { benefitId: "sw-1" }), "UNAVAILABLE");
      sinon.restore();

      expect((await storedPackage(t)).softwareActivated).to.deep.equal({ benefitId: "sw-1", at: NOW.toISOString(), by: ADMIN });
      expect((await t.benefit("sw-1", "software")).keysRevealed).to.equal(undefined);
      const blocked = await t.snapshot();
      const refused = await expectRejection(requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-1" }), "SOFTWARE_ACTIVATED");
      expect(refused.details.softwareName).to.equal("Software sw-1");
      expect(await t.snapshot()).to.deep.equal(blocked);

      const retried = await revealSoftwareKeys({ ...t.deps, now: () => new Date("2026-11-24T12:05:00Z") }, t.actor(ADMIN), { benefitId: "sw-1" });

      expect(retried.keysRevealed).to.deep.equal({ at: "2026-11-24T12:05:00.000Z", by: ADMIN });
      expect((await storedPackage(t)).version).to.equal(1);
      expect((await t.audit()).map((a) => a.action)).to.deep.equal(["software.revealKeys"]);
      await expectNoRefundWithKeys(t);
    });

    it("never ends with a refund beside revealed keys when the crash hits either side of a race", async function () {
      this.timeout(60_000);
      for (let round = 0; round < 6; round++) {
        const t = await givenTenant(cosmos, `crash-race-${round}`);
        crashOnFirstBenefitWrite(t);
        const reveal = () => revealSoftwareKeys(t.deps, t.actor(ADMIN), { benefitId: "sw-1" });
        const cancel = () => requestCancellation(t.deps, t.actor(ADMIN), { benefitId: "vs-1" });
        await Promise.allSettled(round % 2 === 0 ? [reveal(), cancel()] : [cancel(), reveal()]);
        sinon.restore();
        await expectNoRefundWithKeys(t);

        // Both are tried again once the store is back: still at most one of them stands.
        await Promise.allSettled([reveal(), cancel()]);
        await expectNoRefundWithKeys(t);
        const keys = (await t.benefit("sw-1", "software")).keysRevealed !== undefined;
        const refund = (await t.deps.repos.serviceRequests.list(t.tenantId)).length === 1;
        expect(keys !== refund, `round ${round}: keys ${String(keys)}, refund ${String(refund)}`).to.equal(true);
      }
    });
  });
});
