// Checks the page's size budgets (docs/web.md), each file of dist/ gzipped
// one by one as a server would send it (PNGs as they are: the server does not
// compress them):
//   first load  HTML + JS + CSS (with sw.js)                       ≤ 250 KB
//   install     every file the service worker keeps, plus sw.js    ≤ 275 KB
// Exits 1 when a budget is exceeded, 2 when dist/ is missing.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const FIRST_LOAD_BUDGET = 250 * 1024;
const INSTALL_BUDGET = 275 * 1024;
const dist = new URL('../dist/', import.meta.url).pathname;

function walk(dir) {
  return readdirSync(dir).filter((n) => !n.startsWith('.')).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

let files;
try {
  files = walk(dist);
} catch {
  console.error('size: dist/ is missing: run npm run build first');
  process.exit(2);
}
let firstLoad = 0;
let install = 0;
for (const f of files) {
  const raw = readFileSync(f);
  const sent = /\.png$/.test(f) ? raw.length : gzipSync(raw, { level: 9 }).length;
  install += sent;
  if (/\.(html|js|css)$/.test(f)) firstLoad += sent;
  console.log(`${(sent / 1024).toFixed(1).padStart(8)} KB  ${relative(dist, f)}`);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`${kb(firstLoad).padStart(11)}  first load gzipped (budget ${kb(FIRST_LOAD_BUDGET)})`);
console.log(`${kb(install).padStart(11)}  install gzipped (budget ${kb(INSTALL_BUDGET)})`);
let over = false;
if (firstLoad > FIRST_LOAD_BUDGET) {
  console.error(`size: first load ${kb(firstLoad)} is over its budget of ${kb(FIRST_LOAD_BUDGET)}`);
  over = true;
}
if (install > INSTALL_BUDGET) {
  console.error(`size: install ${kb(install)} is over its budget of ${kb(INSTALL_BUDGET)}`);
  over = true;
}
if (!files.some((f) => f.endsWith('sw.js'))) {
  console.error('size: dist/sw.js is missing: the build must run scripts/service-worker.mjs');
  over = true;
}
process.exit(over ? 1 : 0);
