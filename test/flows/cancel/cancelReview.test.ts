import { expect } from "chai";
import { cancelCandidates, reviewCancellation, revealSoftwareKeys } from "../../../benefits";
import { ADMIN, EMPLOYEE, MPN_ADMIN, NOW, OLD_PURCHASE, RECENT_PURCHASE, anOffer, contosoTenant, expectRejection } from "../../benefits/fixtures";
import { cosmosPerFile, givenTenant } from "../../benefits/useCases/harness";

const DAY_MS = 24 * 60 * 60 * 1000;

describe("cancel review use cases", () => {
  const cosmos = cosmosPerFile();

  it("gives the 30-day deadline when a refund is possible", async () => {
    const tenant = await givenTenant(cosmos, "review-ok");
    const review = await reviewCancellation(tenant.deps, tenant.actor(ADMIN), "vs-1");
    expect(review.verdict).to.deep.equal({ allowed: true, deadline: new Date(Date.parse(RECENT_PURCHASE) + 30 * DAY_MS) });
    expect(review.pkg.id).to.equal("pkg-1");
  });

  it("gives CANCEL_WINDOW_CLOSED with the deadline when the package is 31 days old", async () => {
    const tenant = await givenTenant(cosmos, "review-late");
    const review = await reviewCancellation(tenant.deps, tenant.actor(ADMIN), "vs-old");
    if (review.verdict.allowed) throw new Error("expected a refusal");
    expect(review.verdict.reason.code).to.equal("CANCEL_WINDOW_CLOSED");
    expect(review.verdict.reason.details.deadline).to.equal(new Date(Date.parse(OLD_PURCHASE) + 30 * DAY_MS).toISOString());
  });

  it("gives SOFTWARE_ACTIVATED once a software benefit of the package has its keys revealed", async () => {
    const tenant = await givenTenant(cosmos, "review-software");
    await revealSoftwareKeys(tenant.deps, tenant.actor(ADMIN), { benefitId: "sw-1" });
    const review = await reviewCancellation(tenant.deps, tenant.actor(ADMIN), "vs-1");
    expect(review.verdict.allowed ? "allowed" : review.verdict.reason.code).to.equal("SOFTWARE_ACTIVATED");
  });

  it("follows what the package recorded when the benefit write after it did not happen", async () => {
    const tenant = await givenTenant(cosmos, "review-package-facts");
    const pkg = await tenant.deps.repos.packages.get(tenant.tenantId, "pkg-1");
    if (pkg === undefined) throw new Error("pkg-1 is not stored");
    const activated = { ...pkg.value, version: 1, softwareActivated: { benefitId: "sw-1", at: NOW.toISOString(), by: ADMIN } };
    const written = await tenant.deps.repos.packages.replace(activated, pkg.etag);
    const blocked = await reviewCancellation(tenant.deps, tenant.actor(ADMIN), "vs-1");
    expect(blocked.verdict.allowed ? "allowed" : blocked.verdict.reason.details.softwareName).to.equal("Software sw-1");

    const refundRecorded = { ...pkg.value, version: 2, refundRequestedBenefitIds: ["vs-1"] };
    await tenant.deps.repos.packages.replace(refundRecorded, written.etag);
    const late = { ...tenant.deps, now: () => new Date(Date.parse(RECENT_PURCHASE) + 40 * DAY_MS) };
    expect((await reviewCancellation(late, tenant.actor(ADMIN), "vs-1")).verdict.allowed).to.equal(true);
  });

  it("refuses an MPN partner admin a non-offer benefit and an employee everything, writing nothing", async () => {
    const tenant = await givenTenant(cosmos, "review-roles");
    const before = await tenant.snapshot();
    await expectRejection(reviewCancellation(tenant.deps, tenant.actor(MPN_ADMIN), "vs-1"), "NOT_AUTHORIZED");
    await expectRejection(cancelCandidates(tenant.deps, tenant.actor(EMPLOYEE)), "NOT_AUTHORIZED");
    expect(await tenant.snapshot()).to.deep.equal(before);
  });

  it("answers NOT_FOUND for another tenant's benefit", async () => {
    const other = await givenTenant(cosmos, "review-other", (id) => contosoTenant(id).benefit(anOffer("only-in-other-tenant", "available")));
    const tenant = await givenTenant(cosmos, "review-mine");
    expect((await reviewCancellation(other.deps, other.actor(ADMIN), "only-in-other-tenant")).verdict.allowed).to.equal(true);
    await expectRejection(reviewCancellation(tenant.deps, tenant.actor(ADMIN), "only-in-other-tenant"), "NOT_FOUND");
  });

  it("lists every benefit for a global admin and only offers for an MPN partner admin, each with its verdict", async () => {
    const tenant = await givenTenant(cosmos, "candidates");
    const forAdmin = await cancelCandidates(tenant.deps, tenant.actor(ADMIN));
    expect(forAdmin.map((c) => c.benefit.id)).to.include.members(["vs-1", "vs-old", "offer-1", "sw-1"]);
    expect(forAdmin.find((c) => c.benefit.id === "vs-1")?.verdict.allowed).to.equal(true);
    expect(forAdmin.find((c) => c.benefit.id === "vs-old")?.verdict.allowed).to.equal(false);
    const forMpn = await cancelCandidates(tenant.deps, tenant.actor(MPN_ADMIN));
    expect(forMpn.map((c) => [c.benefit.id, c.verdict.allowed])).to.deep.equal([["offer-1", true]]);
  });
});
