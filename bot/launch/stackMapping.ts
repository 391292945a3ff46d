import { readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";

/**
 * Rewrites each `…/bot.js:LINE:COLUMN` frame of a stack trace the bundled bot logged into the TypeScript (or package)
 * source it came from, using the bundle's source map. Node does not apply source maps to the bundle (it is compiled
 * through node:vm), and reading the 7 MB map at every start would cost most of what the bundle saves: this runs
 * afterwards, on a developer's machine. Frames it cannot map are left as they are.
 */
export function mapStackTrace(stack: string, mapFile: string, bundleName = path.basename(mapFile, ".map")): string {
  const map = new SourceMap(JSON.parse(readFileSync(mapFile, "utf8")));
  const mapDirectory = path.dirname(mapFile);
  // The bundle's name whole: after a path separator, a space, "(" or the start of a line (not "robot.js").
  const frame = new RegExp(`(^|[\\s(])((?:[^\\s(]*[\\\\/])?${escapeRegExp(bundleName)}):(\\d+):(\\d+)`, "gm");
  return stack.replace(frame, (whole, before: string, _file: string, line: string, column: string) => {
    // findEntry answers with the nearest mapping before the position, which may sit on an earlier line: a frame of
    // another file called bot.js, or of another build, must not be given a source it does not come from.
    const entry = map.findEntry(Number(line) - 1, Number(column) - 1);
    if (!("originalSource" in entry) || entry.generatedLine !== Number(line) - 1) return whole;
    const source = path.relative(process.cwd(), path.resolve(mapDirectory, entry.originalSource));
    return `${before}${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
