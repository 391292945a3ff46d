// Writes appPackage/color.png and appPackage/outline.png; the PNGs are committed, re-run this after changing the glyph.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { drawColorIcon, drawOutlineIcon } from "./appPackage/icons";

const folder = path.resolve(__dirname, "../appPackage");
writeFileSync(path.join(folder, "color.png"), drawColorIcon());
writeFileSync(path.join(folder, "outline.png"), drawOutlineIcon());
console.log(`Icons written to ${folder}`);
