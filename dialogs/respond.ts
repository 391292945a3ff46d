import type { TurnContext } from "botbuilder";
import { CAPABILITY_ROLES, isBenefitsError, type BenefitsError, type Capability, type DirectoryUser } from "../benefits";
import { holdersOf } from "../benefits";
import { errorCard } from "../cards/errors";
import type { AdaptiveCardAttachment } from "../cards/render";
import { turnFacts } from "./turn";

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: BenefitsError };

/**
 * Runs a use case; a refusal (BenefitsError) becomes a card telling what blocked it, and whom to ask when a role is
 * missing. Anything else is a bug and goes to the adapter's onTurnError.
 */
export async function attempt<T>(context: TurnContext, run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    if (!isBenefitsError(e)) throw e;
    await context.sendActivity({ attachments: [await refusalCard(context, e)] });
    return { ok: false, error: e };
  }
}

export async function refusalCard(context: TurnContext, error: BenefitsError): Promise<AdaptiveCardAttachment> {
  const { locale, deps, actor } = turnFacts(context);
  let holders: DirectoryUser[] = [];
  if (error.code === "NOT_AUTHORIZED") {
    const capability = String(error.details.capability ?? "");
    const roles = isCapability(capability) ? CAPABILITY_ROLES[capability] : [];
    holders = await holdersOf(deps, actor.tenantId, roles);
  }
  return errorCard(locale, error, holders);
}

function isCapability(value: string): value is Capability {
  return value in CAPABILITY_ROLES;
}

export async function sendCard(context: TurnContext, card: AdaptiveCardAttachment): Promise<void> {
  await context.sendActivity({ attachments: [card] });
}
