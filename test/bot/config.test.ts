import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { ConfigError, SETTING_NAMES, exportLinkBase, isLoopback, loadConfig, loadEnvFileIfPresent } from "../../bot/config";
import { PACKAGE_SETTING_NAMES } from "../../scripts/appPackage/settings";

const APP_ID = "11111111-2222-4333-8444-555555555555";
const TENANT = "5f1d6c9e-7a43-4a8e-9b1c-0d2e3f4a5b6c";
const OTHER_TENANT = "0a0b0c0d-1111-4222-8333-444455556666";
const SECRET_32 = "s".repeat(32);
const PRODUCTION = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: "app-secret" };
const LOCAL = { LOCAL_MODE: "true" };

describe("bot/config", () => {
  describe("loadConfig defaults", () => {
    it("listens on loopback port 3978 with the embedded store, demo seed on and everything optional off when in local mode", () => {
      const config = loadConfig(LOCAL);

      expect(config).to.deep.equal({
        port: 3978,
        host: "127.0.0.1",
        localMode: true,
        microsoftApp: { id: "", password: undefined, type: "MultiTenant", tenantId: undefined },
        tokenValidation: { channelOpenIdMetadataUrl: undefined, emulatorOpenIdMetadataUrl: undefined, channelTokenIssuer: undefined },
        cosmos: { kind: "embedded", database: "benefits-bot" },
        bootstrapAdmins: [],
        allowedTenants: [],
        eventsSecret: undefined,
        schedulerIntervalMs: 5_000,
        demoAutoActivateMs: 0,
        demoSeed: true,
        publicBaseUrl: undefined,
        logLevel: "info",
        playgroundPort: 56150,
        graph: { baseUrl: "https://graph.microsoft.com", proactiveInstall: false },
      });
    });

    it("refuses a plain-http PUBLIC_BASE_URL outside local mode and accepts it in local mode", () => {
      expect(() => loadConfig({ ...PRODUCTION, PUBLIC_BASE_URL: "http://bot.contoso.example" })).to.throw(ConfigError, "PUBLIC_BASE_URL");
      expect(loadConfig({ ...PRODUCTION, PUBLIC_BASE_URL: "https://bot.contoso.example/" }).publicBaseUrl).to.equal("https://bot.contoso.example");
      expect(loadConfig({ ...LOCAL, PUBLIC_BASE_URL: "http://127.0.0.1:3978" }).publicBaseUrl).to.equal("http://127.0.0.1:3978");
    });

    it("points export links at PUBLIC_BASE_URL, in local mode by default at the bot's own address, else nowhere", () => {
      const own = "http://127.0.0.1:40001";
      expect(exportLinkBase(loadConfig(LOCAL), own)).to.equal(own);
      expect(exportLinkBase(loadConfig({ ...LOCAL, PUBLIC_BASE_URL: "https://tunnel.contoso.example" }), own)).to.equal("https://tunnel.contoso.example");
      expect(exportLinkBase(loadConfig({ ...PRODUCTION, PUBLIC_BASE_URL: "https://bot.contoso.example" }), own)).to.equal("https://bot.contoso.example");
      expect(exportLinkBase(loadConfig(PRODUCTION), own)).to.equal(undefined);
    });

    it("listens on all interfaces and ticks the scheduler every minute when not in local mode", () => {
      expect(loadConfig(PRODUCTION)).to.include({ host: "0.0.0.0", localMode: false, port: 3978, schedulerIntervalMs: 60_000 });
    });

    it("uses managed identity and no demo seed when an endpoint comes without a key", () => {
      const config = loadConfig({ ...PRODUCTION, COSMOS_ENDPOINT: "https://acct.documents.azure.com:443/" });

      expect(config.cosmos).to.deep.equal({ kind: "managedIdentity", endpoint: "https://acct.documents.azure.com:443/", database: "benefits-bot" });
      expect(config.demoSeed).to.equal(false);
    });

    it("uses the account key when both endpoint and key are set", () => {
      const config = loadConfig({ ...PRODUCTION, COSMOS_ENDPOINT: "https://acct.documents.azure.com/", COSMOS_KEY: "key==", COSMOS_DATABASE: "prod" });

      expect(config.cosmos).to.deep.equal({ kind: "accountKey", endpoint: "https://acct.documents.azure.com/", key: "key==", database: "prod" });
    });

    it("treats empty and blank values as unset when the .env file has `KEY=`", () => {
      const config = loadConfig({ ...LOCAL, PORT: "", HOST: " ", MicrosoftAppId: "", COSMOS_ENDPOINT: "", ALLOWED_TENANTS: "" });

      expect(config).to.include({ port: 3978, host: "127.0.0.1" });
      expect(config.microsoftApp.id).to.equal("");
      expect(config.cosmos.kind).to.equal("embedded");
      expect(config.allowedTenants).to.deep.equal([]);
    });
  });

  describe("loadConfig parsing", () => {
    it("reads every setting when all are given", () => {
      const config = loadConfig({
        PORT: "8080",
        HOST: "10.0.0.4",
        LOCAL_MODE: "false",
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: "app-secret",
        MicrosoftAppType: "SingleTenant",
        MicrosoftAppTenantId: TENANT,
        BOOTSTRAP_ADMINS: ` ${TENANT}:a1a1a1a1-0000-4000-8000-000000000001 ,${OTHER_TENANT}:user-2,`,
        ALLOWED_TENANTS: `${TENANT}, ${OTHER_TENANT}, ${TENANT}`,
        EVENTS_SECRET: SECRET_32,
        SCHEDULER_INTERVAL_MS: "5000",
        DEMO_SEED: "false",
        LOG_LEVEL: "debug",
        PLAYGROUND_PORT: "56200",
      });

      expect(config).to.deep.include({
        port: 8080,
        host: "10.0.0.4",
        microsoftApp: { id: APP_ID, password: "app-secret", type: "SingleTenant", tenantId: TENANT },
        bootstrapAdmins: [
          { tenantId: TENANT, userId: "a1a1a1a1-0000-4000-8000-000000000001" },
          { tenantId: OTHER_TENANT, userId: "user-2" },
        ],
        allowedTenants: [TENANT, OTHER_TENANT],
        eventsSecret: SECRET_32,
        schedulerIntervalMs: 5000,
        demoSeed: false,
        logLevel: "debug",
        playgroundPort: 56200,
      });
    });

    it("reads where the token signing keys are published, https or http on loopback", () => {
      const config = loadConfig({
        ...PRODUCTION,
        ToBotFromChannelOpenIdMetadataUrl: "http://127.0.0.1:4000/channel/openid",
        ToBotFromEmulatorOpenIdMetadataUrl: "https://login.example/v2.0/.well-known/openid-configuration",
        ToBotFromChannelTokenIssuer: "https://api.botframework.us",
      });

      expect(config.tokenValidation).to.deep.equal({
        channelOpenIdMetadataUrl: "http://127.0.0.1:4000/channel/openid",
        emulatorOpenIdMetadataUrl: "https://login.example/v2.0/.well-known/openid-configuration",
        channelTokenIssuer: "https://api.botframework.us",
      });
    });

    it("accepts a managed identity without a password", () => {
      const config = loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppType: "UserAssignedMSI", MicrosoftAppTenantId: TENANT });

      expect(config.microsoftApp).to.deep.equal({ id: APP_ID, password: undefined, type: "UserAssignedMSI", tenantId: TENANT });
    });

    it("accepts demo auto-activation and a loopback host when in local mode", () => {
      expect(loadConfig({ ...LOCAL, DEMO_AUTO_ACTIVATE_MS: "30000", HOST: "localhost" })).to.include({ demoAutoActivateMs: 30_000, host: "localhost" });
    });

    it("returns a deeply frozen object", () => {
      const config = loadConfig({ ...LOCAL, ALLOWED_TENANTS: TENANT });

      expect(Object.isFrozen(config)).to.equal(true);
      expect(Object.isFrozen(config.microsoftApp)).to.equal(true);
      expect(Object.isFrozen(config.cosmos)).to.equal(true);
      expect(Object.isFrozen(config.allowedTenants)).to.equal(true);
    });
  });

  describe("loadConfig refusals", () => {
    const refusals: { when: string; env: Record<string, string>; settings: string[] }[] = [
      { when: "MicrosoftAppId and its password are missing outside local mode", env: {}, settings: ["MicrosoftAppId", "MicrosoftAppPassword"] },
      { when: "LOCAL_MODE is explicitly false without an app id", env: { LOCAL_MODE: "false" }, settings: ["MicrosoftAppId", "MicrosoftAppPassword"] },
      { when: "the password is missing outside local mode", env: { MicrosoftAppId: APP_ID }, settings: ["MicrosoftAppPassword"] },
      { when: "an app id comes without its password in local mode", env: { ...LOCAL, MicrosoftAppId: APP_ID }, settings: ["MicrosoftAppPassword"] },
      { when: "a password comes without an app id", env: { ...LOCAL, MicrosoftAppPassword: "p" }, settings: ["MicrosoftAppId"] },
      { when: "a managed identity is given a password", env: { ...PRODUCTION, MicrosoftAppType: "UserAssignedMSI", MicrosoftAppTenantId: TENANT }, settings: ["MicrosoftAppPassword"] },
      { when: "SingleTenant has no tenant id", env: { ...PRODUCTION, MicrosoftAppType: "SingleTenant" }, settings: ["MicrosoftAppTenantId"] },
      { when: "UserAssignedMSI has no tenant id", env: { MicrosoftAppId: APP_ID, MicrosoftAppType: "UserAssignedMSI" }, settings: ["MicrosoftAppTenantId"] },
      { when: "the app type is unknown", env: { ...PRODUCTION, MicrosoftAppType: "Anonymous" }, settings: ["MicrosoftAppType"] },
      { when: "the app tenant id is malformed", env: { ...PRODUCTION, MicrosoftAppTenantId: "not/a/tenant" }, settings: ["MicrosoftAppTenantId"] },
      { when: "local mode listens on all interfaces", env: { ...LOCAL, HOST: "0.0.0.0" }, settings: ["HOST"] },
      { when: "local mode listens on a LAN address", env: { ...LOCAL, HOST: "192.168.1.10" }, settings: ["HOST"] },
      { when: "local mode listens on all IPv6 interfaces", env: { ...LOCAL, HOST: "::" }, settings: ["HOST"] },
      { when: "LOCAL_MODE is neither true nor false", env: { LOCAL_MODE: "yes" }, settings: ["LOCAL_MODE"] },
      { when: "PORT is not a number", env: { ...LOCAL, PORT: "http" }, settings: ["PORT"] },
      { when: "PORT is out of range", env: { ...LOCAL, PORT: "70000" }, settings: ["PORT"] },
      { when: "PORT is negative", env: { ...LOCAL, PORT: "-1" }, settings: ["PORT"] },
      { when: "COSMOS_ENDPOINT is not a URL", env: { ...LOCAL, COSMOS_ENDPOINT: "acct.documents.azure.com" }, settings: ["COSMOS_ENDPOINT"] },
      { when: "COSMOS_ENDPOINT is not http(s)", env: { ...LOCAL, COSMOS_ENDPOINT: "ftp://acct.example" }, settings: ["COSMOS_ENDPOINT"] },
      { when: "COSMOS_KEY comes without an endpoint", env: { ...LOCAL, COSMOS_KEY: "key==" }, settings: ["COSMOS_KEY"] },
      { when: "COSMOS_DATABASE holds a slash", env: { ...LOCAL, COSMOS_DATABASE: "a/b" }, settings: ["COSMOS_DATABASE"] },
      { when: "a BOOTSTRAP_ADMINS entry has no colon", env: { ...LOCAL, BOOTSTRAP_ADMINS: TENANT }, settings: ["BOOTSTRAP_ADMINS"] },
      { when: "a BOOTSTRAP_ADMINS entry has no tenant", env: { ...LOCAL, BOOTSTRAP_ADMINS: ":user-1" }, settings: ["BOOTSTRAP_ADMINS"] },
      { when: "a BOOTSTRAP_ADMINS entry has a malformed user id", env: { ...LOCAL, BOOTSTRAP_ADMINS: `${TENANT}:bad user` }, settings: ["BOOTSTRAP_ADMINS"] },
      { when: "a bootstrap admin's tenant is not allowed", env: { ...LOCAL, ALLOWED_TENANTS: OTHER_TENANT, BOOTSTRAP_ADMINS: `${TENANT}:user-1` }, settings: ["BOOTSTRAP_ADMINS"] },
      { when: "an ALLOWED_TENANTS entry is malformed", env: { ...LOCAL, ALLOWED_TENANTS: `${TENANT},../etc` }, settings: ["ALLOWED_TENANTS"] },
      { when: "EVENTS_SECRET is shorter than 32 characters", env: { ...LOCAL, EVENTS_SECRET: "s".repeat(31) }, settings: ["EVENTS_SECRET"] },
      { when: "SCHEDULER_INTERVAL_MS is below a second", env: { ...LOCAL, SCHEDULER_INTERVAL_MS: "10" }, settings: ["SCHEDULER_INTERVAL_MS"] },
      { when: "SCHEDULER_INTERVAL_MS is not a whole number", env: { ...LOCAL, SCHEDULER_INTERVAL_MS: "1.5" }, settings: ["SCHEDULER_INTERVAL_MS"] },
      { when: "LOG_LEVEL is not a pino level", env: { ...LOCAL, LOG_LEVEL: "verbose" }, settings: ["LOG_LEVEL"] },
      { when: "PLAYGROUND_PORT is out of range", env: { ...LOCAL, PLAYGROUND_PORT: "70000" }, settings: ["PLAYGROUND_PORT"] },
      { when: "DEMO_AUTO_ACTIVATE_MS is set outside local mode", env: { ...PRODUCTION, DEMO_AUTO_ACTIVATE_MS: "1000" }, settings: ["DEMO_AUTO_ACTIVATE_MS"] },
      { when: "the channel's signing metadata is fetched over plain http off loopback", env: { ...PRODUCTION, ToBotFromChannelOpenIdMetadataUrl: "http://login.example/openid" }, settings: ["ToBotFromChannelOpenIdMetadataUrl"] },
      { when: "the Emulator's signing metadata URL is not a URL", env: { ...PRODUCTION, ToBotFromEmulatorOpenIdMetadataUrl: "login.example" }, settings: ["ToBotFromEmulatorOpenIdMetadataUrl"] },
      { when: "DEMO_SEED is neither true nor false", env: { ...LOCAL, DEMO_SEED: "1" }, settings: ["DEMO_SEED"] },
    ];
    for (const { when, env, settings } of refusals) {
      it(`throws a ConfigError naming ${settings.join(" and ")} when ${when}`, () => {
        const error = captureError(() => loadConfig(env));

        expect(error).to.be.instanceOf(ConfigError);
        if (!(error instanceof ConfigError)) return;
        expect(error.settings).to.have.members(settings);
        for (const setting of settings) expect(error.message).to.contain(setting);
      });
    }

    it("never puts a secret's value in the error message", () => {
      const error = captureError(() => loadConfig({ ...LOCAL, MicrosoftAppPassword: "hunter2-password", EVENTS_SECRET: "short-secret" }));

      expect(String(error)).not.to.contain("hunter2-password");
      expect(String(error)).not.to.contain("short-secret");
    });
  });

  describe(".env.example", () => {
    const lines = readFileSync(path.resolve(__dirname, "../../.env.example"), "utf8").split("\n");
    const documented = lines.filter((line) => /^[A-Za-z_]+=/.test(line)).map((line) => line.slice(0, line.indexOf("=")));

    it("lists exactly the settings the bot's and the packager's schemas read", () => {
      expect(documented).to.have.members([...new Set([...SETTING_NAMES, ...PACKAGE_SETTING_NAMES])]);
    });

    it("puts a comment line above every setting", () => {
      for (const name of documented) {
        const index = lines.findIndex((line) => line.startsWith(`${name}=`));
        expect(lines[index - 1], name).to.match(/^# \S/);
      }
    });
  });

  describe("loadEnvFileIfPresent", () => {
    // Names of this test's own, so that nothing else in the process reads them.
    const PRESET = `BENEFITS_TEST_PRESET_${process.pid}`;
    const FROM_FILE = `BENEFITS_TEST_FROM_FILE_${process.pid}`;
    let directory: string;

    beforeEach(() => {
      directory = mkdtempSync(path.join(tmpdir(), "benefits-env-"));
    });

    afterEach(() => {
      delete process.env[PRESET];
      delete process.env[FROM_FILE];
      rmSync(directory, { recursive: true, force: true });
    });

    it("adds the file's variables and keeps the value of a variable already set when .env is present", () => {
      const file = path.join(directory, ".env");
      writeFileSync(file, `# a comment\n${PRESET}=from-file\n${FROM_FILE}="quoted value"\n`);
      process.env[PRESET] = "from-environment";

      expect(loadEnvFileIfPresent(file)).to.equal(true);

      expect(process.env[PRESET]).to.equal("from-environment");
      expect(process.env[FROM_FILE]).to.equal("quoted value");
    });

    it("changes nothing and says so when there is no .env file", () => {
      expect(loadEnvFileIfPresent(path.join(directory, ".env"))).to.equal(false);

      expect(process.env[FROM_FILE]).to.equal(undefined);
    });
  });

  describe("isLoopback", () => {
    const cases: [string, boolean][] = [
      ["127.0.0.1", true],
      ["127.1.2.3", true],
      ["localhost", true],
      ["::1", true],
      ["[::1]", true],
      ["0.0.0.0", false],
      ["::", false],
      ["127.example.com", false],
      ["10.0.0.1", false],
    ];
    for (const [host, expected] of cases) {
      it(`answers ${String(expected)} when the host is ${host}`, () => {
        expect(isLoopback(host)).to.equal(expected);
      });
    }
  });
});

function captureError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}
