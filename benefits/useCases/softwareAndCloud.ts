import { BenefitsError, isBenefitsError } from "../errors";
import { assertKeysRevealAllowed } from "../rules/cancel";
import { assertNotCanceled } from "../rules/lifecycle";
import type { Actor, CloudBenefit, SoftwareBenefit } from "../types";
import type { UseCaseDeps } from "./deps";
import { changeDocument, requireActor, requireBenefit, saveBenefit } from "./shared";
import { partlyDone } from "./unknownOutcome";

type KeyedBenefit = SoftwareBenefit | CloudBenefit;
type KeysRevealed = NonNullable<KeyedBenefit["keysRevealed"]>;

/**
 * What revealing keys of a software or a cloud benefit share: the refusals, the idempotent write and its audit.
 * Revealing again writes nothing. `beforeReveal` runs once keys are known to be revealed now, before the benefit is
 * written; a refusal there writes nothing.
 */
async function revealKeys<B extends KeyedBenefit>(
  deps: UseCaseDeps,
  actor: Actor,
  current: B,
  save: (change: (latest: B) => B) => Promise<B>,
  beforeReveal?: (revealed: KeysRevealed) => Promise<boolean>,
): Promise<B> {
  if (current.keysRevealed !== undefined) return current;
  assertNotCanceled(current);
  const revealed: KeysRevealed = { at: deps.now().toISOString(), by: actor.userId };
  const started = (await beforeReveal?.(revealed)) === true;
  try {
    return await save((b) => {
      // Someone revealed them since the read above: theirs stands and nothing is written twice.
      if (b.keysRevealed !== undefined) return b;
      assertNotCanceled(b);
      return { ...b, keysRevealed: revealed };
    });
  } catch (e) {
    // The package already records the activation: "nothing was changed" would be false.
    throw started ? partlyDone(e) : e;
  }
}

const keysView = (b: KeyedBenefit): unknown => b.keysRevealed ?? null;

/**
 * Revealing keys activates the software benefit, which ends the refund path for its whole package, so the package
 * records the activation first (see recordActivationOnPackage). A crash between that write and the benefit's leaves
 * the package activated with no keys shown: refunds are blocked, which is safe, and revealing again completes it.
 */
export async function revealSoftwareKeys(deps: UseCaseDeps, actor: Actor, input: { readonly benefitId: string }): Promise<SoftwareBenefit> {
  await requireActor(deps, actor, "assignBenefits");
  const current = await requireBenefit(deps, actor.tenantId, input.benefitId, "software");
  return revealKeys(
    deps,
    actor,
    current,
    (change) => saveBenefit(deps, actor, "software.revealKeys", "software", current.id, undefined, change, keysView),
    (revealed) => recordActivationOnPackage(deps, actor.tenantId, current, revealed),
  );
}

/** Cloud license keys are not software: revealing them leaves the package refundable, so the package is not involved. */
export async function revealCloudKeys(deps: UseCaseDeps, actor: Actor, input: { readonly benefitId: string }): Promise<CloudBenefit> {
  await requireActor(deps, actor, "assignBenefits");
  const current = await requireBenefit(deps, actor.tenantId, input.benefitId, "cloud");
  if (current.billing !== "license") {
    throw new BenefitsError("INVALID_STATE", "usage-based subscriptions have no keys: assign yourself instead", { benefitId: current.id });
  }
  return revealKeys(deps, actor, current, (change) => saveBenefit(deps, actor, "cloud.revealKeys", "cloud", current.id, undefined, change, keysView));
}

/**
 * The serialization point shared with requestCancellation: refuse when a refund was requested for any benefit of the
 * package, otherwise record the first activation on the package with If-Match (a lost race re-reads and re-checks).
 * An activation already recorded (another software benefit, or this one before a crash) is kept and nothing is written.
 * The package's benefits are read once, before: refunds requested from now on are recorded on the package first, so
 * the list only has to answer for refunds marked before the package kept that record, and those do not change.
 */
async function recordActivationOnPackage(deps: UseCaseDeps, tenantId: string, benefit: SoftwareBenefit, revealed: KeysRevealed): Promise<boolean> {
  const packageId = benefit.packageId;
  const packageBenefits = (await deps.repos.benefits.list(tenantId)).map((s) => s.value).filter((b) => b.packageId === packageId);
  try {
    const { before, after } = await changeDocument(deps.repos.packages, tenantId, packageId, undefined, (pkg) => {
      assertKeysRevealAllowed(pkg, packageBenefits);
      if (pkg.softwareActivated !== undefined) return pkg;
      return { ...pkg, softwareActivated: { benefitId: benefit.id, ...revealed } };
    });
    return after !== before;
  } catch (e) {
    if (isBenefitsError(e, "NOT_FOUND")) throw new BenefitsError("NOT_FOUND", "the benefit's package is missing", { packageId });
    throw e;
  }
}

/** A usage-based Azure subscription is activated by the admin assigning it to themself; it is then managed in the Azure portal. */
export async function assignCloudToSelf(
  deps: UseCaseDeps,
  actor: Actor,
  input: { readonly benefitId: string; readonly expectedVersion?: number },
): Promise<CloudBenefit> {
  await requireActor(deps, actor, "assignBenefits");
  const assignedAt = deps.now().toISOString();
  return saveBenefit(deps, actor, "cloud.assignSelf", "cloud", input.benefitId, input.expectedVersion, (b) => {
    if (b.billing !== "usage") throw new BenefitsError("INVALID_STATE", "license-based subscriptions are activated with keys", { benefitId: b.id });
    assertNotCanceled(b);
    if (b.assignedTo !== undefined) {
      throw new BenefitsError("ALREADY_ASSIGNED", "this subscription is already assigned", { benefitId: b.id, userId: b.assignedTo.userId });
    }
    return { ...b, assignedTo: { userId: actor.userId, assignedAt } };
  }, (b) => b.assignedTo ?? null);
}

export interface CloudHolderInput {
  readonly benefitId: string;
  /** The holder the admin saw on the card. */
  readonly userId: string;
  readonly expectedVersion?: number;
}

function assertUsageBased(b: CloudBenefit): void {
  if (b.billing !== "usage") throw new BenefitsError("INVALID_STATE", "license-based subscriptions are activated with keys", { benefitId: b.id });
}

function notHolding(b: CloudBenefit, userId: string): BenefitsError {
  return new BenefitsError("NOT_ASSIGNED", "this person does not hold this subscription", { benefitId: b.id, userId });
}

/**
 * Frees a usage-based subscription (its holder left, say): any global admin can then assign themself. Partner Center
 * only records who activated it; the Azure subscription itself keeps running and is managed in the Azure portal.
 * A replay finds it free and writes nothing; held by someone else by then, nobody else's assignment is removed.
 */
export async function removeCloudAssignment(deps: UseCaseDeps, actor: Actor, input: CloudHolderInput): Promise<CloudBenefit> {
  await requireActor(deps, actor, "assignBenefits");
  return saveBenefit(deps, actor, "cloud.remove", "cloud", input.benefitId, input.expectedVersion, (b) => {
    assertUsageBased(b);
    assertNotCanceled(b);
    if (b.assignedTo?.userId !== input.userId) throw notHolding(b, input.userId);
    const { assignedTo: _freed, ...freed } = b;
    return freed;
  }, (b) => b.assignedTo ?? null, (b) => b.billing === "usage" && b.assignedTo === undefined);
}

/**
 * "Reassign" of a usage-based subscription: Partner Center assigns it only to oneself, so the admin who acts takes it
 * over from the holder, in one write. A replay finds the actor holding it and writes nothing.
 */
export async function takeOverCloudAssignment(deps: UseCaseDeps, actor: Actor, input: CloudHolderInput): Promise<CloudBenefit> {
  await requireActor(deps, actor, "assignBenefits");
  const assignedAt = deps.now().toISOString();
  return saveBenefit(deps, actor, "cloud.takeOver", "cloud", input.benefitId, input.expectedVersion, (b) => {
    assertUsageBased(b);
    assertNotCanceled(b);
    if (b.assignedTo?.userId !== input.userId) throw notHolding(b, input.userId);
    return { ...b, assignedTo: { userId: actor.userId, assignedAt } };
  }, (b) => b.assignedTo ?? null, (b) => b.billing === "usage" && b.cancelRequest === undefined && b.assignedTo?.userId === actor.userId);
}
