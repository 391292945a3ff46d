import { BenefitsError, isBenefitsError } from "../errors";
import { assertKeysRevealAllowed } from "../rules/cancel";
import { assertAlternateEmailDiffers } from "../rules/contacts";
import { assertTechnicalCanBeAssigned } from "../rules/lifecycle";
import type { Actor, Benefit, DirectoryUser, SoftwareBenefit, TechnicalBenefit } from "../types";
import { emailSchema } from "../types";
import type { UseCaseDeps } from "./deps";
import { peopleToPick, requirePickablePerson, type PeopleToPick } from "./peopleSearch";
import { requireActor, requireBenefit } from "./shared";

type OfCategory<C extends Benefit["category"]> = Extract<Benefit, { category: C }>;

/** What an admin manages on the Technical, Software and Cloud tabs: reading them already needs the assigning role. */
export async function adminBenefitsOf<C extends Benefit["category"]>(deps: UseCaseDeps, actor: Actor, category: C): Promise<OfCategory<C>[]> {
  await requireActor(deps, actor, "assignBenefits");
  const all = (await deps.repos.benefits.list(actor.tenantId)).map((s) => s.value);
  return all.filter((b): b is OfCategory<C> => b.category === category).sort((a, b) => a.name.localeCompare(b.name));
}

export interface BenefitRef {
  readonly benefitId: string;
  /** The version shown on the card the person acted on; a newer stored version means the card is out of date. */
  readonly expectedVersion?: number;
}

/** One benefit of a known category in the actor's tenant: an id of another tenant or another kind is simply not found. */
export async function adminBenefit<C extends Benefit["category"]>(deps: UseCaseDeps, actor: Actor, category: C, ref: BenefitRef): Promise<OfCategory<C>> {
  await requireActor(deps, actor, "assignBenefits");
  const benefit = await requireBenefit(deps, actor.tenantId, ref.benefitId, category);
  if (ref.expectedVersion !== undefined && benefit.version !== ref.expectedVersion) {
    throw new BenefitsError("STALE_CARD", "this card is out of date", { id: benefit.id, currentVersion: benefit.version });
  }
  return benefit;
}

export interface SoftwareProductView {
  readonly benefit: SoftwareBenefit;
  /** False when revealing its keys now would be refused because a refund was requested for its package. */
  readonly revealAllowed: boolean;
}

/**
 * A software product and whether its keys may be revealed, judged by the rule revealSoftwareKeys applies, so a card
 * offers no button the reveal would refuse. Writes nothing; the reveal itself still decides on the package.
 */
export async function softwareProductView(deps: UseCaseDeps, actor: Actor, ref: BenefitRef): Promise<SoftwareProductView> {
  const benefit = await adminBenefit(deps, actor, "software", ref);
  if (benefit.keysRevealed !== undefined) return { benefit, revealAllowed: true };
  const pkg = await deps.repos.packages.get(actor.tenantId, benefit.packageId);
  // A missing package is the reveal's refusal to name (NOT_FOUND), not a reason to hide the button.
  if (pkg === undefined) return { benefit, revealAllowed: true };
  const packageBenefits = (await deps.repos.benefits.list(actor.tenantId)).map((s) => s.value).filter((b) => b.packageId === benefit.packageId);
  try {
    assertKeysRevealAllowed(pkg.value, packageBenefits);
    return { benefit, revealAllowed: true };
  } catch (e) {
    if (!isBenefitsError(e, "INVALID_STATE")) throw e;
    return { benefit, revealAllowed: false };
  }
}

/** Before asking whom to assign: the same checks assignTechnicalBenefit makes, so the admin is stopped at once, not after typing. */
export async function prepareTechnicalAssignment(
  deps: UseCaseDeps,
  actor: Actor,
  ref: BenefitRef,
): Promise<{ benefit: TechnicalBenefit; people: PeopleToPick }> {
  const benefit = await assignableTechnical(deps, actor, ref);
  return { benefit, people: await peopleToPick(deps, actor.tenantId, { kind: "directory" }) };
}

async function assignableTechnical(deps: UseCaseDeps, actor: Actor, ref: BenefitRef): Promise<TechnicalBenefit> {
  const benefit = await adminBenefit(deps, actor, "technical", ref);
  assertTechnicalCanBeAssigned(benefit);
  return benefit;
}

export function isValidEmail(email: string): boolean {
  return emailSchema.safeParse(email.trim()).success;
}

/** The chosen user must be in the actor's own directory and not gone (a user id from a card may be forged). */
export async function prepareTechnicalAssignee(
  deps: UseCaseDeps,
  actor: Actor,
  input: BenefitRef & { readonly userId: string },
): Promise<{ benefit: TechnicalBenefit; assignee: DirectoryUser }> {
  const benefit = await assignableTechnical(deps, actor, input);
  return { benefit, assignee: await requirePickablePerson(deps, actor.tenantId, input.userId) };
}

/** Checks a proposed assignment without writing it, so a wrong alternate email is asked again before the confirmation. */
export async function checkTechnicalAssignment(
  deps: UseCaseDeps,
  actor: Actor,
  input: BenefitRef & { readonly userId: string; readonly alternateEmail: string },
): Promise<{ benefit: TechnicalBenefit; assignee: DirectoryUser }> {
  const { benefit, assignee } = await prepareTechnicalAssignee(deps, actor, input);
  if (!isValidEmail(input.alternateEmail)) {
    throw new BenefitsError("INVALID_INPUT", "the alternate email is not a valid address", { field: "alternateEmail" });
  }
  assertAlternateEmailDiffers(assignee.email, input.alternateEmail);
  return { benefit, assignee };
}

/** The download links of one language and OS; a language or OS the product is not offered in is refused. */
export function softwareDownloadsFor(benefit: SoftwareBenefit, language: string, os: string): SoftwareBenefit["downloads"] {
  if (!benefit.languages.includes(language) || !benefit.operatingSystems.includes(os)) {
    throw new BenefitsError("INVALID_INPUT", "this product is not offered in that language or for that OS", { language, os });
  }
  return benefit.downloads.filter((d) => d.language === language && d.os === os);
}
