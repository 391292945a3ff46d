import { BenefitsError } from "../errors";
import { assertAlternateEmailDiffers } from "../rules/contacts";
import { assertTechnicalCanBeAssigned } from "../rules/lifecycle";
import type { Actor, Benefit, DirectoryUser, SoftwareBenefit, TechnicalBenefit } from "../types";
import { emailSchema } from "../types";
import type { UseCaseDeps } from "./deps";
import { listDirectory } from "./directory";
import { requireActor, requireBenefit, requireDirectoryUser } from "./shared";

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

/** Before asking whom to assign: the same checks assignTechnicalBenefit makes, so the admin is stopped at once, not after typing. */
export async function prepareTechnicalAssignment(
  deps: UseCaseDeps,
  actor: Actor,
  ref: BenefitRef,
): Promise<{ benefit: TechnicalBenefit; users: DirectoryUser[] }> {
  const benefit = await adminBenefit(deps, actor, "technical", ref);
  assertTechnicalCanBeAssigned(benefit);
  return { benefit, users: await listDirectory(deps, actor.tenantId) };
}

export function isValidEmail(email: string): boolean {
  return emailSchema.safeParse(email.trim()).success;
}

/** The chosen user must be in the actor's own directory (a user id from a card may be forged). */
export async function prepareTechnicalAssignee(
  deps: UseCaseDeps,
  actor: Actor,
  input: BenefitRef & { readonly userId: string },
): Promise<{ benefit: TechnicalBenefit; assignee: DirectoryUser }> {
  const { benefit } = await prepareTechnicalAssignment(deps, actor, input);
  return { benefit, assignee: await requireDirectoryUser(deps, actor.tenantId, input.userId) };
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
