import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { AppManifestUtils, TeamsManifestConverter } from "@microsoft/app-manifest";
import { expect } from "chai";
import { APP_PACKAGE_DIR, packageTeamsApp, writeTeamsAppPackage } from "../../scripts/appPackage/packageTeamsApp";
import { PackageSettingsError } from "../../scripts/appPackage/settings";
import { TEAMS_COMMANDS } from "../../scripts/appPackage/teamsCommands";
import { localizationSchema, manifestSchema } from "../support/teamsSchemas";
import { readZip } from "../support/zipReader";

const TEAMS_APP_ID = "0f6b3c1e-8d2a-4f5b-9c7e-1a2b3c4d5e6f";
const BOT_APP_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const SETTINGS = { TEAMS_APP_ID, MicrosoftAppId: BOT_APP_ID, PUBLIC_BASE_URL: "https://benefits.contoso.example" };

type Validated = Parameters<typeof AppManifestUtils.validateAgainstSchema>;
// The library types its inputs as manifests it generated; these are our JSON documents, checked by the schema itself.
const validate = (document: unknown, schema: unknown) => AppManifestUtils.validateAgainstSchema(document as Validated[0], schema as Validated[1]);

function unzipped(env: Record<string, string> = SETTINGS) {
  const files = readZip(packageTeamsApp(env, "1.2.3").zip);
  const json = (name: string): Record<string, unknown> => {
    const file = files.find((f) => f.name === name);
    if (file === undefined) throw new Error(`${name} missing from the zip`);
    return JSON.parse(file.data.toString("utf8")) as Record<string, unknown>;
  };
  return { files, json };
}

describe("appPackage/packageTeamsApp", () => {
  describe("the zip", () => {
    it("holds the manifest, both icons and the French strings at its root, icons byte for byte", () => {
      const { files } = unzipped();

      expect(files.map((f) => f.name)).to.have.members(["manifest.json", "color.png", "outline.png", "fr-FR.json"]);
      for (const icon of ["color.png", "outline.png"]) {
        expect(files.find((f) => f.name === icon)?.data.equals(readFileSync(path.join(APP_PACKAGE_DIR, icon))), icon).to.equal(true);
      }
    });

    it("is written where asked and nowhere else is touched when the settings are valid", () => {
      const folder = mkdtempSync(path.join(tmpdir(), "app-package-"));
      try {
        const target = path.join(folder, "dist", "appPackage.zip");
        expect(writeTeamsAppPackage(SETTINGS, "1.2.3", target)).to.equal(target);
        expect(readZip(readFileSync(target)).map((f) => f.name)).to.include("manifest.json");
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });
  });

  describe("the packaged manifest", () => {
    it("passes the official v1.30 schema, offline, when read back from the zip", async () => {
      const { json } = unzipped();
      const manifest = json("manifest.json");

      expect(manifest.$schema).to.equal("https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json");
      expect(manifest.manifestVersion).to.equal("1.30");
      expect(await validate(manifest, manifestSchema())).to.deep.equal([]);
      // The library's own reader accepts it too (it type-checks the version it finds).
      expect(TeamsManifestConverter.jsonToManifest(JSON.stringify(manifest)).manifestVersion).to.equal("1.30");
    });

    it("carries the app id, the bot id (also for Graph install), the host and the version from the settings", () => {
      const manifest = unzipped().json("manifest.json");

      expect(manifest).to.deep.include({ id: TEAMS_APP_ID, version: "1.2.3", validDomains: ["benefits.contoso.example"], webApplicationInfo: { id: BOT_APP_ID } });
      expect(manifest.developer).to.deep.include({ websiteUrl: "https://benefits.contoso.example" });
      expect(manifest.bots).to.deep.equal([
        {
          botId: BOT_APP_ID,
          scopes: ["personal", "team", "groupChat"],
          supportsFiles: true,
          isNotificationOnly: false,
          commandLists: ["personal", "team", "groupChat"].map((scope) => ({
            scopes: [scope],
            commands: TEAMS_COMMANDS.filter((c) => c.scopes.some((s) => s === scope)).map((c) => ({ title: c.en.title, description: c.en.description })),
          })),
        },
      ]);
    });

    it("leaves no placeholder in any packaged file", () => {
      for (const file of unzipped().files.filter((f) => f.name.endsWith(".json"))) {
        expect(file.data.toString("utf8"), file.name).not.to.contain("${{");
      }
    });

    it("declares English as default and French in fr-FR.json for every French client", () => {
      expect(unzipped().json("manifest.json").localizationInfo).to.deep.equal({
        defaultLanguageTag: "en",
        additionalLanguages: [{ languageTag: "fr", file: "fr-FR.json" }],
      });
    });
  });

  describe("the French strings", () => {
    it("pass the official v1.30 localization schema, committed and as packaged", async () => {
      const committed = JSON.parse(readFileSync(path.join(APP_PACKAGE_DIR, "fr-FR.json"), "utf8")) as unknown;

      expect(await validate(committed, localizationSchema())).to.deep.equal([]);
      expect(await validate(unzipped().json("fr-FR.json"), localizationSchema())).to.deep.equal([]);
    });

    it("fail the localization schema with an unknown key, so the checks above can fail (same validator for both files)", async () => {
      const packaged = { ...unzipped().json("fr-FR.json"), "bots[0].commandLists[5].commands[0].title": "x" };

      expect(await validate(packaged, localizationSchema())).to.have.length.greaterThan(0);
    });

    it("give every packaged command its French title and description, at the position of the English one", () => {
      const { json } = unzipped();
      const french = json("fr-FR.json");
      const lists = (json("manifest.json").bots as { commandLists: { commands: { title: string }[] }[] }[])[0]?.commandLists ?? [];

      expect(lists).to.have.length(3);
      lists.forEach((list, listIndex) =>
        list.commands.forEach((command, commandIndex) => {
          const source = TEAMS_COMMANDS.find((c) => c.en.title === command.title);
          const key = `bots[0].commandLists[${listIndex}].commands[${commandIndex}]`;
          expect(french[`${key}.title`], key).to.equal(source?.fr.title);
          expect(french[`${key}.description`], key).to.equal(source?.fr.description);
        }),
      );
    });
  });

  describe("settings", () => {
    const cases: [string, Record<string, string | undefined>, string][] = [
      ["TEAMS_APP_ID is missing", { ...SETTINGS, TEAMS_APP_ID: undefined }, "TEAMS_APP_ID"],
      ["TEAMS_APP_ID is not a GUID", { ...SETTINGS, TEAMS_APP_ID: "benefits-bot" }, "TEAMS_APP_ID"],
      ["MicrosoftAppId is blank", { ...SETTINGS, MicrosoftAppId: "  " }, "MicrosoftAppId"],
      ["PUBLIC_BASE_URL is missing", { ...SETTINGS, PUBLIC_BASE_URL: undefined }, "PUBLIC_BASE_URL"],
      ["PUBLIC_BASE_URL is plain http", { ...SETTINGS, PUBLIC_BASE_URL: "http://benefits.contoso.example" }, "PUBLIC_BASE_URL"],
      ["PUBLIC_BASE_URL has a path", { ...SETTINGS, PUBLIC_BASE_URL: "https://benefits.contoso.example/api/messages" }, "PUBLIC_BASE_URL"],
      ["TEAMS_PRIVACY_URL is not https", { ...SETTINGS, TEAMS_PRIVACY_URL: "http://contoso.example/privacy" }, "TEAMS_PRIVACY_URL"],
    ];
    for (const [when, env, setting] of cases) {
      it(`refuses, names ${setting} and writes nothing when ${when}`, () => {
        const folder = mkdtempSync(path.join(tmpdir(), "app-package-"));
        const target = path.join(folder, "appPackage.zip");
        try {
          expect(() => writeTeamsAppPackage(env, "1.2.3", target))
            .to.throw(PackageSettingsError)
            .with.property("settings")
            .that.deep.equals([setting]);
          expect(existsSync(target)).to.equal(false);
        } finally {
          rmSync(folder, { recursive: true, force: true });
        }
      });
    }

    it("names every missing setting at once", () => {
      expect(() => packageTeamsApp({}, "1.2.3"))
        .to.throw(PackageSettingsError)
        .with.property("settings")
        .that.deep.equals(["TEAMS_APP_ID", "MicrosoftAppId", "PUBLIC_BASE_URL"]);
    });

    it("uses the privacy and terms pages given, else the bot's origin", () => {
      const given = unzipped({ ...SETTINGS, TEAMS_PRIVACY_URL: "https://contoso.example/privacy", TEAMS_TERMS_URL: "https://contoso.example/terms" });
      expect(given.json("manifest.json").developer).to.deep.include({ privacyUrl: "https://contoso.example/privacy", termsOfUseUrl: "https://contoso.example/terms" });
      expect(unzipped().json("manifest.json").developer).to.deep.include({ privacyUrl: "https://benefits.contoso.example", termsOfUseUrl: "https://benefits.contoso.example" });
    });
  });
});
