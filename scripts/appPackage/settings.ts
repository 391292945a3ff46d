import { z } from "zod";

/**
 * What the packager needs, validated like bot/config.ts does for the bot. It is a schema of its own because packaging
 * happens on an admin's machine that holds none of the bot's secrets: the bot's schema would refuse to load there
 * (e.g. MicrosoftAppPassword missing), and the bot never needs TEAMS_APP_ID or PUBLIC_BASE_URL at run time.
 */
export interface PackageSettings {
  readonly teamsAppId: string;
  readonly botAppId: string;
  /** Origin only, no trailing slash, e.g. https://benefits.example.com */
  readonly publicBaseUrl: string;
  readonly publicHost: string;
  readonly privacyUrl: string;
  readonly termsUrl: string;
}

export class PackageSettingsError extends Error {
  constructor(readonly settings: readonly string[], details: readonly string[]) {
    super(`Cannot package the Teams app (${settings.join(", ")}): ${details.join("; ")}`);
    this.name = "PackageSettingsError";
  }
}

const blankIsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const guid = z.preprocess(
  blankIsUnset,
  z
    .string({ error: "is required" })
    .trim()
    .regex(/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, "must be a GUID like 00000000-0000-0000-0000-000000000000"),
);

const httpsUrl = z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: "must be an https:// URL with a domain name" });

const optionalHttpsUrl = z.preprocess(blankIsUnset, httpsUrl.optional());

const publicBaseUrl = z.preprocess(
  blankIsUnset,
  z
    .string({ error: "is required" })
    .trim()
    .pipe(httpsUrl)
    .transform((text) => new URL(text))
    .refine((url) => (url.pathname === "/" || url.pathname === "") && url.search === "" && url.hash === "" && url.username === "", {
      error: "must be the bot's origin only (https://host), with no path, query or credentials",
    }),
);

const settingsSchema = z.object({
  TEAMS_APP_ID: guid,
  MicrosoftAppId: guid,
  PUBLIC_BASE_URL: publicBaseUrl,
  TEAMS_PRIVACY_URL: optionalHttpsUrl,
  TEAMS_TERMS_URL: optionalHttpsUrl,
});

/** Every environment variable the packager reads. */
export const PACKAGE_SETTING_NAMES = Object.keys(settingsSchema.shape);

export function loadPackageSettings(env: Readonly<Record<string, string | undefined>>): PackageSettings {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => String(issue.path[0] ?? "environment"));
    const details = parsed.error.issues.map((issue) => `${String(issue.path[0] ?? "environment")} ${issue.message}`);
    throw new PackageSettingsError([...new Set(names)], [...new Set(details)]);
  }
  const { TEAMS_APP_ID, MicrosoftAppId, PUBLIC_BASE_URL, TEAMS_PRIVACY_URL, TEAMS_TERMS_URL } = parsed.data;
  const origin = PUBLIC_BASE_URL.origin;
  return {
    teamsAppId: TEAMS_APP_ID.toLowerCase(),
    botAppId: MicrosoftAppId.toLowerCase(),
    publicBaseUrl: origin,
    publicHost: PUBLIC_BASE_URL.host,
    privacyUrl: TEAMS_PRIVACY_URL ?? origin,
    termsUrl: TEAMS_TERMS_URL ?? origin,
  };
}
