import { existsSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import { idSchema, tenantIdSchema } from "../benefits/types";

export const APP_TYPES = ["MultiTenant", "SingleTenant", "UserAssignedMSI"] as const;
export type AppType = (typeof APP_TYPES)[number];

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface BootstrapAdmin {
  readonly tenantId: string;
  readonly userId: string;
}

export type CosmosConfig =
  | { readonly kind: "embedded"; readonly database: string }
  | { readonly kind: "accountKey"; readonly endpoint: string; readonly key: string; readonly database: string }
  | { readonly kind: "managedIdentity"; readonly endpoint: string; readonly database: string };

/** botbuilder's own setting names; overriding them serves sovereign clouds, and lets tests serve the keys on loopback. */
export interface TokenValidationConfig {
  readonly channelOpenIdMetadataUrl: string | undefined;
  readonly emulatorOpenIdMetadataUrl: string | undefined;
  readonly channelTokenIssuer: string | undefined;
}

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Explicit opt-in to anonymous Bot Framework traffic, on loopback only. */
  readonly localMode: boolean;
  readonly microsoftApp: {
    /** Empty only in local mode: CloudAdapter then accepts unsigned requests. */
    readonly id: string;
    readonly password: string | undefined;
    readonly type: AppType;
    readonly tenantId: string | undefined;
  };
  /** Where botbuilder finds the keys that sign incoming tokens; undefined keeps botbuilder's public-cloud defaults. */
  readonly tokenValidation: TokenValidationConfig;
  readonly cosmos: CosmosConfig;
  readonly bootstrapAdmins: readonly BootstrapAdmin[];
  /** Empty means every tenant is served. */
  readonly allowedTenants: readonly string[];
  readonly eventsSecret: string | undefined;
  readonly schedulerIntervalMs: number;
  /** 0 means off; never on outside local mode. */
  readonly demoAutoActivateMs: number;
  readonly demoSeed: boolean;
  /** Where export links point (https outside local mode); undefined in local mode means the bot's own address. */
  readonly publicBaseUrl: string | undefined;
  readonly logLevel: LogLevel;
  /** Where `npm start` runs the Agents Playground; the bot itself never listens there. */
  readonly playgroundPort: number;
  /** Installing the app for a person through Microsoft Graph when Teams will not open a chat with them. */
  readonly graph: {
    readonly baseUrl: string;
    readonly proactiveInstall: false | { readonly catalogAppId: string };
  };
}

export class ConfigError extends Error {
  constructor(readonly settings: readonly string[], details: readonly string[]) {
    super(`Invalid configuration (${settings.join(", ")}): ${details.join("; ")}`);
    this.name = "ConfigError";
  }
}

const DEFAULT_PORT = 3978;
const DEFAULT_DATABASE = "benefits-bot";
const DEFAULT_SCHEDULER_INTERVAL_MS = 60_000;
// Short enough that a newcomer sees the demo activation card seconds after the offer goes pending.
const DEFAULT_LOCAL_SCHEDULER_INTERVAL_MS = 5_000;
const DEFAULT_PLAYGROUND_PORT = 56150;
const DEFAULT_GRAPH_BASE_URL = "https://graph.microsoft.com";
const MIN_EVENTS_SECRET_LENGTH = 32;

// `KEY=` in an .env file means "not set", not "set to nothing".
const optionalText = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  z.string().trim().optional(),
);

const flag = optionalText.pipe(z.enum(["true", "false"], { error: 'must be "true" or "false"' }).optional());

const integerText = (min: number, max: number) =>
  optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, "must be a whole number")
      .transform(Number)
      .pipe(z.number().int().min(min).max(max))
      .optional(),
  );

// Signing keys decide who may talk to the bot: fetched over https, or over http from this very machine.
const metadataUrl = optionalText.pipe(
  z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .refine(isHttpsOrLoopback, "must be https (http only on loopback)")
    .optional(),
);

const commaList = optionalText.transform((value) =>
  (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== ""),
);

const bootstrapAdmin = z.string().transform((entry, context): BootstrapAdmin => {
  const separator = entry.indexOf(":");
  const tenantId = tenantIdSchema.safeParse(entry.slice(0, separator));
  const userId = idSchema.safeParse(entry.slice(separator + 1));
  if (separator < 1 || !tenantId.success || !userId.success) {
    context.addIssue({ code: "custom", message: "each entry must be tenantId:aadObjectId" });
    return z.NEVER;
  }
  return { tenantId: tenantId.data, userId: userId.data };
});

const settingsSchema = z.object({
  PORT: integerText(0, 65_535),
  HOST: optionalText,
  LOCAL_MODE: flag,
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: optionalText.pipe(z.enum(APP_TYPES, { error: `must be one of ${APP_TYPES.join(", ")}` }).optional()),
  MicrosoftAppTenantId: optionalText.pipe(tenantIdSchema.optional()),
  ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
  ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
  ToBotFromChannelTokenIssuer: optionalText.pipe(z.string().max(500).optional()),
  COSMOS_ENDPOINT: optionalText.pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional()),
  COSMOS_KEY: optionalText,
  COSMOS_DATABASE: optionalText.pipe(z.string().max(255).regex(/^[^/\\#?]+$/, "must not contain / \\ # ?").optional()),
  BOOTSTRAP_ADMINS: commaList.pipe(z.array(bootstrapAdmin)),
  ALLOWED_TENANTS: commaList.pipe(z.array(tenantIdSchema)),
  EVENTS_SECRET: optionalText.pipe(z.string().min(MIN_EVENTS_SECRET_LENGTH, `must be at least ${MIN_EVENTS_SECRET_LENGTH} characters`).optional()),
  SCHEDULER_INTERVAL_MS: integerText(1_000, 86_400_000),
  DEMO_AUTO_ACTIVATE_MS: integerText(0, 86_400_000),
  DEMO_SEED: flag,
  PUBLIC_BASE_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional()),
  LOG_LEVEL: optionalText.pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).optional()),
  PLAYGROUND_PORT: integerText(1, 65_535),
  GRAPH_PROACTIVE_INSTALL: flag,
  TEAMS_APP_CATALOG_ID: optionalText.pipe(z.string().max(128).regex(/^[A-Za-z0-9-]+$/, "must be the app's catalog id (letters, digits, -)").optional()),
  GRAPH_BASE_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional()),
});

/** Every environment variable the bot reads. */
export const SETTING_NAMES = Object.keys(settingsSchema.shape);

const environmentSchema = settingsSchema
  .superRefine((env, context) => {
    const refuse = (setting: string, message: string) => context.addIssue({ code: "custom", path: [setting], message });
    const localMode = env.LOCAL_MODE === "true";
    const appType = env.MicrosoftAppType ?? "MultiTenant";

    if (localMode && env.HOST !== undefined && !isLoopback(env.HOST)) {
      refuse("HOST", "local mode accepts unsigned requests, so it must listen on loopback only");
    }
    if (!localMode && env.MicrosoftAppId === undefined) {
      refuse("MicrosoftAppId", 'required unless LOCAL_MODE is "true": without it every unsigned request is accepted');
    }
    if (env.MicrosoftAppId === undefined && env.MicrosoftAppPassword !== undefined) {
      refuse("MicrosoftAppId", "required when MicrosoftAppPassword is set");
    }
    if (appType === "UserAssignedMSI" && env.MicrosoftAppPassword !== undefined) {
      refuse("MicrosoftAppPassword", "must not be set for UserAssignedMSI");
    }
    const passwordNeeded = appType !== "UserAssignedMSI" && (!localMode || env.MicrosoftAppId !== undefined);
    if (passwordNeeded && env.MicrosoftAppPassword === undefined) {
      refuse("MicrosoftAppPassword", `required for ${appType} apps`);
    }
    if (appType !== "MultiTenant" && env.MicrosoftAppTenantId === undefined) {
      refuse("MicrosoftAppTenantId", `required for ${appType}`);
    }
    if (env.COSMOS_KEY !== undefined && env.COSMOS_ENDPOINT === undefined) {
      refuse("COSMOS_KEY", "set without COSMOS_ENDPOINT");
    }
    if (!localMode && (env.DEMO_AUTO_ACTIVATE_MS ?? 0) > 0) {
      refuse("DEMO_AUTO_ACTIVATE_MS", "only allowed in local mode");
    }
    if (env.GRAPH_BASE_URL !== undefined) {
      const graphUrl = new URL(env.GRAPH_BASE_URL);
      // The bot's Graph token goes in every request: never over plain HTTP, except to a stand-in on this machine.
      if (graphUrl.protocol !== "https:" && !isLoopback(graphUrl.hostname)) refuse("GRAPH_BASE_URL", "must be https (http only on loopback)");
      if (graphUrl.pathname !== "/" || graphUrl.search !== "") refuse("GRAPH_BASE_URL", "must be an origin without a path, e.g. https://graph.microsoft.com");
    }
    if (env.GRAPH_PROACTIVE_INSTALL === "true") {
      if (env.TEAMS_APP_CATALOG_ID === undefined) refuse("TEAMS_APP_CATALOG_ID", "required when GRAPH_PROACTIVE_INSTALL is true");
      if (env.MicrosoftAppId === undefined) refuse("GRAPH_PROACTIVE_INSTALL", "needs the bot's own identity (MicrosoftAppId) to sign in to Graph");
    }
    if (!localMode && env.PUBLIC_BASE_URL !== undefined && !env.PUBLIC_BASE_URL.startsWith("https://")) {
      refuse("PUBLIC_BASE_URL", "must be an https URL outside local mode: export links carry their own credential");
    }
    const allowed = new Set(env.ALLOWED_TENANTS);
    if (allowed.size > 0 && env.BOOTSTRAP_ADMINS.some((admin) => !allowed.has(admin.tenantId))) {
      refuse("BOOTSTRAP_ADMINS", "names a tenant missing from ALLOWED_TENANTS");
    }
  })
  .transform((env): Config => {
    const localMode = env.LOCAL_MODE === "true";
    const database = env.COSMOS_DATABASE ?? DEFAULT_DATABASE;
    const cosmos = cosmosConfig(env.COSMOS_ENDPOINT, env.COSMOS_KEY, database);
    return {
      port: env.PORT ?? DEFAULT_PORT,
      host: env.HOST ?? (localMode ? "127.0.0.1" : "0.0.0.0"),
      localMode,
      microsoftApp: {
        id: env.MicrosoftAppId ?? "",
        password: env.MicrosoftAppPassword,
        type: env.MicrosoftAppType ?? "MultiTenant",
        tenantId: env.MicrosoftAppTenantId,
      },
      tokenValidation: {
        channelOpenIdMetadataUrl: env.ToBotFromChannelOpenIdMetadataUrl,
        emulatorOpenIdMetadataUrl: env.ToBotFromEmulatorOpenIdMetadataUrl,
        channelTokenIssuer: env.ToBotFromChannelTokenIssuer,
      },
      cosmos,
      bootstrapAdmins: env.BOOTSTRAP_ADMINS,
      allowedTenants: [...new Set(env.ALLOWED_TENANTS)],
      eventsSecret: env.EVENTS_SECRET,
      schedulerIntervalMs: env.SCHEDULER_INTERVAL_MS ?? (localMode ? DEFAULT_LOCAL_SCHEDULER_INTERVAL_MS : DEFAULT_SCHEDULER_INTERVAL_MS),
      demoAutoActivateMs: env.DEMO_AUTO_ACTIVATE_MS ?? 0,
      demoSeed: env.DEMO_SEED === undefined ? cosmos.kind === "embedded" : env.DEMO_SEED === "true",
      publicBaseUrl: env.PUBLIC_BASE_URL?.replace(/\/+$/, ""),
      logLevel: env.LOG_LEVEL ?? "info",
      playgroundPort: env.PLAYGROUND_PORT ?? DEFAULT_PLAYGROUND_PORT,
      graph: {
        baseUrl: env.GRAPH_BASE_URL === undefined ? DEFAULT_GRAPH_BASE_URL : new URL(env.GRAPH_BASE_URL).origin,
        proactiveInstall: env.GRAPH_PROACTIVE_INSTALL === "true" && env.TEAMS_APP_CATALOG_ID !== undefined ? { catalogAppId: env.TEAMS_APP_CATALOG_ID } : false,
      },
    };
  });

function cosmosConfig(endpoint: string | undefined, key: string | undefined, database: string): CosmosConfig {
  if (endpoint === undefined) return { kind: "embedded", database };
  if (key === undefined) return { kind: "managedIdentity", endpoint, database };
  return { kind: "accountKey", endpoint, key, database };
}

function isHttpsOrLoopback(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return url.protocol === "https:" || isLoopback(url.hostname);
}

/**
 * Where export links point: PUBLIC_BASE_URL, else in local mode the bot's own address (`ownUrl`, known once it
 * listens); undefined outside local mode without the setting, and the export command then says it is missing.
 */
export function exportLinkBase(config: Pick<Config, "publicBaseUrl" | "localMode">, ownUrl: string | undefined): string | undefined {
  return config.publicBaseUrl ?? (config.localMode ? ownUrl : undefined);
}

export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (bare === "localhost" || bare === "::1") return true;
  return isIP(bare) === 4 && bare.startsWith("127.");
}

export function loadConfig(env: Readonly<Record<string, string | undefined>>): Readonly<Config> {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const settings = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? "environment")))];
    const details = parsed.error.issues.map((issue) => `${String(issue.path[0] ?? "environment")}: ${issue.message}`);
    throw new ConfigError(settings, details);
  }
  return deepFreeze(parsed.data);
}

const storageSettingsSchema = settingsSchema.pick({ COSMOS_ENDPOINT: true, COSMOS_KEY: true, COSMOS_DATABASE: true });

/** Only the Cosmos DB settings, for tools that reach the store without running the bot (npm run import). */
export function loadStorageConfig(env: Readonly<Record<string, string | undefined>>): CosmosConfig {
  const parsed = storageSettingsSchema.safeParse(env);
  if (!parsed.success) {
    const settings = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? "environment")))];
    throw new ConfigError(settings, parsed.error.issues.map((issue) => `${String(issue.path[0] ?? "environment")}: ${issue.message}`));
  }
  return cosmosConfig(parsed.data.COSMOS_ENDPOINT, parsed.data.COSMOS_KEY, parsed.data.COSMOS_DATABASE ?? DEFAULT_DATABASE);
}

/** The one reader of process.env in the project; reads `.env` from the working directory first when there is one. */
export function loadConfigFromProcess(): Readonly<Config> {
  loadEnvFileIfPresent(path.resolve(".env"));
  return loadConfig(process.env);
}

/**
 * Adds the file's variables to process.env. A variable already set (by the shell, the host, a test) keeps its value:
 * process.loadEnvFile never overrides, so a deployment's settings always win over a forgotten local file.
 */
export function loadEnvFileIfPresent(file: string): boolean {
  if (!existsSync(file)) return false;
  process.loadEnvFile(file);
  return true;
}

export function loadStorageConfigFromProcess(): CosmosConfig {
  loadEnvFileIfPresent(path.resolve(".env"));
  return loadStorageConfig(process.env);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const property of Object.values(value)) deepFreeze(property);
  }
  return value;
}
