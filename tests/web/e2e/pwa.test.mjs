// The installable, offline page: the manifest, the service worker, the icons,
// an offline open showing the last data marked stale, and an upgrade that never
// serves the old shell. run.mjs serves a copy of web/dist from its own
// ebill-api (the same known series as dashboard.test.mjs) and sets:
//
//   EBILL_E2E_PWA_BASE_URL=http://127.0.0.1:PORT/  that ebill-api (required)
//   EBILL_E2E_PWA_ROOT=DIR                          its WEB_ROOT, rewritten here for the upgrade (required)
//   EBILL_E2E_FIXTURE=DIR/fixture.json              the known series (required)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { missingEnv, openPhone, recordRequests, screenshot, settle, SOURCE_DIR } from './browser.mjs';

const skip = missingEnv('EBILL_E2E_PWA_BASE_URL', 'EBILL_E2E_PWA_ROOT', 'EBILL_E2E_FIXTURE');
const BASE = process.env.EBILL_E2E_PWA_BASE_URL;
const ROOT = process.env.EBILL_E2E_PWA_ROOT;
const fx = skip ? null : JSON.parse(readFileSync(process.env.EBILL_E2E_FIXTURE, 'utf8'));
const text = async (page, sel) => (await page.locator(sel).first().textContent())?.trim() ?? '';
const balance = (page) => text(page, '[data-kpi="balance"] [data-field="value"]');

/** Waits until a service worker is active and controls `page`; returns its script URL. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 15_000 });
  return page.evaluate(() => navigator.serviceWorker.controller.scriptURL);
}

/** The names of the page's caches. */
const cacheNames = (page) => page.evaluate(() => caches.keys());

/** "MM-DD HH:MM" of `ms` in the fixture's zone, as the stale mark writes it. */
function wall(ms) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: fx.tz, month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(ms).map((x) => [x.type, x.value]));
  return `${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

describe('ebill-api serves the installable page', { skip }, () => {
  it('the manifest, the service worker and the icons with their types and caching', async () => {
    const m = await fetch(new URL('manifest.webmanifest', BASE));
    assert.equal(m.status, 200);
    assert.equal(m.headers.get('content-type'), 'application/manifest+json');
    const manifest = await m.json();
    assert.equal(manifest.start_url, '/');
    assert.equal(manifest.display, 'standalone');
    assert.deepEqual(manifest.icons.map((i) => [i.sizes, i.purpose]), [['192x192', 'any'], ['512x512', 'any'], ['512x512', 'maskable']]);
    const sw = await fetch(new URL('sw.js', BASE));
    assert.equal(sw.status, 200);
    assert.equal(sw.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(sw.headers.get('cache-control'), 'no-cache', 'a new service worker is seen at the next visit');
    assert.match(await sw.text(), /const VERSION = "[0-9a-f]{16}";/);
    for (const i of manifest.icons) {
      const r = await fetch(new URL(i.src, BASE));
      assert.equal(r.status, 200, i.src);
      assert.equal(r.headers.get('content-type'), 'image/png', i.src);
    }
  });
});

describe('the page installs and opens offline', { skip }, () => {
  let phone;
  let page;
  let requests;

  before(async () => {
    phone = await openPhone();
    page = phone.page;
    requests = recordRequests(phone.context);
    await page.goto(BASE);
    await settle(page);
  });
  after(async () => {
    await phone?.close();
  });

  it('is installable: manifest parsed, service worker active, icons load', async () => {
    assert.equal(await controlled(page), new URL('sw.js', BASE).href);
    const cdp = await phone.context.newCDPSession(page);
    const am = await cdp.send('Page.getAppManifest');
    assert.equal(am.url, new URL('manifest.webmanifest', BASE).href);
    assert.deepEqual(am.errors, []);
    assert.equal(JSON.parse(am.data).name, '电费监控');
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    const icons = await page.evaluate(async () => {
      const m = await (await fetch('/manifest.webmanifest')).json();
      return Promise.all(m.icons.map((i) => new Promise((ok) => {
        const img = new Image();
        img.onload = () => ok([i.sizes, `${img.naturalWidth}x${img.naturalHeight}`]);
        img.onerror = () => ok([i.sizes, 'failed']);
        img.src = i.src;
      })));
    });
    assert.deepEqual(icons, icons.map(([s]) => [s, s]), 'each icon loads at its stated size');
    assert.deepEqual(phone.errors, []);
  });

  it('opens with no network, showing the last data marked stale', async () => {
    await page.reload(); // now every answer passes through the service worker, which keeps it
    await settle(page);
    assert.equal(await page.locator('#stale').isVisible(), false, 'fresh answers are not marked');
    assert.equal(await balance(page), fx.expected[fx.meters[0].id].currentBalance);
    const keptFrom = Date.now() - 60_000;
    await phone.context.setOffline(true);
    try {
      await page.reload();
      await settle(page);
      assert.equal(await text(page, 'h1'), '电费监控', 'the shell came from the cache');
      assert.equal(await balance(page), fx.expected[fx.meters[0].id].currentBalance, 'the last data shows');
      assert.equal(await page.locator('#stale').isVisible(), true);
      const note = await text(page, '#stale');
      const m = /^离线数据 · 保存于 (\d\d-\d\d \d\d:\d\d)$/.exec(note);
      assert.ok(m, note);
      const minutes = [];
      for (let t = keptFrom; t <= Date.now() + 60_000; t += 60_000) minutes.push(wall(t));
      assert.ok(minutes.includes(m[1]), `${m[1]} is when the answers were kept (${minutes.join(', ')})`);
      assert.equal(await page.getAttribute('#banner', 'data-state'), 'unreachable');
      await screenshot(page, 'offline');
    } finally {
      await phone.context.setOffline(false);
    }
    await page.click('#refresh');
    await settle(page);
    assert.equal(await page.locator('#stale').isVisible(), false, 'back online: the mark goes');
    assert.equal(await page.locator('#banner').isVisible(), false);
  });

  it('after an upgrade the new shell shows at once, online and then offline', async () => {
    const v1 = await cacheNames(page);
    assert.equal(v1.filter((n) => n.startsWith('ebill-shell-')).length, 1, v1.join(', '));
    // Build 2: the same page with a changed shell, its sw.js written by the build's own script.
    const build2 = mkdtempSync(join(tmpdir(), 'ebill-build2-'));
    try {
      cpSync(ROOT, build2, { recursive: true });
      const html = readFileSync(join(build2, 'index.html'), 'utf8');
      writeFileSync(join(build2, 'index.html'), html.replace('<title>电费监控</title>', '<title>电费监控 · 2</title>'));
      const gen = spawnSync(process.execPath, [join(SOURCE_DIR, 'web', 'scripts', 'service-worker.mjs'), build2], { encoding: 'utf8' });
      assert.equal(gen.status, 0, gen.stderr);
      cpSync(build2, ROOT, { recursive: true });
    } finally {
      rmSync(build2, { recursive: true, force: true });
    }
    await page.reload();
    await settle(page);
    assert.equal(await page.title(), '电费监控 · 2', 'the first visit after the upgrade shows the new shell');
    // The browser checks sw.js on that navigation, installs the new worker, which drops the old shell cache.
    const v2 = `ebill-shell-${/const VERSION = "([0-9a-f]+)"/.exec(readFileSync(join(ROOT, 'sw.js'), 'utf8'))[1]}`;
    assert.ok(!v1.includes(v2));
    let names = [];
    for (const end = Date.now() + 20_000; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
      names = (await cacheNames(page)).filter((n) => n.startsWith('ebill-shell-'));
      if (names.length === 1 && names[0] === v2) break;
    }
    assert.deepEqual(names, [v2], 'only the new shell cache is left');
    await phone.context.setOffline(true);
    try {
      await page.reload();
      await settle(page);
      assert.equal(await page.title(), '电费监控 · 2', 'offline, the cached shell is the new one');
    } finally {
      await phone.context.setOffline(false);
    }
  });

  it('makes no third-party requests', () => {
    const origin = new URL(BASE).origin;
    assert.ok(requests.length > 0);
    assert.deepEqual(requests.filter((u) => new URL(u).origin !== origin), []);
  });
});
