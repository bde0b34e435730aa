// Writes DIST/sw.js from src/service-worker.js after `vite build`:
//   node scripts/service-worker.mjs [DIST]      (default: dist)
// SHELL = every file of DIST except sw.js and dot files, as URL paths;
// VERSION = the first 16 hex digits of a SHA-256 over the template and each
// shell file's path and content, so any change to the shell (or to the worker)
// gives a new version.
// The page itself is cached as /index.html (what navigations fall back to).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const dist = resolve(process.argv[2] ?? join(here, '..', 'dist'));
const template = readFileSync(join(here, '..', 'src', 'service-worker.js'), 'utf8');

function walk(dir) {
  return readdirSync(dir).filter((n) => !n.startsWith('.')).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const files = walk(dist).map((p) => relative(dist, p).split(sep).join('/')).filter((p) => p !== 'sw.js').sort();
if (!files.includes('index.html')) {
  console.error(`service-worker: ${dist} has no index.html: run vite build first`);
  process.exit(2);
}
const hash = createHash('sha256').update(template).update('\0');
for (const f of files) hash.update(`${f}\0`).update(readFileSync(join(dist, f))).update('\0');
const version = hash.digest('hex').slice(0, 16);
const shell = files.map((f) => `/${f}`);
const sw = template.replace("'__VERSION__'", JSON.stringify(version)).replace('__SHELL__', JSON.stringify(shell));
writeFileSync(join(dist, 'sw.js'), sw);
console.log(`service-worker: sw.js version ${version}, ${shell.length} shell files`);
