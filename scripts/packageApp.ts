// `npm run package`: writes dist/appPackage.zip from appPackage/ and the settings (environment, then .env if present).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { writeTeamsAppPackage } from "./appPackage/packageTeamsApp";
import { PackageSettingsError } from "./appPackage/settings";

const root = path.resolve(__dirname, "..");
const envFile = path.join(root, ".env");
// Same rule as the bot: values already in the environment win over .env.
if (existsSync(envFile)) process.loadEnvFile(envFile);

const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
try {
  const written = writeTeamsAppPackage(process.env, version, path.join(root, "dist", "appPackage.zip"));
  console.log(`Teams app package written to ${written}`);
  console.log("Upload it in the Teams admin center (Teams apps > Manage apps > Upload new app) or in Teams (Apps > Manage your apps > Upload an app > Upload a custom app).");
} catch (error) {
  if (!(error instanceof PackageSettingsError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
