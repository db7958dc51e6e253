#!/usr/bin/env node
// Renders HTML reports to PNG with headless Chromium (Debian `chromium`), networking disabled,
// to look at them as a reader would. Not part of `npm test` or CI.
//
//   node scripts/screenshot.mjs reports/demo/report.html [out.png] [--size 1400,3000] [--tiles 1400] [--print out.pdf]
//
// --tiles H also cuts the screenshot into out-1.png, out-2.png, … of H pixels each, small enough
// to look at one by one.
//
// The page is loaded from file://; --proxy-server pointing nowhere and the disabled background
// networking make any attempt to fetch something from the network fail visibly.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateSync, inflateSync } from 'node:zlib';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const size = opt('--size', '1400,3000');
const pdf = opt('--print', null);
const tiles = Number(opt('--tiles', 0));
const [html, png = html.replace(/\.html?$/, '') + '.png'] = args;
if (!html) {
  console.error('usage: node scripts/screenshot.mjs REPORT.html [OUT.png] [--size W,H] [--print OUT.pdf]');
  process.exit(2);
}
const browser = ['chromium', 'chromium-browser', 'google-chrome'].find((b) => spawnSync('which', [b]).status === 0);
if (!browser) {
  console.error('no chromium found (Debian: apt-get install -y chromium)');
  process.exit(1);
}
const profile = mkdtempSync(join(tmpdir(), 'headroom-shot-'));
const flags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--proxy-server=127.0.0.1:9',
  '--hide-scrollbars',
  `--user-data-dir=${profile}`,
  `--window-size=${size}`,
];
const url = pathToFileURL(resolve(html)).href;
const runs = [[...flags, `--screenshot=${resolve(png)}`, url]];
if (pdf) runs.push([...flags, `--print-to-pdf=${resolve(pdf)}`, '--no-pdf-header-footer', url]);
let status = 0;
for (const a of runs) {
  const r = spawnSync(browser, a, { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) {
    console.error(r.stderr);
    status = r.status ?? 1;
  }
}
rmSync(profile, { recursive: true, force: true });
if (status === 0 && !existsSync(resolve(png))) {
  console.error(`chromium exited without writing ${png} (a very tall page can time out: try a smaller --size)`);
  status = 1;
}
if (status === 0) console.log(`wrote ${png}${pdf ? ` and ${pdf}` : ''}`);
if (status === 0 && tiles > 0) for (const t of cutTiles(resolve(png), tiles)) console.log(`wrote ${t}`);
process.exit(status);

/** Cuts an 8-bit RGB/RGBA PNG into horizontal tiles of `h` rows (decode, unfilter, re-encode). */
function cutTiles(file, h) {
  const buf = readFileSync(file);
  let pos = 8;
  let ihdr;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') ihdr = data;
    if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const bpp = { 2: 3, 6: 4 }[ihdr[9]];
  if (ihdr[8] !== 8 || !bpp || ihdr[12] !== 0) throw new Error('only 8-bit RGB/RGBA non-interlaced PNGs');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const rows = [];
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? line[i - bpp] : 0;
      const b = prev[i];
      const c = i >= bpp ? prev[i - bpp] : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][f];
      line[i] = (line[i] + pred) & 255;
    }
    rows.push(line);
    prev = line;
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 255] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const written = [];
  for (let y0 = 0, k = 1; y0 < height; y0 += h, k++) {
    const part = rows.slice(y0, y0 + h);
    const head = Buffer.from(ihdr);
    head.writeUInt32BE(part.length, 4);
    const body = deflateSync(Buffer.concat(part.flatMap((r) => [Buffer.from([0]), r])));
    const name = file.replace(/\.png$/, `-${k}.png`);
    writeFileSync(name, Buffer.concat([buf.subarray(0, 8), chunk('IHDR', head), chunk('IDAT', body), chunk('IEND', Buffer.alloc(0))]));
    written.push(name);
  }
  return written;
}
