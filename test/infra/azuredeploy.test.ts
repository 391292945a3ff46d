import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { SETTING_NAMES, loadConfig } from "../../bot/config";
import { BOT_STATE_CONTAINER, TENANT_DATA_CONTAINER } from "../../storage/cosmos";
import { IDENTITY_ID, IDENTITY_REFERENCE, TEMPLATE_TEXT, at, exampleParameters, onlyResource, resourcesOfType, stringsIn, template } from "./armTemplate";

// Checked here, not deployed from here: see README "Deploy to Azure".
const API_VERSIONS: Record<string, string> = {
  "Microsoft.ManagedIdentity/userAssignedIdentities": "2023-01-31",
  "Microsoft.Web/serverfarms": "2023-12-01",
  "Microsoft.Web/sites": "2023-12-01",
  "Microsoft.BotService/botServices": "2022-09-15",
  "Microsoft.BotService/botServices/channels": "2022-09-15",
  "Microsoft.DocumentDB/databaseAccounts": "2024-05-15",
  "Microsoft.DocumentDB/databaseAccounts/sqlDatabases": "2024-05-15",
  "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers": "2024-05-15",
  "Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments": "2024-05-15",
  "Microsoft.OperationalInsights/workspaces": "2022-10-01",
  "Microsoft.Insights/components": "2020-02-02",
};

/** Settings the platform or an SDK reads, not bot/config.ts. */
const PLATFORM_SETTINGS: Record<string, string> = {
  AZURE_CLIENT_ID: "@azure/identity's DefaultAzureCredential picks the user-assigned identity by it",
  SCM_DO_BUILD_DURING_DEPLOYMENT: "App Service builds (npm install, npm run build) on deploy",
  APPLICATIONINSIGHTS_CONNECTION_STRING: "App Service's Node.js agent",
  ApplicationInsightsAgent_EXTENSION_VERSION: "App Service's Node.js agent",
};

const site = onlyResource("Microsoft.Web/sites");
const appSettings = at(site, "properties", "siteConfig", "appSettings") as { name: string; value: string }[];
const settingValue = (name: string) => appSettings.find((setting) => setting.name === name)?.value;
const COSMOS_ACCOUNT_ID = "[resourceId('Microsoft.DocumentDB/databaseAccounts', variables('cosmosAccountName'))]";

describe("infra/azuredeploy.json", () => {
  describe("resources", () => {
    it("declares every resource type, each with its expected apiVersion and nothing else", () => {
      const declared = template.resources.map((resource) => [resource.type, resource.apiVersion]);
      expect([...new Set(declared.map(([type]) => type))]).to.have.members(Object.keys(API_VERSIONS));
      for (const [type, apiVersion] of declared) expect(apiVersion, type).to.equal(API_VERSIONS[type ?? ""]);
    });

    it("refers only to parameters and variables it declares, and uses every parameter", () => {
      const used = (kind: string) => [...TEMPLATE_TEXT.matchAll(new RegExp(`${kind}\\('([^']+)'\\)`, "g"))].map((match) => match[1]);
      expect(used("parameters").filter((name) => !(name! in template.parameters))).to.deep.equal([]);
      expect(used("variables").filter((name) => !(name! in template.variables))).to.deep.equal([]);
      expect(Object.keys(template.parameters).filter((name) => !used("parameters").includes(name))).to.deep.equal([]);
    });

    it("depends only on resource types the template itself declares", () => {
      const types = new Set(template.resources.map((resource) => resource.type));
      const dependencies = template.resources.flatMap((resource) => resource.dependsOn ?? []);
      expect(dependencies).not.to.be.empty;
      for (const dependency of dependencies) {
        expect(types.has(/^\[resourceId\('([^']+)'/.exec(dependency)?.[1] ?? ""), dependency).to.equal(true);
      }
    });
  });

  describe("no secrets", () => {
    it("gives no secure parameter a default value", () => {
      const secure = Object.entries(template.parameters).filter(([, parameter]) => parameter.type.startsWith("secure"));
      expect(secure.map(([name]) => name)).to.deep.equal(["eventsSecret"]);
      expect(secure.filter(([, parameter]) => "defaultValue" in parameter).map(([name]) => name)).to.deep.equal([]);
    });

    it("outputs no key, connection string or secure value", () => {
      for (const [name, output] of Object.entries(template.outputs)) {
        expect(name).not.to.match(/key|secret|password|connection/i);
        expect(output.type).to.equal("string");
        expect(String(output.value), name).not.to.match(/list[A-Za-z]*\(|ConnectionString|eventsSecret|primaryMasterKey/i);
      }
    });

    it("lists no key anywhere, so nothing can hand one to the app", () => {
      expect(TEMPLATE_TEXT).not.to.match(/listKeys|listConnectionStrings|listCredentials|primaryMasterKey|COSMOS_KEY|MicrosoftAppPassword/);
    });

    it("keeps secrets out of the parameters example, leaving secure parameters to the command line", () => {
      const secure = Object.keys(template.parameters).filter((name) => template.parameters[name]?.type.startsWith("secure"));
      expect(Object.keys(exampleParameters.parameters).filter((name) => secure.includes(name))).to.deep.equal([]);
      expect(Object.keys(exampleParameters.parameters).filter((name) => !(name in template.parameters))).to.deep.equal([]);
      const required = Object.entries(template.parameters).filter(([name, parameter]) => !("defaultValue" in parameter) && !secure.includes(name));
      expect(required.map(([name]) => name).filter((name) => !(name in exampleParameters.parameters))).to.deep.equal([]);
    });
  });

  describe("the web app", () => {
    it("runs Node 20 on a Linux plan, HTTPS only, TLS 1.2 at least, FTPS off, health checked on /healthz", () => {
      expect(onlyResource("Microsoft.Web/serverfarms")).to.deep.include({ kind: "linux", properties: { reserved: true } });
      expect(site.kind).to.equal("app,linux");
      expect(at(site, "properties", "httpsOnly")).to.equal(true);
      expect(at(site, "properties", "siteConfig")).to.deep.include({
        linuxFxVersion: "NODE|20-lts",
        minTlsVersion: "1.2",
        scmMinTlsVersion: "1.2",
        ftpsState: "Disabled",
        healthCheckPath: "/healthz",
        appCommandLine: "node --disable-warning=DEP0111 --disable-warning=DEP0005 dist/bot/start.js",
        alwaysOn: true,
      });
    });

    it("starts the bot as `npm run start:bot` does after its build: the bundle, with the same Node.js options", () => {
      const packageJson: unknown = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));
      const startBot = at(packageJson, "scripts", "start:bot");
      expect(startBot).to.equal(`npm run build --silent && ${String(at(site, "properties", "siteConfig", "appCommandLine"))}`);
    });

    it("runs as the user-assigned identity, which is also the bot's app id and the Cosmos DB sign-in", () => {
      expect(at(site, "identity")).to.deep.equal({ type: "UserAssigned", userAssignedIdentities: { [IDENTITY_ID]: {} } });
      expect(settingValue("MicrosoftAppType")).to.equal("UserAssignedMSI");
      expect(settingValue("MicrosoftAppId")).to.equal(`[${IDENTITY_REFERENCE}.clientId]`);
      expect(settingValue("AZURE_CLIENT_ID")).to.equal(settingValue("MicrosoftAppId"));
      expect(settingValue("MicrosoftAppTenantId")).to.equal(`[${IDENTITY_REFERENCE}.tenantId]`);
      expect(settingValue("COSMOS_ENDPOINT")).to.match(/databaseAccounts.*\.documentEndpoint\]$/);
    });

    it("sets only settings bot/config.ts reads, or that the platform reads, each once", () => {
      const names = appSettings.map((setting) => setting.name);
      expect(new Set(names).size).to.equal(names.length);
      expect(names.filter((name) => !SETTING_NAMES.includes(name) && !(name in PLATFORM_SETTINGS))).to.deep.equal([]);
      for (const name of ["LOCAL_MODE", "DEMO_AUTO_ACTIVATE_MS", "DEMO_SEED", "COSMOS_KEY", "MicrosoftAppPassword"]) expect(names, name).not.to.include(name);
    });

    it("gives bot/config.ts a production configuration with managed identity for Cosmos DB and the bot", () => {
      // ARM fills the expressions at deployment; here each gets a value of the shape Azure gives it.
      const deployedValues: Record<string, string> = {
        MicrosoftAppId: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
        MicrosoftAppTenantId: "5f1d6c9e-7a43-4a8e-9b1c-0d2e3f4a5b6c",
        AZURE_CLIENT_ID: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
        COSMOS_ENDPOINT: "https://benefits-bot-abc.documents.azure.com:443/",
        COSMOS_DATABASE: "benefits-bot",
        BOOTSTRAP_ADMINS: "5f1d6c9e-7a43-4a8e-9b1c-0d2e3f4a5b6c:a1a1a1a1-0000-4000-8000-000000000001",
        ALLOWED_TENANTS: "5f1d6c9e-7a43-4a8e-9b1c-0d2e3f4a5b6c",
        EVENTS_SECRET: "e".repeat(32),
        APPLICATIONINSIGHTS_CONNECTION_STRING: "",
      };
      const env = Object.fromEntries(appSettings.map(({ name, value }) => [name, value.startsWith("[") ? deployedValues[name] : value]));
      expect(Object.entries(env).filter(([, value]) => value === undefined).map(([name]) => name)).to.deep.equal(["ApplicationInsightsAgent_EXTENSION_VERSION"]);

      const config = loadConfig(env);

      expect(config.localMode).to.equal(false);
      expect(config.microsoftApp).to.deep.include({ type: "UserAssignedMSI", password: undefined });
      expect(config.cosmos.kind).to.equal("managedIdentity");
    });

    it("takes the events secret from its secure parameter, the admins and tenants from theirs", () => {
      expect(settingValue("EVENTS_SECRET")).to.equal("[parameters('eventsSecret')]");
      expect(settingValue("BOOTSTRAP_ADMINS")).to.equal("[parameters('bootstrapAdmins')]");
      expect(settingValue("ALLOWED_TENANTS")).to.equal("[parameters('allowedTenants')]");
      expect(settingValue("COSMOS_DATABASE")).to.equal("[parameters('cosmosDatabaseName')]");
    });
  });

  describe("the Azure Bot", () => {
    const bot = onlyResource("Microsoft.BotService/botServices");

    it("authenticates as the user-assigned identity (no app password) and posts to the site over HTTPS", () => {
      expect(bot).to.deep.include({ location: "global", kind: "azurebot" });
      expect(bot.properties).to.deep.include({
        msaAppType: "UserAssignedMSI",
        msaAppId: `[${IDENTITY_REFERENCE}.clientId]`,
        msaAppMSIResourceId: IDENTITY_ID,
        msaAppTenantId: `[${IDENTITY_REFERENCE}.tenantId]`,
      });
      expect(at(bot, "properties", "endpoint")).to.match(/^\[format\('https:\/\/\{0\}\/api\/messages', reference\(resourceId\('Microsoft\.Web\/sites'/);
    });

    it("has the Microsoft Teams channel enabled", () => {
      const channel = onlyResource("Microsoft.BotService/botServices/channels");
      expect(channel.name).to.match(/\/MsTeamsChannel'/);
      expect(channel.properties).to.deep.include({ channelName: "MsTeamsChannel", properties: { isEnabled: true, enableCalling: false } });
    });
  });

  describe("Cosmos DB", () => {
    const account = onlyResource("Microsoft.DocumentDB/databaseAccounts");

    it("is a NoSQL account with local (key) auth and key-based metadata writes off, TLS 1.2", () => {
      expect(account.kind).to.equal("GlobalDocumentDB");
      expect(account.properties).to.deep.include({ disableLocalAuth: true, disableKeyBasedMetadataWriteAccess: true, minimalTlsVersion: "Tls12" });
      const capabilities = (at(account, "properties", "capabilities") as { name: string }[]).map((capability) => capability.name);
      // Any of these would make it another API than NoSQL.
      expect(capabilities.filter((name) => /Mongo|Cassandra|Gremlin|Table/.test(name))).to.deep.equal([]);
    });

    it("creates the database and both containers with the partition keys storage/ uses", () => {
      expect(at(onlyResource("Microsoft.DocumentDB/databaseAccounts/sqlDatabases"), "properties", "resource")).to.deep.equal({ id: "[parameters('cosmosDatabaseName')]" });
      const containers = resourcesOfType("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers").map((container) => at(container, "properties", "resource"));
      expect(containers).to.deep.equal([
        // defaultTtl -1: TTL on, nothing expires unless it says so (sent notifications carry a ttl of 90 days).
        { id: TENANT_DATA_CONTAINER, partitionKey: { paths: ["/tenantId"], kind: "Hash", version: 2 }, defaultTtl: -1 },
        { id: BOT_STATE_CONTAINER, partitionKey: { paths: ["/id"], kind: "Hash", version: 2 } },
      ]);
    });

    it("grants the identity the Built-in Data Contributor role on the account", () => {
      const assignment = onlyResource("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments");
      expect(template.variables.cosmosDataContributorRoleId).to.equal("00000000-0000-0000-0000-000000000002");
      expect(assignment.properties).to.deep.equal({
        roleDefinitionId: "[resourceId('Microsoft.DocumentDB/databaseAccounts/sqlRoleDefinitions', variables('cosmosAccountName'), variables('cosmosDataContributorRoleId'))]",
        principalId: `[${IDENTITY_REFERENCE}.principalId]`,
        scope: COSMOS_ACCOUNT_ID,
      });
    });

    it("starts the site only once the containers and the role assignment exist (the data-plane role cannot create them)", () => {
      const waitsFor = site.dependsOn ?? [];
      expect(waitsFor.filter((id) => id.includes("/containers'")).length).to.equal(2);
      expect(waitsFor.some((id) => id.includes("sqlRoleAssignments"))).to.equal(true);
    });
  });

  describe("Application Insights", () => {
    it("is optional: both its resources hang on one bool parameter that defaults to off", () => {
      expect(template.parameters.deployApplicationInsights).to.deep.include({ type: "bool", defaultValue: false });
      for (const type of ["Microsoft.OperationalInsights/workspaces", "Microsoft.Insights/components"]) {
        expect(onlyResource(type).condition, type).to.equal("[parameters('deployApplicationInsights')]");
      }
      expect(settingValue("APPLICATIONINSIGHTS_CONNECTION_STRING")).to.match(/^\[if\(parameters\('deployApplicationInsights'\), reference\(/);
    });
  });

  it("outputs what `npm run package` needs: the bot's app id and the public origin", () => {
    expect(Object.keys(template.outputs)).to.include.members(["botAppId", "publicBaseUrl"]);
    expect(template.outputs.botAppId?.value).to.equal(`[${IDENTITY_REFERENCE}.clientId]`);
    expect(stringsIn(template.outputs.publicBaseUrl?.value).join("")).to.match(/^\[format\('https:\/\/\{0\}'/);
  });
});

describe("README Deploy to Azure", () => {
  const readme = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Deploy to Azure"), readme.indexOf("## How it is built"));

  it("deploys this template with parameters it declares, and names the outputs it has", () => {
    expect(section).to.contain("az deployment group create");
    expect(section).to.contain("--template-file infra/azuredeploy.json");
    const passed = [...section.matchAll(/--parameters (\w+)=/g)].map((match) => match[1] ?? "");
    expect(passed).to.deep.equal(["eventsSecret"]);
    for (const name of passed) expect(template.parameters, name).to.have.property(name);
    for (const output of Object.keys(template.outputs)) expect(section, output).to.contain(`\`${output}\``);
  });
});
