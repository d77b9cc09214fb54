// Draws QuizBot's two Teams icons: a "Q" whose tail makes it a speech bubble's pointer.
//   color.png    192x192, white Q on the accent colour (Teams shows it in the store and app bar)
//   outline.png   32x32,  white Q on transparent (Teams tints it; only white and transparency are allowed)
// Run: node deploy/teams/make-icons.mjs  (the results are committed; run again only after changing the drawing)
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { png } from "./binary.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const accent = [0x2b, 0x57, 0x97];

// Coverage of the Q at (x, y) in the unit square: a ring plus a slanted tail.
function inQ(x, y) {
  const d = Math.hypot(x - 0.5, y - 0.47);
  const ring = d <= 0.34 && d >= 0.22;
  // Distance from the tail's centre line, from (0.58, 0.62) to (0.82, 0.86).
  const t = Math.max(0, Math.min(1, ((x - 0.58) * 0.24 + (y - 0.62) * 0.24) / (2 * 0.24 * 0.24)));
  const tail = Math.hypot(x - (0.58 + 0.24 * t), y - (0.62 + 0.24 * t)) <= 0.065;
  return ring || tail;
}

// Anti-aliased by 8x8 supersampling; `margin` is the empty border as a share of the side.
function draw(size, margin, background) {
  const rgba = new Uint8Array(size * size * 4);
  const n = 8;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const u = ((px + (sx + 0.5) / n) / size - margin) / (1 - 2 * margin);
          const v = ((py + (sy + 0.5) / n) / size - margin) / (1 - 2 * margin);
          if (inQ(u, v)) hits++;
        }
      }
      const cover = hits / (n * n);
      const i = (py * size + px) * 4;
      if (background) {
        // White blended over the opaque accent colour.
        for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(background[c] + (255 - background[c]) * cover);
        rgba[i + 3] = 255;
      } else {
        rgba.set([255, 255, 255, Math.round(255 * cover)], i);
      }
    }
  }
  return rgba;
}

writeFileSync(`${here}color.png`, png(192, 192, draw(192, 0.2, accent)));
writeFileSync(`${here}outline.png`, png(32, 32, draw(32, 0.02, null)));
console.log(`wrote ${here}color.png and ${here}outline.png`);
