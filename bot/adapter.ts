import { ActivityTypes, CloudAdapter, type TurnContext } from "botbuilder";
import type { Locale } from "../cards/strings";
import { localeOf, tenantIdOf } from "../dialogs/activity";
import { FailClosedAuthentication } from "./authentication";
import type { Config } from "./config";
import type { Logger } from "./logger";
import { inTurnOf, turnLogging } from "./turnLogging";

export interface AdapterDeps {
  /** Undoes whatever a failed turn may have left half-done (the lead clears the dialog state). */
  readonly onTurnErrorCleanup?: (context: TurnContext) => Promise<void>;
  readonly log: (message: string, error?: unknown) => void;
  /**
   * What the person is told; `afterAnswer` when the turn had already answered (the failure came later, e.g. saving the
   * dialog state): that answer stands and must not be contradicted by a bare "try again".
   */
  readonly errorText: (locale: Locale, afterAnswer: boolean) => string;
  /** When given, each turn logs through a child of it that carries the turn's correlation id and tenant. */
  readonly logger?: Logger;
}

export type AdapterConfig = Pick<Config, "localMode" | "microsoftApp" | "allowedTenants"> & Partial<Pick<Config, "tokenValidation">>;

// Bounds memory when many distinct tenants are dropped: past it, drops are still dropped, just not logged.
const MAX_REMEMBERED_DROPS = 1_000;
const HTTP_FORBIDDEN = 403;

export function createAdapter(config: AdapterConfig, deps: AdapterDeps): CloudAdapter {
  const adapter = new CloudAdapter(createAuthentication(config, deps.log));
  if (deps.logger !== undefined) adapter.use(turnLogging(deps.logger));
  adapter.use(tenantGuard(config.allowedTenants, deps.log));
  adapter.onTurnError = (context, error) => inTurnOf(context, () => reportTurnError(context, error, deps));
  return adapter;
}

function createAuthentication(config: AdapterConfig, log: AdapterDeps["log"]): FailClosedAuthentication {
  if (config.microsoftApp.id === "" && !config.localMode) {
    throw new Error("Refusing an adapter without MicrosoftAppId outside local mode: it would accept unsigned requests");
  }
  return new FailClosedAuthentication(config, log);
}

/** Drops, before any handler or store sees it, every activity without a tenant or from a tenant we do not serve. */
export function tenantGuard(allowedTenants: readonly string[], log: AdapterDeps["log"]) {
  const allowed = new Set(allowedTenants);
  const alreadyLogged = new Set<string>();
  const logOnce = (key: string, message: string) => {
    if (alreadyLogged.has(key) || alreadyLogged.size >= MAX_REMEMBERED_DROPS) return;
    alreadyLogged.add(key);
    log(`${message} (dropped silently; later drops of this kind are not logged)`);
  };

  return async (context: TurnContext, next: () => Promise<void>): Promise<void> => {
    const tenantId = tenantIdOf(context.activity);
    if (tenantId === undefined) {
      // JSON.stringify: the channel id is caller-supplied text, keep it from forging log lines.
      const channel = JSON.stringify(String(context.activity.channelId)).slice(0, 80);
      logOnce(`no-tenant:${channel}`, `Dropped an activity without a valid tenant id on channel ${channel}`);
      await refuseInvoke(context);
      return;
    }
    if (allowed.size > 0 && !allowed.has(tenantId)) {
      logOnce(`tenant:${tenantId}`, `Dropped an activity from tenant ${tenantId}, which is not in ALLOWED_TENANTS`);
      await refuseInvoke(context);
      return;
    }
    await next();
  };
}

// An invoke left without an answer becomes botbuilder's 501; the caller is simply not served here.
async function refuseInvoke(context: TurnContext): Promise<void> {
  if (context.activity.type !== ActivityTypes.Invoke) return;
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: HTTP_FORBIDDEN } });
}

async function reportTurnError(context: TurnContext, error: unknown, deps: AdapterDeps): Promise<void> {
  deps.log(`Turn failed for a ${JSON.stringify(String(context.activity.type)).slice(0, 80)} activity`, error);
  try {
    await context.sendActivity(deps.errorText(localeOf(context.activity), context.responded));
  } catch (sendError) {
    deps.log("Could not tell the user that the turn failed", sendError);
  }
  if (deps.onTurnErrorCleanup === undefined) return;
  try {
    await deps.onTurnErrorCleanup(context);
  } catch (cleanupError) {
    deps.log("Cleanup after a failed turn failed too", cleanupError);
  }
}
