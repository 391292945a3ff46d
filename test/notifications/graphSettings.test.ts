import { expect } from "chai";
import { ClientSecretCredential, ManagedIdentityCredential } from "@azure/identity";
import { ConfigError, loadConfig } from "../../bot/config";
import { botCredentialFor, graphScope } from "../../bot/graphInstaller";

const APP_ID = "11111111-2222-4333-8444-555555555555";
const TENANT = "5f1d6c9e-7a43-4a8e-9b1c-0d2e3f4a5b6c";
const PRODUCTION = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: "app-secret" };

function refusal(env: Readonly<Record<string, string | undefined>>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.settings];
    throw error;
  }
  return [];
}

describe("Graph install settings (bot/config, bot/graphInstaller)", () => {
  it("is off by default and talks to https://graph.microsoft.com", () => {
    expect(loadConfig(PRODUCTION).graph).to.deep.equal({ baseUrl: "https://graph.microsoft.com", proactiveInstall: false });
  });

  it("turns on with a catalog id and keeps the base URL's origin", () => {
    const config = loadConfig({ ...PRODUCTION, GRAPH_PROACTIVE_INSTALL: "true", TEAMS_APP_CATALOG_ID: "0c5cfdbb-596f-4d39-b557-5d9516c94107", GRAPH_BASE_URL: "https://graph.microsoft.us" });
    expect(config.graph).to.deep.equal({ baseUrl: "https://graph.microsoft.us", proactiveInstall: { catalogAppId: "0c5cfdbb-596f-4d39-b557-5d9516c94107" } });
  });

  const refusals = [
    { name: "the install without a catalog id", env: { ...PRODUCTION, GRAPH_PROACTIVE_INSTALL: "true" }, setting: "TEAMS_APP_CATALOG_ID" },
    { name: "the install without the bot's identity (local mode)", env: { LOCAL_MODE: "true", GRAPH_PROACTIVE_INSTALL: "true", TEAMS_APP_CATALOG_ID: "app" }, setting: "GRAPH_PROACTIVE_INSTALL" },
    { name: "a plain-HTTP Graph elsewhere than on loopback", env: { ...PRODUCTION, GRAPH_BASE_URL: "http://graph.example" }, setting: "GRAPH_BASE_URL" },
    { name: "a Graph URL with a path", env: { ...PRODUCTION, GRAPH_BASE_URL: "https://graph.microsoft.com/v1.0" }, setting: "GRAPH_BASE_URL" },
    { name: "a catalog id with a slash", env: { ...PRODUCTION, TEAMS_APP_CATALOG_ID: "../me" }, setting: "TEAMS_APP_CATALOG_ID" },
    { name: "a flag that is not true or false", env: { ...PRODUCTION, GRAPH_PROACTIVE_INSTALL: "yes" }, setting: "GRAPH_PROACTIVE_INSTALL" },
  ];
  for (const { name, env, setting } of refusals) {
    it(`refuses ${name}, naming ${setting}`, () => {
      expect(refusal(env)).to.deep.equal([setting]);
    });
  }

  it("accepts a plain-HTTP Graph stand-in on loopback", () => {
    expect(loadConfig({ ...PRODUCTION, GRAPH_BASE_URL: "http://127.0.0.1:8123" }).graph.baseUrl).to.equal("http://127.0.0.1:8123");
  });

  it("asks for a token for the Graph it calls", () => {
    expect(graphScope("https://graph.microsoft.com")).to.equal("https://graph.microsoft.com/.default");
    expect(graphScope("http://127.0.0.1:8123")).to.equal("http://127.0.0.1:8123/.default");
  });

  it("signs in with the app's secret, or with its managed identity for UserAssignedMSI, once per tenant", () => {
    const secret = botCredentialFor({ id: APP_ID, password: "app-secret", type: "MultiTenant", tenantId: undefined });
    const managed = botCredentialFor({ id: APP_ID, password: undefined, type: "UserAssignedMSI", tenantId: TENANT });

    expect(secret(TENANT)).to.be.instanceOf(ClientSecretCredential);
    expect(secret(TENANT)).to.equal(secret(TENANT));
    expect(secret("another-tenant")).not.to.equal(secret(TENANT));
    expect(managed(TENANT)).to.be.instanceOf(ManagedIdentityCredential);
  });
});
