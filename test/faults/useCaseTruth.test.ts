// What a use case answers after a fault at any one of its Cosmos calls is true: a refusal (what the bot shows as
// "Nothing was changed") leaves the documents as they were, unless it says the outcome is partial or unknown; a
// success means the change is stored. Lost replies are the case that used to lie: the write was applied, the
// answer never came, and the refusal said nothing was done.
import { expect } from "chai";
import { assignVisualStudioSeat, isBenefitsError, revealSoftwareKeys, type Actor, type Repositories, type UseCaseDeps } from "../../benefits";
import { errorCard } from "../../cards/errors";
import { createRepositories } from "../../storage/repositories";
import { outcomeUnknown } from "../../benefits/useCases/unknownOutcome";
import { startTestCosmos, type TestCosmos } from "../support/cosmos";
import { FaultPlan, faultyContainer, type FaultKind } from "../support/faultyContainer";
import { ADMIN, aSoftwareBenefit, aVisualStudioBenefit, depsFor, EMPLOYEE, freshTenantId, RECENT_PURCHASE, TenantBuilder } from "../benefits/fixtures";

interface Operation {
  readonly name: string;
  run(deps: UseCaseDeps, admin: Actor): Promise<unknown>;
}

const OPERATIONS: readonly Operation[] = [
  { name: "assign a seat", run: (d, a) => assignVisualStudioSeat(d, a, { benefitId: "vs-free", userId: EMPLOYEE }) },
  { name: "reveal software keys (package, then benefit)", run: (d, a) => revealSoftwareKeys(d, a, { benefitId: "sw-1" }) },
];

async function contentOf(repos: Repositories, tenantId: string): Promise<string> {
  const docs = [...(await repos.packages.list(tenantId)), ...(await repos.benefits.list(tenantId))].map((d) => {
    const { outbox: _pending, ...rest } = d.value;
    return rest;
  });
  return JSON.stringify(docs);
}

describe("use case answers after a Cosmos fault at any call", function () {
  this.timeout(120_000);
  let cosmos: TestCosmos;
  const plan = new FaultPlan();
  let faulty: Repositories;

  before(async () => {
    cosmos = await startTestCosmos();
    faulty = createRepositories(faultyContainer(cosmos.tenantData, plan));
  });
  after(async () => {
    await cosmos.stop();
  });

  async function fresh(): Promise<{ admin: Actor; before: string }> {
    const tenantId = freshTenantId("truth");
    await new TenantBuilder(tenantId)
      .user(ADMIN, ["globalAdmin"])
      .user(EMPLOYEE, ["employee"])
      .package("pkg-1", RECENT_PURCHASE)
      .benefit(aVisualStudioBenefit("vs-free", 5))
      .benefit(aSoftwareBenefit("sw-1"))
      .store(cosmos.repositories);
    return { admin: { tenantId, userId: ADMIN }, before: await contentOf(cosmos.repositories, tenantId) };
  }

  for (const op of OPERATIONS) {
    it(`refuses only when nothing changed, or says it is partial, for "${op.name}"`, async () => {
      const counting = await fresh();
      plan.count();
      await op.run(depsFor(faulty), counting.admin);
      plan.heal();
      const calls = plan.calls;
      let lostRepliesAnsweredDone = 0;
      for (const kind of ["lostReply", "refused"] as FaultKind[]) {
        for (let at = 1; at <= calls; at++) {
          const { admin, before } = await fresh();
          plan.arm(kind, at);
          let refusal: unknown;
          try {
            await op.run(depsFor(faulty), admin);
          } catch (error) {
            if (!isBenefitsError(error)) throw error;
            refusal = error;
          } finally {
            plan.heal();
          }
          const after = await contentOf(cosmos.repositories, admin.tenantId);
          const where = `${kind} at call ${at} of ${calls}`;
          if (refusal === undefined) {
            expect(after, `${where}: done means stored`).not.to.equal(before);
            if (kind === "lostReply") lostRepliesAnsweredDone += 1;
          } else if (!isBenefitsError(refusal) || refusal.details.outcome === undefined) {
            expect(after, `${where}: a plain refusal means nothing changed`).to.equal(before);
          } else {
            expect(after, `${where}: "partial" means something was saved`).not.to.equal(before);
          }
        }
      }
      expect(lostRepliesAnsweredDone, "a write whose reply was lost is read back and answered as done").to.be.greaterThan(0);
    });
  }

  it("does not title the card \"Nothing was changed\" when the outcome is unknown", () => {
    const card = JSON.stringify(errorCard("en", outcomeUnknown("vs-free")).content);
    expect(card).to.contain("It may have been saved").and.not.contain("Nothing was changed");
  });
});
