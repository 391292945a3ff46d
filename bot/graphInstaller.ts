import { ClientSecretCredential, ManagedIdentityCredential } from "@azure/identity";
import type { Config } from "./config";

/** What the installer needs of a credential; @azure/identity's credentials have it, and a test can record the scope. */
export interface GraphCredential {
  getToken(scopes: string | string[]): Promise<{ readonly token: string } | null>;
}

export type InstallOutcome = { readonly kind: "installed" } | { readonly kind: "failed"; readonly reason: string };

export interface GraphInstallerOptions {
  /** GRAPH_BASE_URL: https://graph.microsoft.com, a national cloud's Graph, or a local stand-in in tests. */
  readonly baseUrl: string;
  /** TEAMS_APP_CATALOG_ID: the app's id in the organization's app catalog (not the manifest id when uploaded by an admin). */
  readonly catalogAppId: string;
  /** The bot's own app-only credential, in the tenant of the person. */
  readonly credentialFor: (tenantId: string) => GraphCredential;
  readonly fetch?: typeof fetch;
}

const INSTALL_TIMEOUT_MS = 15_000;

/**
 * The bot's own identity, app-only. A multi-tenant app signs in to the customer's tenant (the person's); a
 * single-tenant app and a managed identity can only sign in to their own tenant, which is then the only one served.
 * Needs the application permission TeamsAppInstallation.ReadWriteSelfForUser.All, consented in that tenant.
 */
export function botCredentialFor(app: Config["microsoftApp"]): (tenantId: string) => GraphCredential {
  const cache = new Map<string, GraphCredential>();
  return (tenantId) => {
    const cached = cache.get(tenantId);
    if (cached !== undefined) return cached;
    const credential = createCredential(app, tenantId);
    cache.set(tenantId, credential);
    return credential;
  };
}

function createCredential(app: Config["microsoftApp"], tenantId: string): GraphCredential {
  if (app.type === "UserAssignedMSI") return new ManagedIdentityCredential({ clientId: app.id });
  if (app.password === undefined) throw new Error("the Graph install needs MicrosoftAppPassword for this app type");
  return new ClientSecretCredential(app.type === "SingleTenant" ? (app.tenantId ?? tenantId) : tenantId, app.id, app.password);
}

/** `https://graph.microsoft.com/.default` for the default base URL: the token is for exactly the Graph we call. */
export function graphScope(baseUrl: string): string {
  return `${new URL(baseUrl).origin}/.default`;
}

/**
 * Installs the bot for one person (their personal scope), so that Teams lets it open a chat with them. An app already
 * installed (409) counts as installed: two instances, or a retry, may ask twice.
 */
export async function installForUser(options: GraphInstallerOptions, tenantId: string, userId: string): Promise<InstallOutcome> {
  const base = new URL(options.baseUrl).origin;
  let token: string;
  try {
    const accessToken = await options.credentialFor(tenantId).getToken(graphScope(options.baseUrl));
    if (accessToken === null) return { kind: "failed", reason: "no Graph token for the bot's identity" };
    token = accessToken.token;
  } catch (error) {
    return { kind: "failed", reason: `no Graph token for the bot's identity: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500) };
  }
  const url = `${base}/v1.0/users/${encodeURIComponent(userId)}/teamwork/installedApps`;
  const body = JSON.stringify({ "teamsApp@odata.bind": `${base}/v1.0/appCatalogs/teamsApps/${encodeURIComponent(options.catalogAppId)}` });
  try {
    const response = await (options.fetch ?? fetch)(url, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body,
      signal: AbortSignal.timeout(INSTALL_TIMEOUT_MS),
    });
    if (response.ok || response.status === 409) return { kind: "installed" };
    const detail = (await response.text()).slice(0, 300);
    return { kind: "failed", reason: `Graph answered HTTP ${response.status}: ${detail}` };
  } catch (error) {
    return { kind: "failed", reason: `Graph did not answer: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500) };
  }
}
