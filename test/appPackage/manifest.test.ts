import { expect } from "chai";
import { ManifestTemplateError, buildAppPackage } from "../../scripts/appPackage/manifest";
import type { PackageSettings } from "../../scripts/appPackage/settings";
import { TEAMS_COMMANDS, type TeamsCommand } from "../../scripts/appPackage/teamsCommands";

const SETTINGS: PackageSettings = {
  teamsAppId: "0f6b3c1e-8d2a-4f5b-9c7e-1a2b3c4d5e6f",
  botAppId: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
  publicBaseUrl: "https://bot.contoso.example",
  publicHost: "bot.contoso.example",
  privacyUrl: "https://bot.contoso.example",
  termsUrl: "https://bot.contoso.example",
};
const template = (bot: Record<string, string | string[]> = {}) => ({ id: "${{TEAMS_APP_ID}}", bots: [{ botId: "${{MicrosoftAppId}}", ...bot }] });
const build = (manifest: ReturnType<typeof template>, commands: readonly TeamsCommand[] = TEAMS_COMMANDS) =>
  buildAppPackage(manifest, new Map(), SETTINGS, "1.0.0", commands);

describe("appPackage/manifest buildAppPackage", () => {
  it("fills placeholders inside strings, so a value is never parsed as JSON", () => {
    const withQuote: ReturnType<typeof template> = { ...template(), id: 'x-${{TEAMS_APP_ID}}-"}' };
    const { manifest } = build(withQuote);
    expect(manifest.id).to.equal(`x-${SETTINGS.teamsAppId}-"}`);
  });

  it("refuses a placeholder it has no value for", () => {
    expect(() => build(template({ name: "${{NOT_A_SETTING}}" }))).to.throw(ManifestTemplateError, /NOT_A_SETTING/);
  });

  it("refuses a template that lists commands itself, so there is one list", () => {
    expect(() => build(template({ commandLists: [] }))).to.throw(ManifestTemplateError, /teamsCommands/);
  });

  it("refuses more commands in a scope than Teams shows", () => {
    const many = Array.from({ length: 13 }, (_, i): TeamsCommand => ({ flow: "help", scopes: ["personal"], en: { title: `c${i}`, description: "d" }, fr: { title: `c${i}`, description: "d" } }));
    expect(() => build(template(), many)).to.throw(ManifestTemplateError, /13 commands for scope personal/);
  });

  it("refuses a localization file the manifest names but appPackage/ lacks", () => {
    const manifest = { ...template(), localizationInfo: { defaultLanguageTag: "en", additionalLanguages: [{ languageTag: "fr", file: "fr-FR.json" }] } };
    expect(() => buildAppPackage(manifest, new Map(), SETTINGS, "1.0.0")).to.throw(ManifestTemplateError, /fr-FR\.json/);
  });

  it("leaves out a scope's list when no command is meant for it", () => {
    const personalOnly = TEAMS_COMMANDS.filter((command) => command.scopes.length === 1);
    const bots = build(template(), personalOnly).manifest.bots as { commandLists: { scopes: string[] }[] }[];
    expect(bots[0]?.commandLists.map((list) => list.scopes)).to.deep.equal([["personal"]]);
  });
});
