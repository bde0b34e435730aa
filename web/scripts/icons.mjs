// Draws the page's icons into public/icons/ (committed; rerun after a design
// change): a yellow lightning bolt on blue, anti-aliased by 4×4 supersampling,
// written as RGBA PNGs with node:zlib. No downloaded assets.
//   icon-192.png, icon-512.png  rounded square ("any")
//   maskable-512.png            full bleed, the bolt inside the 80 % safe circle
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BG = [37, 99, 235];   // #2563eb
const BOLT = [250, 204, 21]; // #facc15
// The bolt in unit coordinates (0..1, y down).
const BOLT_POLY = [[0.6, 0.06], [0.24, 0.54], [0.46, 0.54], [0.38, 0.94], [0.76, 0.44], [0.54, 0.44], [0.66, 0.06]];

function inside(poly, x, y) {
  let odd = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
  }
  return odd;
}

function inRoundedSquare(x, y, r) {
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** RGBA pixels of one icon: `corner` = radius of the background's corners, `scale` = bolt size. */
function draw(size, { corner, scale }) {
  const px = Buffer.alloc(size * size * 4);
  const bolt = BOLT_POLY.map(([x, y]) => [0.5 + (x - 0.5) * scale, 0.5 + (y - 0.5) * scale]);
  const N = 4;
  for (let py = 0; py < size; py++) {
    for (let pxl = 0; pxl < size; pxl++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < N; sy++) {
        for (let sx = 0; sx < N; sx++) {
          const x = (pxl + (sx + 0.5) / N) / size;
          const y = (py + (sy + 0.5) / N) / size;
          if (!inRoundedSquare(x, y, corner)) continue;
          if (inside(bolt, x, y)) fg++;
          else bg++;
        }
      }
      const cover = bg + fg;
      const o = (py * size + pxl) * 4;
      if (cover === 0) continue;
      for (let c = 0; c < 3; c++) px[o + c] = Math.round((BG[c] * bg + BOLT[c] * fg) / cover);
      px[o + 3] = Math.round((255 * cover) / (N * N));
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method, no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const out = new URL('../public/icons/', import.meta.url);
mkdirSync(out, { recursive: true });
const icons = [
  ['icon-192.png', 192, { corner: 0.22, scale: 0.8 }],
  ['icon-512.png', 512, { corner: 0.22, scale: 0.8 }],
  ['maskable-512.png', 512, { corner: 0, scale: 0.7 }],
];
for (const [name, size, style] of icons) {
  const file = new URL(name, out);
  const data = png(size, draw(size, style));
  writeFileSync(file, data);
  console.log(`${name}: ${size}×${size}, ${data.length} bytes`);
}
