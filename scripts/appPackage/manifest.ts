import type { PackageSettings } from "./settings";
import { TEAMS_COMMANDS, type CommandScope, type TeamsCommand } from "./teamsCommands";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Teams' own limit on a commandLists entry. */
export const MAX_COMMANDS_PER_SCOPE = 12;
const SCOPES: readonly CommandScope[] = ["personal", "team", "groupChat"];
const PLACEHOLDER = /\$\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;

export class ManifestTemplateError extends Error {
  override name = "ManifestTemplateError";
}

export interface AppPackageFiles {
  readonly manifest: JsonObject;
  /** file name (as localizationInfo names it) → localization document */
  readonly localizations: ReadonlyMap<string, JsonObject>;
}

/**
 * Fills the committed templates: placeholders `${{NAME}}` inside string values get the settings (so a value can never
 * break the JSON), and the command lists come from TEAMS_COMMANDS. A placeholder without a value is refused.
 */
export function buildAppPackage(
  manifestTemplate: JsonObject,
  localizationTemplates: ReadonlyMap<string, JsonObject>,
  settings: PackageSettings,
  appVersion: string,
  commands: readonly TeamsCommand[] = TEAMS_COMMANDS,
): AppPackageFiles {
  const values: Record<string, string> = {
    APP_VERSION: appVersion,
    TEAMS_APP_ID: settings.teamsAppId,
    MicrosoftAppId: settings.botAppId,
    PUBLIC_BASE_URL: settings.publicBaseUrl,
    PUBLIC_HOST: settings.publicHost,
    TEAMS_PRIVACY_URL: settings.privacyUrl,
    TEAMS_TERMS_URL: settings.termsUrl,
  };
  const manifest = asObject(fill(manifestTemplate, values), "manifest.json");
  const lists = commandLists(commands);
  const bots = manifest.bots;
  if (!Array.isArray(bots) || bots.length !== 1) throw new ManifestTemplateError("manifest.json must declare exactly one bot");
  const bot = asObject(bots[0], "manifest.json bots[0]");
  if ("commandLists" in bot) throw new ManifestTemplateError("manifest.json must not list commands itself: they come from scripts/appPackage/teamsCommands.ts");
  bot.commandLists = lists.map(({ scope, entries }) => ({ scopes: [scope], commands: entries.map((c) => ({ title: c.en.title, description: c.en.description })) }));

  const declared = declaredLanguageFiles(manifest);
  const localizations = new Map<string, JsonObject>();
  for (const file of declared) {
    const template = localizationTemplates.get(file);
    if (template === undefined) throw new ManifestTemplateError(`localizationInfo names ${file}, which is missing from appPackage/`);
    const localized = asObject(fill(template, values), file);
    lists.forEach(({ entries }, listIndex) =>
      entries.forEach((command, commandIndex) => {
        const key = `bots[0].commandLists[${listIndex}].commands[${commandIndex}]`;
        localized[`${key}.title`] = command.fr.title;
        localized[`${key}.description`] = command.fr.description;
      }),
    );
    localizations.set(file, localized);
  }
  return { manifest, localizations };
}

function commandLists(commands: readonly TeamsCommand[]): { scope: CommandScope; entries: TeamsCommand[] }[] {
  const lists = SCOPES.map((scope) => ({ scope, entries: commands.filter((c) => c.scopes.includes(scope)) })).filter((l) => l.entries.length > 0);
  for (const { scope, entries } of lists) {
    if (entries.length > MAX_COMMANDS_PER_SCOPE) {
      throw new ManifestTemplateError(`${entries.length} commands for scope ${scope}: Teams shows at most ${MAX_COMMANDS_PER_SCOPE}`);
    }
  }
  return lists;
}

/** The files localizationInfo names, in its order. */
export function declaredLanguageFiles(manifest: JsonObject): string[] {
  const info = manifest.localizationInfo;
  if (info === undefined) return [];
  const additional = asObject(info, "localizationInfo").additionalLanguages;
  if (!Array.isArray(additional)) return [];
  return additional.map((entry) => {
    const file = asObject(entry, "additionalLanguages[]").file;
    if (typeof file !== "string") throw new ManifestTemplateError("every additional language needs a file");
    return file;
  });
}

function fill(value: Json, values: Readonly<Record<string, string>>): Json {
  if (typeof value === "string") {
    return value.replace(PLACEHOLDER, (_match, name: string) => {
      const replacement = values[name];
      if (replacement === undefined) throw new ManifestTemplateError(`unknown placeholder \${{${name}}}`);
      return replacement;
    });
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, values));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, values)]));
  }
  return value;
}

function asObject(value: Json | undefined, what: string): JsonObject {
  if (value === null || value === undefined || typeof value !== "object" || Array.isArray(value)) {
    throw new ManifestTemplateError(`${what} must be a JSON object`);
  }
  return value;
}

export function parseJsonObject(text: string, what: string): JsonObject {
  return asObject(JSON.parse(text) as Json, what);
}
