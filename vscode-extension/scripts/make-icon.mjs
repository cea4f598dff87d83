// Draws the extension's icon (icon.png, 256x256): lines of code on an indigo tile, the middle one
// ending in a faint ghost-text suggestion after an amber cursor. Drawn from shapes here, so the icon
// is ours and can be redrawn: node vscode-extension/scripts/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const size = 256;
const samples = 4; // per axis: 16 samples a pixel smooth the edges

// Rounded rectangles as [x0, y0, x1, y1, radius, [r, g, b, a]], painted in order over the tile.
const white = [255, 255, 255, 1];
const ghost = [255, 255, 255, 0.38];
const amber = [251, 191, 36, 1];
const shapes = [
  [52, 70, 150, 92, 11, white],
  [76, 117, 128, 139, 11, white],
  [136, 108, 144, 148, 4, amber], // the cursor
  [152, 117, 206, 139, 11, ghost],
  [76, 164, 178, 186, 11, white],
];

function insideRounded(x, y, [x0, y0, x1, y1, r]) {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

function colourAt(x, y) {
  // The tile: a rounded square with a diagonal indigo gradient; outside it, transparent.
  if (!insideRounded(x, y, [8, 8, 248, 248, 48])) return [0, 0, 0, 0];
  const t = (x + y) / (2 * size);
  let c = [49 + (79 - 49) * t, 46 + (70 - 46) * t, 129 + (229 - 129) * t, 1];
  for (const shape of shapes) {
    if (!insideRounded(x, y, shape)) continue;
    const [r, g, b, a] = shape[5];
    c = [c[0] * (1 - a) + r * a, c[1] * (1 - a) + g * a, c[2] * (1 - a) + b * a, 1];
  }
  return c;
}

const rows = [];
for (let py = 0; py < size; py++) {
  const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
  for (let px = 0; px < size; px++) {
    let [r, g, b, a] = [0, 0, 0, 0];
    for (let sy = 0; sy < samples; sy++) {
      for (let sx = 0; sx < samples; sx++) {
        const c = colourAt(px + (sx + 0.5) / samples, py + (sy + 0.5) / samples);
        r += c[0] * c[3]; g += c[1] * c[3]; b += c[2] * c[3]; a += c[3];
      }
    }
    const o = 1 + px * 4;
    row[o] = a ? Math.round(r / a) : 0;
    row[o + 1] = a ? Math.round(g / a) : 0;
    row[o + 2] = a ? Math.round(b / a) : 0;
    row[o + 3] = Math.round((a / (samples * samples)) * 255);
  }
  rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header[8] = 8; // bits per channel
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'icon.png');
writeFileSync(file, png);
console.log(`icon: ${file} (${png.length} bytes)`);
