// Fails when the first load (every HTML, JS and CSS file in dist/, gzipped
// one by one as a server would send them) is above the budget.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 250 * 1024;
const dist = new URL('../dist/', import.meta.url).pathname;

function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

let files;
try {
  files = walk(dist).filter((p) => /\.(html|js|css)$/.test(p));
} catch {
  console.error('size: dist/ is missing: run npm run build first');
  process.exit(2);
}
let total = 0;
for (const f of files) {
  const gz = gzipSync(readFileSync(f), { level: 9 }).length;
  total += gz;
  console.log(`${(gz / 1024).toFixed(1).padStart(8)} KB  ${relative(dist, f)}`);
}
console.log(`${(total / 1024).toFixed(1).padStart(8)} KB  total gzipped (budget ${BUDGET / 1024} KB)`);
if (total > BUDGET) {
  console.error('size: over budget');
  process.exit(1);
}
