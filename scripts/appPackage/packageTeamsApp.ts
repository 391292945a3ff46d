import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildAppPackage, declaredLanguageFiles, parseJsonObject, type AppPackageFiles } from "./manifest";
import { loadPackageSettings } from "./settings";
import { writeZip, type ZipEntry } from "./zip";

export const APP_PACKAGE_DIR = path.resolve(__dirname, "../../appPackage");
const ICONS = ["color.png", "outline.png"] as const;

export interface TeamsAppPackage extends AppPackageFiles {
  readonly zip: Buffer;
}

/** Validates the settings first (nothing is read or written with a bad value), then fills the templates and zips them. */
export function packageTeamsApp(env: Readonly<Record<string, string | undefined>>, appVersion: string, folder = APP_PACKAGE_DIR): TeamsAppPackage {
  const settings = loadPackageSettings(env);
  const read = (file: string) => readFileSync(path.join(folder, file));
  const manifestTemplate = parseJsonObject(read("manifest.json").toString("utf8"), "manifest.json");
  const localizationFiles = declaredLanguageFiles(manifestTemplate);
  const templates = new Map(localizationFiles.map((file) => [file, parseJsonObject(read(file).toString("utf8"), file)] as const));
  const files = buildAppPackage(manifestTemplate, templates, settings, appVersion);

  const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, "utf8");
  const entries: ZipEntry[] = [
    { name: "manifest.json", data: json(files.manifest) },
    ...ICONS.map((name) => ({ name, data: read(name) })),
    ...[...files.localizations].map(([name, document]) => ({ name, data: json(document) })),
  ];
  return { ...files, zip: writeZip(entries) };
}

/** Writes the zip to `target` only once everything validated; returns the path written. */
export function writeTeamsAppPackage(env: Readonly<Record<string, string | undefined>>, appVersion: string, target: string): string {
  const { zip } = packageTeamsApp(env, appVersion);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, zip);
  return target;
}
