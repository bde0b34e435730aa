// End-to-end: the page in Debian's Chromium at 390×844 against a real
// ebill-api serving the known series of fixture.mjs. run.mjs sets up the
// parts and these variables (ctest: `web: e2e`):
//
//   EBILL_E2E_BASE_URL=http://127.0.0.1:PORT/  ebill-api serving web/dist and the API (required)
//   EBILL_E2E_FIXTURE=DIR/fixture.json         written by fixture.mjs and loaded into its SQLite (required)
//   EBILL_E2E_FETCH_TOKEN=...                  the API's FETCH_TOKEN; its meters fetch from the simulator
//   EBILL_E2E_SIM_URL=http://127.0.0.1:PORT/   that simulator (its clock frozen), to read what /fetch must show
//   EBILL_E2E_STOP_CMD='kill PID'              stops the API (run last, for the unreachable state)
//   EBILL_E2E_EMPTY_BASE_URL=...               an ebill-api with no meters configured
//
// Expected values come from fixture.json, worked out by hand from the series.
import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chartData, missingEnv, openPhone, screenshot, settle } from './browser.mjs';

const BASE = process.env.EBILL_E2E_BASE_URL;
const FIXTURE = process.env.EBILL_E2E_FIXTURE;
const skip = missingEnv('EBILL_E2E_BASE_URL', 'EBILL_E2E_FIXTURE');
const fx = skip ? null : JSON.parse(readFileSync(FIXTURE, 'utf8'));
const [A, B] = fx ? fx.meters : [{}, {}];
const X = (meter) => fx.expected[meter.id];

const mmdd = (date) => date.slice(5);
const hourLabels = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}点`);
const dayLabels = (end, n) => Array.from({ length: n }, (_, i) => {
  const [y, m, d] = end.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - (n - 1 - i))).toISOString().slice(5, 10);
});
const sum = (xs) => xs.reduce((a, b) => a + Math.round((b ?? 0) * 100), 0) / 100;

async function text(page, selector) {
  return (await page.locator(selector).first().textContent())?.trim() ?? '';
}
const card = (page, kpi, field = 'value') => text(page, `[data-kpi="${kpi}"] [data-field="${field}"]`);

async function chooseMeter(page, id) {
  await page.selectOption('#meter', id);
  await settle(page);
}
async function chooseRange(page, range) {
  await page.click(`[data-range="${range}"]`);
  await settle(page);
}
async function chooseDate(page, date) {
  await page.fill('#date', date);
  await settle(page);
}

/** The KPI cards of `meter` for today. */
async function assertTodayCards(page, meter) {
  const x = X(meter);
  assert.equal(await card(page, 'usage'), x.usageToday);
  assert.equal(await card(page, 'usage', 'day-change'), `较昨日 ${x.dayChange} kWh (${x.dayChangePct})`);
  if (x.rechargeToday) assert.equal(await card(page, 'usage', 'recharge-today'), `今日充值 ${x.rechargeToday} kWh`);
  else assert.equal(await page.locator('[data-kpi="usage"] [data-field="recharge-today"]').count(), 0);
  assert.equal(await card(page, 'balance'), x.currentBalance);
  assert.equal(await card(page, 'balance', 'money'), x.money);
  assert.equal(await card(page, 'balance', 'unit-price'), fx.unitPrice);
  assert.equal(await card(page, 'period'), x.periodDay);
  assert.match(await card(page, 'period', 'period-change'), new RegExp(`^较上周期 ${x.periodDayChange.replace('+', '\\+')} kWh`));
  assert.equal(await card(page, 'days'), x.daysLeft);
  assert.equal(await card(page, 'days', 'depletion'), `预计 ${x.depletion} 用完`);
  assert.equal(await text(page, '#freshness'), fx.freshness);
  assert.doesNotMatch(await text(page, '#cards'), /NaN|undefined|null|Infinity/);
}

/** The 今日 charts of `meter`: 24 hours, opening balance, last reading, hourly usage. */
async function assertTodayCharts(page, meter) {
  const h = X(meter).todayHours;
  const u = await chartData(page, 'usage');
  const b = await chartData(page, 'balance');
  assert.deepEqual(u.labels, hourLabels);
  assert.deepEqual(b.labels, hourLabels);
  const usage = u.values.slice(0, h.lastHour);
  const want = Array(h.lastHour).fill(h.hourUsage);
  if (h.rechargeHour !== undefined) want[h.rechargeHour] = h.rechargeHourUsage;
  assert.deepEqual(usage, want);
  assert.equal(u.values[h.lastHour], h.lastHourUsage);
  assert.deepEqual(u.values.slice(h.lastHour + 1), [null, null, null], 'hours still to come are not 0.00');
  assert.equal(b.values[0], h.firstBalance);
  assert.equal(b.values[h.lastHour], h.lastBalance);
  assert.deepEqual(b.values.slice(h.lastHour + 1), [null, null, null], 'no readings after now');
  assert.deepEqual(b.marks, h.recharge
    ? [{ coord: [hourLabels[h.rechargeHour], h.rechargeHourBalance], value: h.recharge }] : []);
}

describe('dashboard', { skip }, () => {
  let phone;
  let page;

  before(async () => {
    phone = await openPhone();
    page = phone.page;
    await page.goto(BASE);
    await settle(page);
  });
  after(async () => {
    await phone?.close();
  });

  it('loads at 390×844 without console errors, showing the first meter', async () => {
    assert.equal(await page.locator('#meter-row').isVisible(), true, 'two meters: the selector shows');
    assert.deepEqual(await page.locator('#meter option').evaluateAll((os) => os.map((o) => [o.value, o.textContent])),
      [[A.id, A.name], [B.id, B.name]]);
    assert.equal(await page.inputValue('#meter'), A.id);
    assert.equal(await page.locator('#banner').isVisible(), false);
    assert.equal(await page.evaluate(() => window.__ebill.state().tz), fx.tz);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no horizontal overflow (scrollWidth ${width})`);
    await screenshot(page, 'main');
    assert.deepEqual(phone.errors, []);
  });

  it('the KPI cards show what the series implies', async () => {
    await assertTodayCards(page, A);
  });

  it('今日 shows the 24 hours of today with the recharge marked', async () => {
    assert.equal(await text(page, '#usage-title'), `今日用电量 · 共 ${X(A).usageToday} kWh`);
    await assertTodayCharts(page, A);
  });

  it('近7天 and 近30天 change the charts to daily buckets', async () => {
    await chooseRange(page, 'week');
    const week = await chartData(page, 'usage');
    assert.deepEqual(week.labels, dayLabels(fx.today, 7));
    assert.deepEqual(week.values, X(A).weekUsage);
    const wb = await chartData(page, 'balance');
    assert.equal(wb.values[5], X(A).yesterdayLastBalance);
    assert.equal(wb.values[6], Number(X(A).currentBalance));
    assert.deepEqual(wb.marks, [{ coord: [mmdd(fx.today), Number(X(A).currentBalance)], value: X(A).todayHours.recharge }]);
    assert.equal(await text(page, '[data-kpi="period"] .label'), '近7天用电', 'the period card follows the range');
    assert.equal(await card(page, 'period'), X(A).periodWeek);
    assert.match(await card(page, 'period', 'period-change'), new RegExp(`^较上周期 \\${X(A).periodWeekChange} kWh`));
    await screenshot(page, 'week');

    await chooseRange(page, 'month');
    const month = await chartData(page, 'usage');
    assert.deepEqual(month.labels, dayLabels(fx.today, 30));
    assert.deepEqual(month.values, X(A).monthUsage);
    const mb = await chartData(page, 'balance');
    assert.deepEqual(mb.values.slice(0, 19), Array(19).fill(null), 'no balance before the first reading');
    assert.equal(await text(page, '#usage-title'), `近30天用电量 · 共 ${sum(X(A).monthUsage).toFixed(2)} kWh`);
    await screenshot(page, 'month');

    await chooseRange(page, 'day');
    await assertTodayCharts(page, A);
  });

  it('a chosen past day shows that day, its usage and its last balance', async () => {
    await chooseDate(page, fx.pastDay);
    const u = await chartData(page, 'usage');
    const b = await chartData(page, 'balance');
    assert.deepEqual(u.labels, hourLabels);
    assert.deepEqual(u.values, Array(24).fill(0.3));
    assert.equal(b.values[23], X(A).pastDayLastBalance);
    assert.deepEqual(b.marks, []);
    assert.equal(await card(page, 'usage'), X(A).pastDayUsage);
    assert.equal(await text(page, '[data-kpi="usage"] .label'), `${mmdd(fx.pastDay)} 用电`);
    assert.equal(await text(page, '#usage-title'), `${mmdd(fx.pastDay)} 用电量 · 共 ${X(A).pastDayUsage} kWh`);
    await screenshot(page, 'past-day');

    await chooseDate(page, fx.emptyDay);
    assert.equal(await page.locator('#usage-empty').isVisible(), true, 'a day without readings says so');
    assert.equal(await text(page, '#usage-empty'), `${fx.emptyDay} 没有读数`);
    assert.equal(await chartData(page, 'usage'), null);
    assert.equal(await card(page, 'usage'), '—', 'no 0.00 for a day without readings');
    await screenshot(page, 'day-without-readings');
    await chooseRange(page, 'day');
  });

  it('the recharge list matches the series', async () => {
    const want = X(A).recharges;
    const rows = page.locator('#recharge-list li');
    assert.equal(await rows.count(), want.length);
    assert.equal(await text(page, '#recharge-list li .when'), want[0].time);
    assert.equal(await page.locator('#recharge-list li .amount').first().getAttribute('data-amount'), want[0].amount);
    assert.equal(await text(page, '#recharge-list li .detail'), `${want[0].before} → ${want[0].after} kWh`);
    assert.doesNotMatch(await text(page, '#recharge-list'), /含估算/, 'a recharge between close readings is exact');
    assert.equal(await text(page, '#recharge-list li .amount .detail'), want[0].money);
    assert.equal(await text(page, '#recharge-total'), `近30天共 1 次，合计 ${want[0].amount} kWh（${want[0].money}）`);
    await page.click('#recharge-days [data-days="365"]');
    await settle(page);
    assert.equal(await rows.count(), 1);
    assert.equal(await text(page, '#recharge-total'), `近365天共 1 次，合计 ${want[0].amount} kWh（${want[0].money}）`);
  });

  it('switching meters changes everything', async () => {
    await chooseMeter(page, B.id);
    await assertTodayCards(page, B);
    await assertTodayCharts(page, B);
    assert.equal(await page.locator('#recharge-list li .amount').count(), 0);
    assert.equal(await text(page, '#recharge-list'), '近365天没有充值');
    assert.equal(await page.locator('#recharge-total').getAttribute('data-total'), '0.00');
    await screenshot(page, 'meter-b');

    await chooseRange(page, 'week');
    assert.deepEqual((await chartData(page, 'usage')).values, X(B).weekUsage);
    assert.deepEqual((await chartData(page, 'balance')).marks, []);
    assert.equal(await card(page, 'period'), X(B).periodWeek);
    assert.match(await card(page, 'period', 'period-change'), new RegExp(`^较上周期 \\${X(B).periodWeekChange} kWh`));
    await chooseDate(page, fx.pastDay);
    assert.deepEqual((await chartData(page, 'usage')).values, Array(24).fill(0.6));
    assert.equal((await chartData(page, 'balance')).values[23], X(B).pastDayLastBalance);
    assert.equal(await card(page, 'usage'), X(B).pastDayUsage);
    await chooseRange(page, 'day');
  });

  it('remembers the meter across visits', async () => {
    await page.reload();
    await settle(page);
    assert.equal(await page.inputValue('#meter'), B.id);
    await assertTodayCards(page, B);
    await chooseMeter(page, A.id);
    await assertTodayCards(page, A);
  });

  it('dark mode at 360 px keeps the layout inside the screen', async () => {
    const dark = await openPhone({ colorScheme: 'dark', width: 360 });
    try {
      await dark.page.goto(BASE);
      await settle(dark.page);
      const width = await dark.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `scrollWidth ${width}`);
      const bg = await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(bg, 'rgb(17, 20, 24)');
      const small = await dark.page.$$eval('button, select, input', (els) => els
        .filter((e) => e.offsetParent !== null)
        .filter((e) => e.getBoundingClientRect().height < 44).map((e) => e.id || e.textContent));
      assert.deepEqual(small, [], 'every tap target is at least 44 px high');
      await screenshot(dark.page, 'dark-360');
      assert.deepEqual(dark.errors, []);
    } finally {
      await dark.close();
    }
  });

  // On meter B: the API's clock is pinned in March while /fetch stores its reading at the real time, so
  // the fetched meter's views change shape (a months-long gap); A stays as the series made it.
  it('抓取 asks for the token once, keeps it and shows the new balance', { skip: missingEnv('EBILL_E2E_FETCH_TOKEN') }, async () => {
    // What the simulator's page shows for the meter now (its clock is frozen): the balance /fetch must bring.
    const sim = await (await fetch(new URL(`nat/pay.aspx?mid=${B.id}`, process.env.EBILL_E2E_SIM_URL))).text();
    const shown = /剩余电量:<\/span><label[^>]*>([\d.]+)<\/label>/.exec(sim);
    assert.ok(shown, 'the simulator page has a 剩余电量');
    const simBalance = Number(shown[1]).toFixed(2);
    assert.notEqual(simBalance, X(B).currentBalance);

    await chooseMeter(page, B.id);
    await page.evaluate(() => localStorage.removeItem('ebill.fetchToken'));
    await page.click('#fetch');
    await page.waitForSelector('#token-dialog[open]');
    assert.equal(await text(page, '#fetch-result'), '需要操作令牌');
    await screenshot(page, 'token-dialog', { fullPage: false });
    await page.fill('#token-input', process.env.EBILL_E2E_FETCH_TOKEN);
    await page.click('#token-form button[type="submit"]');
    await page.waitForFunction(() => !document.getElementById('fetch').disabled &&
      /抓取成功|抓取失败|无法|超时|频繁/.test(document.getElementById('fetch-result').textContent));
    assert.equal(await text(page, '#fetch-result'), `抓取成功，当前余额 ${simBalance} kWh`);
    assert.equal(await page.evaluate(() => localStorage.getItem('ebill.fetchToken')), process.env.EBILL_E2E_FETCH_TOKEN);
    await settle(page);
    assert.equal(await card(page, 'balance'), simBalance, 'the new reading is the current balance');
    await screenshot(page, 'fetch-done');

    // A second fetch within 30 s: no prompt (the token is kept), the rate limit is explained.
    await page.click('#fetch');
    await page.waitForFunction(() => /频繁|成功|失败/.test(document.getElementById('fetch-result').textContent) &&
      !document.getElementById('fetch').disabled);
    assert.equal(await page.locator('#token-dialog[open]').count(), 0);
    assert.match(await text(page, '#fetch-result'), /^操作太频繁/);
    await chooseMeter(page, A.id);
  });

  it('shows the API-down state when the server is stopped', { skip: missingEnv('EBILL_E2E_STOP_CMD') }, async () => {
    assert.equal(await card(page, 'balance'), X(A).currentBalance);
    execSync(process.env.EBILL_E2E_STOP_CMD, { stdio: 'inherit' });
    await page.waitForFunction(async (url) => {
      try {
        await fetch(url, { cache: 'no-store' });
        return false;
      } catch {
        return true; // the server is gone
      }
    }, `${BASE}healthz`, { timeout: 10_000 });
    await page.click('#refresh');
    await page.waitForSelector('#banner[data-state="unreachable"]', { state: 'visible', timeout: 20_000 });
    assert.match(await text(page, '#banner'), /无法连接服务器/);
    assert.match(await text(page, '#stale'), /^离线数据 · 保存于 \d\d-\d\d \d\d:\d\d$/, 'the service worker\'s answers are marked');
    assert.equal(await card(page, 'balance'), X(A).currentBalance, 'the last data stays');
    assert.deepEqual((await chartData(page, 'usage')).values.slice(0, 8), Array(8).fill(0.3), 'and the charts');
    await screenshot(page, 'api-down');
  });
});

describe('no meters configured', { skip: missingEnv('EBILL_E2E_EMPTY_BASE_URL') }, () => {
  it('says so instead of empty charts', async () => {
    const phone = await openPhone();
    try {
      await phone.page.goto(process.env.EBILL_E2E_EMPTY_BASE_URL);
      await settle(phone.page);
      assert.equal(await phone.page.getAttribute('#empty', 'data-state'), 'no-meters');
      assert.match(await text(phone.page, '#empty'), /尚未配置电表/);
      assert.equal(await phone.page.locator('#content').isVisible(), false);
      await screenshot(phone.page, 'no-meters');
      assert.deepEqual(phone.errors, []);
    } finally {
      await phone.close();
    }
  });
});
