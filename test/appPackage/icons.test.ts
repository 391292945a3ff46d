import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { PNG } from "pngjs";
import { APP_PACKAGE_DIR } from "../../scripts/appPackage/packageTeamsApp";
import { drawColorIcon, drawOutlineIcon } from "../../scripts/appPackage/icons";

const committed = (file: string) => PNG.sync.read(readFileSync(path.join(APP_PACKAGE_DIR, file)));

function pixels(png: PNG): { r: number; g: number; b: number; a: number }[] {
  const out = [];
  for (let i = 0; i < png.data.length; i += 4) out.push({ r: png.data[i] ?? 0, g: png.data[i + 1] ?? 0, b: png.data[i + 2] ?? 0, a: png.data[i + 3] ?? 0 });
  return out;
}

describe("appPackage icons", () => {
  it("has a 192×192 opaque colour icon with the white glyph on it", () => {
    const color = committed("color.png");

    expect([color.width, color.height]).to.deep.equal([192, 192]);
    const all = pixels(color);
    expect(all.every((p) => p.a === 255)).to.equal(true);
    expect(all.some((p) => p.r === 255 && p.g === 255 && p.b === 255)).to.equal(true);
  });

  it("has a 32×32 outline icon that is white where drawn and transparent elsewhere", () => {
    const outline = committed("outline.png");

    expect([outline.width, outline.height]).to.deep.equal([32, 32]);
    const all = pixels(outline);
    const notWhiteButVisible = all.filter((p) => p.a > 0 && !(p.r === 255 && p.g === 255 && p.b === 255));
    expect(notWhiteButVisible).to.deep.equal([]);
    expect(all.filter((p) => p.a === 0).length, "transparent pixels").to.be.greaterThan(256);
    expect(all.filter((p) => p.a === 255).length, "solid white pixels").to.be.greaterThan(64);
  });

  it("are the icons scripts/drawIcons.ts draws, so the committed files cannot drift from the script", () => {
    expect(PNG.sync.read(drawColorIcon()).data.equals(committed("color.png").data)).to.equal(true);
    expect(PNG.sync.read(drawOutlineIcon()).data.equals(committed("outline.png").data)).to.equal(true);
  });
});
