import { expect } from "chai";
import {
  approveBenefitRequest,
  BenefitsError,
  getBenefitRequest,
  listPendingBenefitRequests,
  removeVisualStudioSeat,
  requestBenefit,
  shownRequest,
  type Benefit,
  type BenefitRequest,
  type DocumentRepository,
  type UseCaseDeps,
} from "../../../benefits";
import { ADMIN, EMPLOYEE, expectRejection } from "../fixtures";
import { cosmosPerFile, givenTenant, type TenantUnderTest } from "./harness";

/** The benefits store as it is, except that every write fails with `failure`: the assignment step breaks mid-approval. */
function withFailingBenefitWrites(deps: UseCaseDeps, failure: Error): UseCaseDeps {
  const benefits = deps.repos.benefits;
  const failing: DocumentRepository<Benefit> = {
    get: (tenantId, id) => benefits.get(tenantId, id),
    list: (tenantId) => benefits.list(tenantId),
    create: (doc) => benefits.create(doc),
    replace: () => Promise.reject(failure),
    delete: (tenantId, id, etag) => benefits.delete(tenantId, id, etag),
  };
  return { ...deps, repos: { ...deps.repos, benefits: failing, listTenantIds: () => deps.repos.listTenantIds() } };
}

async function storedRequest(t: TenantUnderTest, id: string): Promise<BenefitRequest | undefined> {
  return (await t.deps.repos.benefitRequests.get(t.tenantId, id))?.value;
}

describe("useCases/benefitRequests", () => {
  const cosmos = cosmosPerFile();

  describe("approveBenefitRequest", () => {
    const failures = [
      { kind: "an uncoded error (a dropped connection)", error: new Error("socket hang up") },
      { kind: "a coded error", error: new BenefitsError("THROTTLED", "too many requests", {}, 1000) },
    ];
    for (const f of failures) {
      it(`releases the claim, audits the approval and its release and rethrows when the assignment fails with ${f.kind}`, async () => {
        const t = await givenTenant(cosmos, "req-approve-fails");
        const request = await requestBenefit(t.deps, t.actor(EMPLOYEE), { benefitId: "vs-1", reason: "New project", requesterLocale: "en" });
        const benefitBefore = await t.benefit("vs-1", "visualStudio");

        let thrown: unknown;
        try {
          await approveBenefitRequest(withFailingBenefitWrites(t.deps, f.error), t.actor(ADMIN), { requestId: request.id, expectedVersion: 0 });
        } catch (e) {
          thrown = e;
        }

        expect(thrown).to.equal(f.error);
        const stored = await storedRequest(t, request.id);
        expect(stored).to.deep.include({ state: "pending", version: 2 });
        expect(stored).not.to.have.any.keys("decidedBy", "decidedAt");
        expect(await t.benefit("vs-1", "visualStudio")).to.deep.equal(benefitBefore);
        const audit = await t.audit();
        expect(audit.map((a) => [a.action, a.actorId, a.before, a.after])).to.deep.equal([
          ["benefitRequest.create", EMPLOYEE, null, request],
          // The claim was written (version 1), so it is on record, with the release that undid it (version 2).
          ["benefitRequest.approve", ADMIN, "pending", "approved"],
          ["benefitRequest.release", ADMIN, "approved", "pending"],
        ]);
      });
    }

    it("approves on a second try when the first one failed and was released", async () => {
      const t = await givenTenant(cosmos, "req-approve-retry");
      const request = await requestBenefit(t.deps, t.actor(EMPLOYEE), { benefitId: "vs-1", reason: "New project", requesterLocale: "en" });
      await expectRejection(
        approveBenefitRequest(withFailingBenefitWrites(t.deps, new BenefitsError("THROTTLED", "too many requests")), t.actor(ADMIN), { requestId: request.id }),
        "THROTTLED",
      );

      const approved = await approveBenefitRequest(t.deps, t.actor(ADMIN), { requestId: request.id, expectedVersion: 2 });

      expect(approved).to.deep.include({ state: "approved", decidedBy: ADMIN, version: 3 });
      expect((await t.benefit("vs-1", "visualStudio")).assignments.map((a) => a.userId)).to.include(EMPLOYEE);
    });

    it("assigns in the same click when the claim was stored but its answer was lost and the retry finds it decided", async () => {
      const t = await givenTenant(cosmos, "req-approve-lost-claim");
      const request = await requestBenefit(t.deps, t.actor(EMPLOYEE), { benefitId: "vs-1", reason: "New project", requesterLocale: "en" });
      const requests = t.deps.repos.benefitRequests;
      let lost = false;
      // The first replace is applied, then answered as a lost race: the use case's retry reads it decided.
      const losingFirstAnswer: DocumentRepository<BenefitRequest> = {
        ...requests,
        get: (tenantId, id) => requests.get(tenantId, id),
        list: (tenantId) => requests.list(tenantId),
        create: (doc) => requests.create(doc),
        delete: (tenantId, id, etag) => requests.delete(tenantId, id, etag),
        async replace(doc, etag) {
          const stored = await requests.replace(doc, etag);
          if (lost) return stored;
          lost = true;
          throw new BenefitsError("CONFLICT", "changed meanwhile");
        },
      };
      const deps = { ...t.deps, repos: { ...t.deps.repos, benefitRequests: losingFirstAnswer } };

      const approved = await approveBenefitRequest(deps, t.actor(ADMIN), { requestId: request.id, expectedVersion: 0 });

      expect(approved).to.deep.include({ state: "approved", decidedBy: ADMIN });
      expect((await t.benefit("vs-1", "visualStudio")).assignments.map((a) => a.userId)).to.include(EMPLOYEE);
    });

    it("finishes an approval left half done (claimed, nobody assigned) on the next Approve, then finds it decided", async () => {
      const t = await givenTenant(cosmos, "req-approve-half");
      const request = await requestBenefit(t.deps, t.actor(EMPLOYEE), { benefitId: "vs-1", reason: "New project", requesterLocale: "en" });
      // What a claim whose assignment and release both failed leaves behind.
      const stored = await t.deps.repos.benefitRequests.get(t.tenantId, request.id);
      if (stored === undefined) expect.fail("the request is stored");
      await t.deps.repos.benefitRequests.replace({ ...stored.value, state: "approved", decidedBy: ADMIN, decidedAt: stored.value.createdAt, version: 1, assigning: true }, stored.etag);
      expect((await t.benefit("vs-1", "visualStudio")).assignments.map((a) => a.userId)).not.to.include(EMPLOYEE);
      expect(await shownRequest(t.deps, (await getBenefitRequest(t.deps, t.tenantId, request.id)))).to.deep.include({ state: "pending", decidedBy: undefined });
      expect((await listPendingBenefitRequests(t.deps, t.actor(ADMIN))).map((r) => r.id)).to.deep.equal([request.id]);

      const finished = await approveBenefitRequest(t.deps, t.actor(ADMIN), { requestId: request.id, expectedVersion: 0 });

      expect(finished).to.deep.include({ state: "approved", decidedBy: ADMIN });
      expect((await t.benefit("vs-1", "visualStudio")).assignments.map((a) => a.userId)).to.include(EMPLOYEE);
      expect(await storedRequest(t, request.id)).not.to.have.property("assigning");
      await expectRejection(approveBenefitRequest(t.deps, t.actor(ADMIN), { requestId: request.id }), "INVALID_STATE");
    });

    it("releases an unfinished approval when finishing it is refused (no seat left now), so it is truthfully pending", async () => {
      const t = await givenTenant(cosmos, "req-approve-half-full");
      const request = await requestBenefit(t.deps, t.actor(EMPLOYEE), { benefitId: "vs-1", reason: "New project", requesterLocale: "en" });
      const stored = await t.deps.repos.benefitRequests.get(t.tenantId, request.id);
      if (stored === undefined) expect.fail("the request is stored");
      await t.deps.repos.benefitRequests.replace({ ...stored.value, state: "approved", decidedBy: ADMIN, decidedAt: stored.value.createdAt, version: 1, assigning: true }, stored.etag);
      const vs = await t.deps.repos.benefits.get(t.tenantId, "vs-1");
      if (vs?.value.category !== "visualStudio") expect.fail("vs-1 is a Visual Studio subscription");
      await t.deps.repos.benefits.replace({ ...vs.value, seats: vs.value.assignments.length }, vs.etag);

      await expectRejection(approveBenefitRequest(t.deps, t.actor(ADMIN), { requestId: request.id, expectedVersion: 1 }), "NO_SEATS");

      const released = await storedRequest(t, request.id);
      expect(released).to.deep.include({ state: "pending", version: 2 });
      expect(released).not.to.have.any.keys("decidedBy", "decidedAt", "assigning");
    });

    it("never assigns again through an old Approve once an approval was finished and its seat later removed", async () => {
      const t = await givenTenant(cosmos, "req-approve-old-card");
      const request = await requestBenefit(t.deps, t.actor(EMPLOYEE), { benefitId: "vs-1", reason: "New project", requesterLocale: "en" });
      await approveBenefitRequest(t.deps, t.actor(ADMIN), { requestId: request.id, expectedVersion: 0 });
      await removeVisualStudioSeat(t.deps, t.actor(ADMIN), { benefitId: "vs-1", userId: EMPLOYEE });

      await expectRejection(approveBenefitRequest(t.deps, t.actor(ADMIN), { requestId: request.id, expectedVersion: 0 }), "INVALID_STATE");

      expect((await t.benefit("vs-1", "visualStudio")).assignments.map((a) => a.userId)).not.to.include(EMPLOYEE);
      expect(await shownRequest(t.deps, await getBenefitRequest(t.deps, t.tenantId, request.id))).to.deep.include({ state: "approved", decidedBy: ADMIN });
    });
  });
});
