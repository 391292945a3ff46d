// `npm run stack < trace.txt`: a stack trace the bundled bot logged, its frames mapped back to the sources through
// dist/app/bot.js.map (which `npm run build` writes). `npm run stack -- other/bot.js.map < trace.txt` for another build.
import { readFileSync } from "node:fs";
import path from "node:path";
import { mapStackTrace } from "../launch/stackMapping";

const mapFile = process.argv[2] ?? path.join(__dirname, "..", "..", "dist", "app", "bot.js.map");
process.stdout.write(mapStackTrace(readFileSync(0, "utf8"), mapFile));
