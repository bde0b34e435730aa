// End-to-end: the 本月 / 上月 / 12个月 tabs in Chromium at 390×844 against a
// real ebill-api on the series of calendar-fixture.mjs (its clock pinned at
// NOW). For each tab: the period card and its comparison, the totals (usage,
// ¥, recharges, the same period a year earlier), the 12 months' table and the
// usage chart — checked against the values worked out from the fixture, and
// each shown number against the API's own /data answer for the same period.
// Screenshots: build/test-artifacts/web-calendar-*.png.
//
//   EBILL_E2E_CAL_BASE_URL=http://127.0.0.1:PORT/  that ebill-api (run.mjs starts it)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CAL_METER, expected } from './calendar-fixture.mjs';
import { chartData, missingEnv, openPhone, screenshot, settle } from './browser.mjs';

const BASE = process.env.EBILL_E2E_CAL_BASE_URL;
const skip = missingEnv('EBILL_E2E_CAL_BASE_URL');

async function text(page, selector) {
  return (await page.locator(selector).first().textContent())?.trim() ?? '';
}
const total = (page, field) => text(page, `#calendar [data-field="${field}"] .cal-value`);
const f2 = (n) => (n === null ? '—' : n.toFixed(2));

async function choose(page, range) {
  await page.click(`[data-range="${range}"]`);
  await settle(page);
  await page.waitForSelector('#calendar:not([hidden]) .cal-totals');
}
/** The API's answer for the period, fetched from the test, not the page. */
async function apiData(period) {
  const r = await fetch(`${BASE}data?period=${period}&device_id=${CAL_METER.id}`);
  assert.equal(r.status, 200);
  return r.json();
}
const sum2 = (xs) => xs.reduce((a, b) => a + Math.round((b ?? 0) * 100), 0) / 100;

/**
 * Chooses the tab, then checks its totals and card against the fixture's values and
 * the API's answer (its number of points too); returns that answer.
 */
async function assertPeriod(page, period, points, label) {
  await choose(page, period);
  const api = await apiData(period);
  assert.equal(api.labels.length, points);
  assert.equal(await text(page, '[data-kpi="period"] .label'), label);
  const x = expected[period];
  assert.equal(await total(page, 'usage'), x.usage);
  assert.equal(await total(page, 'cost'), x.cost);
  assert.equal(await total(page, 'recharge'), x.recharge);
  assert.equal(await total(page, 'last-year'), x.lastYear);
  // The same totals from the API's points.
  assert.equal(await total(page, 'usage'), `${f2(sum2(api.usage))} kWh`);
  assert.equal(await total(page, 'cost'), `¥${f2(sum2(api.cost))}`);
  assert.equal(await total(page, 'recharge'), `${f2(sum2(api.recharge))} kWh`);
  assert.equal(await text(page, '[data-kpi="period"] [data-field="value"]'), x.card);
  assert.equal(await text(page, '[data-kpi="period"] [data-field="period-change"]').then((t) => t.replace(/^\S+ /, '')),
    `${x.change} (${x.pct})`);
  return api;
}

describe('calendar months and the year', { skip }, () => {
  let b;
  before(async () => {
    b = await openPhone();
    await b.page.goto(BASE);
    await settle(b.page);
  });
  after(async () => {
    await b?.close();
  });

  it('本月: the month so far, day by day', async () => {
    const { page } = b;
    const api = await assertPeriod(page, 'this_month', expected.this_month.days, '本月用电');
    assert.match(await text(page, '[data-kpi="period"] [data-field="period-change"]'), /^较上月同期 /);
    assert.equal(await page.locator('#calendar .cal-table').count(), 0);
    const u = await chartData(page, 'usage');
    assert.deepEqual(u.values, expected.this_month.dayUsage);
    assert.deepEqual(u.values, api.usage);
    assert.equal(u.labels[0], '03-01');
    assert.deepEqual(b.errors, []);
    await screenshot(page, 'calendar-this-month');
  });

  it('上月: the last full month', async () => {
    const { page } = b;
    const api = await assertPeriod(page, 'last_month', expected.last_month.days, '上月用电');
    const u = await chartData(page, 'usage');
    assert.equal(u.labels.length, 28);
    assert.deepEqual(u.values, api.usage);
  });

  it('12个月: a row per month with cost, recharges and last year', async () => {
    const { page } = b;
    const api = await assertPeriod(page, 'twelve_months', 12, '近12个月用电');
    const rows = page.locator('#calendar .cal-table tbody tr');
    assert.equal(await rows.count(), 12);
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => ({
      label: tr.querySelector('.c-month').textContent,
      usage: tr.querySelector('.c-usage').textContent,
      cost: tr.querySelector('.c-cost').textContent,
      recharge: tr.querySelector('.c-recharge').textContent,
      lastYear: tr.querySelector('.c-last-year').textContent,
    })));
    assert.deepEqual(shown, expected.twelve_months.months);
    assert.deepEqual(shown, api.labels.map((label, i) => ({
      label, usage: f2(api.usage[i]), cost: f2(api.cost[i]), recharge: f2(api.recharge[i]), lastYear: f2(api.last_year_usage[i]),
    })));
    const u = await chartData(page, 'usage');
    assert.equal(u.labels[0], '4月');
    assert.equal(u.labels[9], '26年1月');
    assert.deepEqual(u.values, api.usage);
    const lastYear = await page.evaluate(() => window.__ebill.charts().usage.series[1]?.data ?? null);
    assert.deepEqual(lastYear, api.last_year_usage);
    assert.deepEqual(b.errors, []);
    await screenshot(page, 'calendar-year');
  });

  it('今日 hides the calendar totals again', async () => {
    const { page } = b;
    await page.click('[data-range="day"]');
    await settle(page);
    assert.equal(await page.isHidden('#calendar'), true);
    assert.equal(await text(page, '[data-kpi="period"] .label'), '今日至今');
  });
});
