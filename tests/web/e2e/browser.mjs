// Launches Debian's Chromium through playwright-core the way the tests need
// it: headless, no sandbox, no background traffic, a fresh profile, a phone
// viewport. Collects console errors and saves screenshots.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const SOURCE_DIR = process.env.EBILL_SOURCE_DIR || resolve(here, '../../..');
export const ARTIFACTS = join(process.env.EBILL_BUILD_DIR || join(SOURCE_DIR, 'build'), 'test-artifacts');

// playwright-core is a devDependency of web/.
const require = createRequire(join(SOURCE_DIR, 'web', 'package.json'));
const { chromium } = require('playwright-core');

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/**
 * Why a suite cannot run: false when every variable in `names` is set, else a
 * skip reason naming the missing ones. Under CI=true a missing variable is a
 * failure (it throws), never a skip.
 */
export function missingEnv(...names) {
  const missing = names.filter((n) => !process.env[n]);
  if (missing.length === 0) return false;
  const why = `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set`;
  if (process.env.CI === 'true') throw new Error(`${why} (CI=true: the browser tests must run; start them with run.mjs)`);
  console.error(`SKIPPED: ${why} (run them through tests/web/e2e/run.mjs)`);
  return why;
}

/** Every http(s) request made in `context` (its pages and service workers), as URLs: for the third-party check. */
export function recordRequests(context) {
  const urls = [];
  context.on('request', (r) => {
    if (/^https?:/.test(r.url())) urls.push(r.url());
  });
  return urls;
}

/** A browser with a fresh profile and one page at 390×844; `errors` collects console errors and page exceptions. */
export async function openPhone({ colorScheme = 'light', width = 390, height = 844 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'ebill-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.EBILL_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width, height },
    deviceScaleFactor: 2,
    isMobile: false,
    hasTouch: true,
    colorScheme,
    locale: 'zh-CN',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return {
    page,
    context,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves build/test-artifacts/web-NAME.png: the whole page, or only the screen (`fullPage: false`, for a modal). */
export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0)); // the sticky header stays on top in a full-page shot
  await page.screenshot({ path: join(ARTIFACTS, `web-${name}.png`), fullPage });
}

/** Waits until the page has finished its current refresh. */
export async function settle(page) {
  await page.waitForFunction(() => {
    const e = window.__ebill;
    return e && !e.busy() && e.state().devices !== null;
  }, null, { timeout: 15_000 });
}

/** What a chart shows, read from ECharts inside the page: labels, values, recharge marks. */
export async function chartData(page, which) {
  return page.evaluate((w) => {
    const o = window.__ebill.charts()[w];
    if (!o) return null;
    const s = o.series[0];
    return {
      labels: [...o.xAxis[0].data],
      values: [...s.data],
      marks: ((s.markPoint && s.markPoint.data) || []).map((m) => ({ coord: [...m.coord], value: m.value })),
    };
  }, which);
}
