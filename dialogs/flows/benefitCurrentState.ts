import type { TurnContext } from "botbuilder";
import { isBenefitsError, tenantOverview, type ErrorCode } from "../../benefits";
import { errorText } from "../../cards/errors";
import { benefitStateCard } from "../../cards/overview";
import { t } from "../../cards/strings";
import type { FlowServices } from "../flow";
import type { Outcome } from "../responder";
import { turnOf } from "../turn";

/** Re-renders one benefit as it is now, with a note saying why (e.g. the card that was clicked was out of date). */
export async function showCurrentState(services: FlowServices, context: TurnContext, benefitId: string, note: string): Promise<void> {
  const { actor, locale } = turnOf(context);
  const deps = services.domain;
  const overview = await tenantOverview(deps, actor.tenantId);
  const benefit = overview.benefits.find((b) => b.id === benefitId);
  if (benefit === undefined) {
    await services.respond.stale(context);
    return;
  }
  const viewer = overview.users.find((u) => u.id === actor.userId);
  const card = benefitStateCard(locale, benefit, { now: deps.now(), packages: overview.packages, users: overview.users, viewer }, note);
  await services.respond.card(context, card);
}

/**
 * Like `attempt`, except that an out-of-date card is answered with the benefit's current state (one card, so in Teams
 * it replaces the clicked card) instead of a refusal; so are the refusals in `withState`, the refusal being the note.
 */
export async function attemptOnBenefit<T>(
  services: FlowServices,
  context: TurnContext,
  benefitId: string,
  run: () => Promise<T>,
  withState: readonly ErrorCode[] = [],
): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    if (!isBenefitsError(e)) throw e;
    const { locale } = turnOf(context);
    if (e.code === "STALE_CARD") await showCurrentState(services, context, benefitId, t(locale, "common.staleCard"));
    else if (withState.includes(e.code)) await showCurrentState(services, context, benefitId, errorText(locale, e));
    else await services.respond.refuse(context, e);
    return { ok: false, error: e };
  }
}
