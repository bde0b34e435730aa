// End-to-end: the fleet overview in Chromium with 1,000 meters
// (fleet-fixture.mjs) at 390×844 and 1280×800: order, numbers, search,
// filters, groups with totals, a row opening the dashboard and the link
// back; the render time is recorded (build/test-artifacts/overview-trace.json),
// with every long task (PerformanceObserver), never asserted. Screenshots:
// build/test-artifacts/web-overview-{phone,desktop}.png (docs/images/ comes from scripts/screenshots).
//
// Hand-derived from the fixture (readings every 3 h are gaps: rule 5 spreads
// each 0.30 over its 3 h, so a day with readings on both sides is 8 × 0.30 =
// 2.40, the 21:00 → 00:00 step falling in the earlier day; today
// 00:00..18:00 6 steps = 1.80). 30 steps by now: meter i holds 100 + i − 9.00
// kWh. Days left = balance / 2.40 (03-12..03-14).
// F0999: 15.00 − 9.00 = 6.00, 2.50 days, low (≤ 10.00), the first row;
// F0000: 91.00 / 2.40 = 37.91, the second.
// F0007 stops at 03-14 21:00 (23 steps: 100.10), stale (ALERT_STALE_MINUTES=240).
// Group 楼0: 91..100 except F0007 (100.10): 955 + 2.10 = 957.10 kWh; today 9 × 1.80 = 16.20.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ARTIFACTS, missingEnv, openPhone } from './browser.mjs';

const BASE = process.env.EBILL_E2E_FLEET_BASE_URL;
const skip = missingEnv('EBILL_E2E_FLEET_BASE_URL');

// Every long task (> 50 ms on the main thread) from the page's start, for the trace.
const LONG_TASKS = `window.__longTasks = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration }); })
    .observe({ type: 'longtask', buffered: true });`;

async function openOverview(page) {
  await page.addInitScript(LONG_TASKS);
  await page.goto(`${BASE}#overview`);
  await page.waitForFunction(() => window.__ebill?.fleet()?.meters.length > 0, null, { timeout: 30_000 });
  await page.waitForSelector('.fleet-row');
}
const rows = (page) => page.locator('#fleet-list .fleet-row');
const cell = (page, i, f) => rows(page).nth(i).locator(`.f-${f}`).textContent();

describe('fleet overview', { skip }, () => {
  let b;
  before(async () => {
    b = await openPhone();
  });
  after(async () => {
    await b?.close();
  });

  it('lists every meter by days left, with its numbers and states', async () => {
    const { page } = b;
    await openOverview(page);
    assert.equal(await rows(page).count(), 1000);
    assert.equal((await page.textContent('#fleet-count')).trim(), '1000 / 1000 个电表');
    assert.equal(await cell(page, 0, 'name'), '楼99-9');
    assert.equal(await cell(page, 0, 'balance'), '6.00 kWh');
    assert.equal(await cell(page, 0, 'money'), '¥3.00');
    assert.match(await cell(page, 0, 'days'), /^2\.50 天/);
    assert.equal(await cell(page, 0, 'today'), '今 1.80');
    assert.equal(await cell(page, 0, 'yesterday'), '昨 2.40');
    assert.equal(await cell(page, 0, 'status'), '正常');
    assert.equal(await cell(page, 1, 'name'), '楼0-0');
    assert.match(await cell(page, 1, 'days'), /^37\.91 天/);
    assert.deepEqual(b.errors, []);

    // Two frames after the rows are in, so the layout and paint of the render are done.
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    const trace = await page.evaluate(() => ({
      renderMs: performance.getEntriesByName('overview-render').map((e) => e.duration),
      longTasks: window.__longTasks,
      rowsAt: performance.getEntriesByName('overview-render').at(-1)?.startTime ?? null,
    }));
    mkdirSync(ARTIFACTS, { recursive: true });
    const longest = Math.max(0, ...trace.longTasks.map((t) => t.ms));
    writeFileSync(join(ARTIFACTS, 'overview-trace.json'), JSON.stringify({ meters: 1000, ...trace, longestTaskMs: longest }, null, 2));
    console.log(`overview: 1,000 meters rendered in ${trace.renderMs.map((d) => d.toFixed(1)).join(', ')} ms of script; `
      + `long tasks ${trace.longTasks.map((t) => t.ms.toFixed(0)).join(', ') || 'none'} ms (longest ${longest.toFixed(0)} ms)`);
    await page.screenshot({ path: join(ARTIFACTS, 'web-overview-phone.png') });
  });

  it('searches, filters and groups', async () => {
    const { page } = b;
    await page.fill('#fleet-search', 'F0007');
    assert.equal(await rows(page).count(), 1);
    assert.equal(await cell(page, 0, 'status'), '数据陈旧');
    await page.fill('#fleet-search', '楼12-');
    assert.equal(await rows(page).count(), 10);
    await page.fill('#fleet-search', '');
    await page.click('[data-filter="low"]');
    assert.equal(await rows(page).count(), 1);
    await page.click('[data-filter="stale"]');
    assert.equal(await rows(page).count(), 1);
    assert.equal(await cell(page, 0, 'name'), '楼0-7');
    await page.click('[data-filter="failing"]');
    assert.equal(await rows(page).count(), 0);
    await page.click('[data-filter="all"]');
    await page.check('#fleet-grouped');
    assert.equal(await page.locator('.fleet-group').count(), 100);
    const head = await page.locator('.fleet-group').first().textContent();
    assert.match(head, /^楼0/);
    assert.match(head, /余额 957\.10 kWh/);
    assert.match(head, /今 16\.20/);
    await page.uncheck('#fleet-grouped');
  });

  it('a row opens the dashboard, which links back', async () => {
    const { page } = b;
    await rows(page).first().click();
    await page.waitForFunction(() => location.hash === '#meter=F0999' && window.__ebill.state().deviceId === 'F0999');
    await page.waitForSelector('#content:not([hidden])');
    assert.equal(await page.isHidden('#overview'), true);
    await page.click('#to-overview');
    await page.waitForSelector('#overview:not([hidden]) .fleet-row');
    assert.equal(await rows(page).count(), 1000);
  });

  it('on a desktop: a table', async () => {
    const d = await openPhone({ width: 1280, height: 800 });
    try {
      await openOverview(d.page);
      assert.equal(await d.page.isVisible('.fleet-head'), true);
      await d.page.screenshot({ path: join(ARTIFACTS, 'web-overview-desktop.png') });
    } finally {
      await d.close();
    }
  });
});
