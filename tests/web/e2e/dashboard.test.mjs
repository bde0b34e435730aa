// End-to-end: the page in Debian's Chromium at 390×844 against a real
// ebill-api serving the known series of fixture.mjs.
//
//   EBILL_E2E_BASE_URL=http://127.0.0.1:PORT   ebill-api serving web/dist and the API (required)
//   EBILL_E2E_FIXTURE=DIR/fixture.json         written by fixture.mjs, loaded into the API's SQLite (required)
//   EBILL_E2E_FETCH_TOKEN=...                  the API's FETCH_TOKEN; its meters fetch from the simulator
//   EBILL_E2E_STOP_CMD='kill PID'              stops the API (run last, for the unreachable state)
//   EBILL_E2E_EMPTY_BASE_URL=...               optional: an ebill-api with no meters configured
//
//   node --test tests/web/e2e/
import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chartData, openPhone, screenshot, settle } from './browser.mjs';

const BASE = process.env.EBILL_E2E_BASE_URL;
const FIXTURE = process.env.EBILL_E2E_FIXTURE;
const skip = !BASE || !FIXTURE ? 'EBILL_E2E_BASE_URL and EBILL_E2E_FIXTURE are not set' : false;
const fx = skip ? null : JSON.parse(readFileSync(FIXTURE, 'utf8'));
const [A, B] = fx ? fx.meters : [{}, {}];

const fixed2 = (n) => n.toFixed(2);
const mmdd = (date) => date.slice(5);
const sum = (xs) => Math.round(xs.filter((x) => typeof x === 'number').reduce((a, b) => a + b * 100, 0)) / 100;

async function text(page, selector) {
  return (await page.locator(selector).first().textContent())?.trim() ?? '';
}
const card = (page, kpi, field = 'value') => text(page, `[data-kpi="${kpi}"] [data-field="${field}"]`);

async function chooseMeter(page, id) {
  await page.selectOption('#meter', id);
  await settle(page);
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
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no horizontal overflow (scrollWidth ${width})`);
    await screenshot(page, 'main');
    assert.deepEqual(phone.errors, []);
  });

  it('the KPI cards show what the series implies', async () => {
    assert.equal(await card(page, 'balance'), fixed2(fx.expected[A.id].currentBalance));
    assert.match(await text(page, '#freshness'), /^更新于 (刚刚|\d+ 分钟前)/);
    assert.doesNotMatch(await text(page, '#cards'), /NaN|undefined|null/);
  });

  it('今日 shows 24 hourly buckets ending with the current balance', async () => {
    const u = await chartData(page, 'usage');
    const b = await chartData(page, 'balance');
    assert.equal(u.labels.length, 24);
    assert.equal(b.labels.length, 24);
    const last = b.values.filter((v) => v !== null).at(-1);
    assert.equal(last, fx.expected[A.id].currentBalance);
  });

  it('近7天 and 近30天 change the charts to daily buckets', async () => {
    await page.click('[data-range="week"]');
    await settle(page);
    const week = await chartData(page, 'usage');
    assert.equal(week.labels.length, 7);
    assert.equal(week.labels.at(-1), mmdd(fx.today));
    assert.equal(week.values[week.labels.indexOf(mmdd(fx.yesterday))], fx.expected[A.id].dailyUsage);
    const marks = (await chartData(page, 'balance')).marks;
    assert.equal(marks.length, 1, 'the recharge is marked on the balance chart');
    assert.equal(marks[0].coord[0], mmdd(fx.rechargeDay));
    assert.ok(fx.expected[A.id].rechargeAmounts.includes(marks[0].value), `recharge mark ${marks[0].value}`);
    await screenshot(page, 'week');

    await page.click('[data-range="month"]');
    await settle(page);
    const month = await chartData(page, 'usage');
    assert.equal(month.labels.length, 30);
    assert.equal(month.labels.at(-1), mmdd(fx.today));
    await screenshot(page, 'month');
  });

  it('a chosen past day shows that day, its usage and its last balance', async () => {
    await page.fill('#date', fx.yesterday);
    await settle(page);
    const u = await chartData(page, 'usage');
    const b = await chartData(page, 'balance');
    assert.equal(u.labels.length, 24);
    assert.equal(sum(u.values), fx.expected[A.id].yesterdayUsage);
    assert.equal(b.values.filter((v) => v !== null).at(-1), fx.expected[A.id].yesterdayLastBalance);
    assert.equal(await card(page, 'usage'), fixed2(fx.expected[A.id].yesterdayUsage));
    assert.match(await text(page, '[data-kpi="usage"] .label'), new RegExp(mmdd(fx.yesterday)));
    await screenshot(page, 'past-day');
  });

  it('the recharge list matches the series', async () => {
    await page.click('[data-range="day"]');
    await settle(page);
    const rows = page.locator('#recharge-list li .amount');
    assert.equal(await rows.count(), fx.expected[A.id].rechargeCount30);
    const amount = Number(await rows.first().getAttribute('data-amount'));
    assert.ok(fx.expected[A.id].rechargeAmounts.includes(amount), `recharge ${amount}`);
    assert.match(await text(page, '#recharge-list li .when'), new RegExp(fx.expected[A.id].rechargeDate));
    assert.equal(await page.locator('#recharge-total').getAttribute('data-total'), fixed2(amount));
    await page.click('#recharge-days [data-days="365"]');
    await settle(page);
    assert.equal(await page.locator('#recharge-list li .amount').count(), 1);
  });

  it('switching meters changes everything', async () => {
    await chooseMeter(page, B.id);
    assert.equal(await card(page, 'balance'), fixed2(fx.expected[B.id].currentBalance));
    const b = await chartData(page, 'balance');
    assert.equal(b.values.filter((v) => v !== null).at(-1), fx.expected[B.id].currentBalance);
    assert.equal(await page.locator('#recharge-list li .amount').count(), 0);
    assert.match(await text(page, '#recharge-list'), /没有充值/);
    await screenshot(page, 'meter-b');

    await page.fill('#date', fx.yesterday);
    await settle(page);
    assert.equal(sum((await chartData(page, 'usage')).values), fx.expected[B.id].yesterdayUsage);

    await page.fill('#date', fx.gapDay);
    await settle(page);
    assert.equal(await page.locator('#usage-empty').isVisible(), true, 'a day without readings says so');
    assert.match(await text(page, '#usage-empty'), /没有读数/);
    assert.equal(await chartData(page, 'usage'), null);
    assert.equal(await card(page, 'usage'), '—', 'no 0.00 for a day without readings');
    await screenshot(page, 'day-without-readings');
  });

  it('remembers the meter across visits', async () => {
    await page.reload();
    await settle(page);
    assert.equal(await page.inputValue('#meter'), B.id);
    await chooseMeter(page, A.id);
  });

  it('抓取 asks for the token once, keeps it and shows the new balance', { skip: !process.env.EBILL_E2E_FETCH_TOKEN && 'EBILL_E2E_FETCH_TOKEN is not set' }, async () => {
    await page.evaluate(() => localStorage.removeItem('ebill.fetchToken'));
    await page.click('#fetch');
    await page.waitForSelector('#token-dialog[open]');
    await screenshot(page, 'token-dialog');
    await page.fill('#token-input', process.env.EBILL_E2E_FETCH_TOKEN);
    await page.click('#token-form button[type="submit"]');
    await page.waitForFunction(() => /抓取成功|抓取失败|无法|超时|频繁/.test(document.getElementById('fetch-result').textContent));
    assert.match(await text(page, '#fetch-result'), /^抓取成功，当前余额 \d+\.\d\d kWh$/);
    assert.equal(await page.evaluate(() => localStorage.getItem('ebill.fetchToken')), process.env.EBILL_E2E_FETCH_TOKEN);
    await settle(page);
    await screenshot(page, 'fetch-done');

    // A second fetch within 30 s: no prompt (the token is kept), the rate limit is explained.
    await page.click('#fetch');
    await page.waitForFunction(() => /频繁|成功|失败/.test(document.getElementById('fetch-result').textContent) &&
      !document.getElementById('fetch').disabled);
    assert.equal(await page.locator('#token-dialog[open]').count(), 0);
    assert.match(await text(page, '#fetch-result'), /操作太频繁/);
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

  it('shows the API-down state when the server is stopped', { skip: !process.env.EBILL_E2E_STOP_CMD && 'EBILL_E2E_STOP_CMD is not set' }, async () => {
    execSync(process.env.EBILL_E2E_STOP_CMD, { stdio: 'inherit' });
    await page.click('#refresh');
    await page.waitForSelector('#banner[data-state="unreachable"]', { state: 'visible', timeout: 20_000 });
    assert.match(await text(page, '#banner'), /无法连接服务器/);
    assert.equal(await card(page, 'balance'), fixed2(fx.expected[A.id].currentBalance), 'the last data stays');
    await screenshot(page, 'api-down');
  });
});

describe('no meters configured', { skip: !process.env.EBILL_E2E_EMPTY_BASE_URL && 'EBILL_E2E_EMPTY_BASE_URL is not set' }, () => {
  it('says so instead of empty charts', async () => {
    const phone = await openPhone();
    try {
      await phone.page.goto(process.env.EBILL_E2E_EMPTY_BASE_URL);
      await settle(phone.page);
      assert.equal(await phone.page.getAttribute('#empty', 'data-state'), 'no-meters');
      assert.match(await text(phone.page, '#empty'), /尚未配置电表/);
      await screenshot(phone.page, 'no-meters');
      assert.deepEqual(phone.errors, []);
    } finally {
      await phone.close();
    }
  });
});
