import { PNG } from "pngjs";

/** The Teams icons: a gift box (a benefit), white, in the full-colour icon on the accent colour. */
export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;
export const ACCENT = { r: 0x5b, g: 0x5f, b: 0xc7 } as const;

const SUPERSAMPLING = 4;

interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

// The glyph in unit coordinates (0..1 of the icon's side), inside Teams' safe area.
const LID: Box = { left: 0.18, top: 0.36, right: 0.82, bottom: 0.48 };
const BODY: Box = { left: 0.24, top: 0.52, right: 0.76, bottom: 0.84 };
const RIBBON = { left: 0.46, right: 0.54 };
const BOW = [
  { x: 0.39, y: 0.27, radius: 0.085, thickness: 0.045 },
  { x: 0.61, y: 0.27, radius: 0.085, thickness: 0.045 },
];

function inBox(x: number, y: number, box: Box): boolean {
  return x >= box.left && x < box.right && y >= box.top && y < box.bottom;
}

function inGlyph(x: number, y: number): boolean {
  const inRibbonGap = x >= RIBBON.left && x < RIBBON.right;
  if ((inBox(x, y, LID) || inBox(x, y, BODY)) && !inRibbonGap) return true;
  return BOW.some((loop) => {
    const distance = Math.hypot(x - loop.x, y - loop.y);
    return Math.abs(distance - loop.radius) <= loop.thickness / 2;
  });
}

/** How much of the pixel the glyph covers, 0..1, by supersampling. */
function coverage(px: number, py: number, size: number): number {
  let hits = 0;
  for (let sy = 0; sy < SUPERSAMPLING; sy++) {
    for (let sx = 0; sx < SUPERSAMPLING; sx++) {
      const x = (px + (sx + 0.5) / SUPERSAMPLING) / size;
      const y = (py + (sy + 0.5) / SUPERSAMPLING) / size;
      if (inGlyph(x, y)) hits++;
    }
  }
  return hits / (SUPERSAMPLING * SUPERSAMPLING);
}

function draw(size: number, pixel: (cover: number) => readonly [number, number, number, number]): Buffer {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(coverage(x, y, size));
      const index = (y * size + x) * 4;
      png.data[index] = r;
      png.data[index + 1] = g;
      png.data[index + 2] = b;
      png.data[index + 3] = a;
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

/** 192×192, opaque: the white glyph blended onto the accent colour. */
export function drawColorIcon(): Buffer {
  const blend = (channel: number, cover: number) => Math.round(channel + (255 - channel) * cover);
  return draw(COLOR_ICON_SIZE, (cover) => [blend(ACCENT.r, cover), blend(ACCENT.g, cover), blend(ACCENT.b, cover), 255]);
}

/** 32×32: white only, transparent elsewhere (Teams' rule for the outline icon); edges are smoothed with alpha alone. */
export function drawOutlineIcon(): Buffer {
  return draw(OUTLINE_ICON_SIZE, (cover) => (cover === 0 ? [0, 0, 0, 0] : [255, 255, 255, Math.round(255 * cover)]));
}
