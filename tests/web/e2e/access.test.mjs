// End-to-end: who sees what in Chromium, on an ebill-api with
// ACCESS_MODE=shared over the known series (meters E2EA 一楼, E2EB 二楼).
// - A tenant opening the share link of E2EA (made by `ebill-api share create`
//   in run.mjs) sees that meter's dashboard and nothing else: its name, no
//   meter picker, no fleet overview; the page's own calls carry the HttpOnly
//   cookie, and asking the API for E2EB answers 404. Screenshot:
//   build/test-artifacts/web-tenant-view.png (docs/tenant-view.png is a copy).
// - The admin: the page sends an unsigned-in visitor to the sign-in page; a
//   wrong token is refused there, the right one opens the page with both
//   meters; the overview's share links make a link for E2EB that opens E2EB
//   only in another browser, and revoke it; 退出登录 ends the session.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { missingEnv, openPhone, screenshot, settle } from './browser.mjs';

const BASE = process.env.EBILL_E2E_SHARED_BASE_URL;
const TOKEN = process.env.EBILL_E2E_ADMIN_TOKEN;
const SHARE = process.env.EBILL_E2E_SHARE_PATH;
const skip = missingEnv('EBILL_E2E_SHARED_BASE_URL', 'EBILL_E2E_ADMIN_TOKEN', 'EBILL_E2E_SHARE_PATH');

/** Opens a share link and waits for the tenant's dashboard. */
async function openAsTenant(page, link) {
  await page.goto(link);
  await page.waitForURL((u) => u.pathname === '/', { timeout: 15_000 });
  await page.waitForFunction(() => window.__ebill?.viewer()?.role === 'tenant', null, { timeout: 15_000 });
  await settle(page);
  await page.waitForFunction(() => window.__ebill.state().kpi !== null, null, { timeout: 15_000 });
}

describe('access: a tenant', { skip }, () => {
  let b;
  before(async () => {
    b = await openPhone();
  });
  after(async () => {
    await b?.close();
  });

  it('sees only the shared meter, with no picker and no fleet', async () => {
    const { page, context } = b;
    const refused = [];
    page.on('response', (r) => {
      if (r.status() >= 400) refused.push(`${r.status()} ${r.url()}`);
    });
    assert.match(SHARE, /^\/s\/[A-Za-z0-9_-]{43}$/);
    await openAsTenant(page, new URL(SHARE, BASE).href);
    const st = await page.evaluate(() => window.__ebill.state());
    assert.deepEqual(st.devices.map((d) => d.id), ['E2EA']);
    assert.equal(st.deviceId, 'E2EA');
    assert.equal(await page.isVisible('#meter'), false);
    assert.equal(await page.isVisible('#to-overview'), false);
    assert.equal((await page.textContent('#meter-name')).trim(), '一楼');
    assert.equal(await page.isVisible('#fetch'), false); // the link has no --allow-fetch
    assert.ok((await page.locator('#cards .card').count()) > 0);
    assert.deepEqual(b.errors, []);
    await screenshot(page, 'tenant-view');

    // The cookie: HttpOnly (the page's script never sees it), SameSite=Strict.
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'ebill_session');
    assert.ok(session);
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Strict');
    assert.equal(await page.evaluate(() => document.cookie.includes('ebill_session')), false);

    // The fleet overview is not there for a tenant, and the API scopes every answer.
    await page.goto(`${BASE}#overview`);
    await settle(page);
    assert.equal(await page.isVisible('#overview'), false);
    const answers = await page.evaluate(async () => {
      const status = async (p) => (await fetch(p)).status;
      return {
        other: await status('/kpi?device_id=E2EB'),
        overview: await status('/overview'),
        devices: (await (await fetch('/devices')).json()).devices.map((d) => d.id),
      };
    });
    assert.deepEqual(answers, { other: 404, overview: 403, devices: ['E2EA'] });
  });
});

describe('access: the admin', { skip }, () => {
  let b;
  before(async () => {
    b = await openPhone();
  });
  after(async () => {
    await b?.close();
  });

  it('signs in, makes and revokes a share link, signs out', async () => {
    const { page } = b;
    await page.goto(BASE);
    await page.waitForURL((u) => u.pathname === '/signin.html');
    await page.fill('#signin-token', 'wrong-token-0123456789');
    await page.click('#signin-submit');
    await page.waitForSelector('#signin-error:not([hidden])');
    assert.equal((await page.textContent('#signin-error')).trim(), '令牌不对');

    await page.fill('#signin-token', TOKEN);
    await page.click('#signin-submit');
    await page.waitForURL((u) => u.pathname === '/');
    await page.waitForFunction(() => window.__ebill?.viewer()?.role === 'admin', null, { timeout: 15_000 });
    await settle(page);
    assert.deepEqual((await page.evaluate(() => window.__ebill.state().devices)).map((d) => d.id), ['E2EA', 'E2EB']);
    assert.equal(await page.isVisible('#meter'), true);
    assert.equal(await page.isVisible('#signout'), true);

    // The overview's share links: make one for E2EB.
    await page.goto(`${BASE}#overview`);
    await page.waitForSelector('#shares:not([hidden])');
    await page.fill('#share-meter', '二楼（E2EB）');
    await page.fill('#share-label', '二楼租客');
    await page.click('#share-form button[type=submit]');
    await page.waitForSelector('#share-made:not([hidden])');
    const url = await page.inputValue('#share-url');
    assert.match(url, new RegExp(`^${BASE.replace(/\/$/, '')}/s/[A-Za-z0-9_-]{43}$`));
    await page.waitForSelector('#share-list li:has-text("二楼租客")');

    // The new link shows E2EB only, in another browser.
    const t = await openPhone();
    try {
      await openAsTenant(t.page, url);
      assert.deepEqual((await t.page.evaluate(() => window.__ebill.state().devices)).map((d) => d.id), ['E2EB']);
      // Revoked on the overview: the tenant's next call is refused at once.
      await page.click('#share-list li:has-text("二楼租客") button');
      await page.waitForSelector('#share-list li.ended:has-text("二楼租客")');
      await t.page.reload();
      // The page's first call is told link_ended (which also clears the cookie); its other calls then get a
      // plain 401, which must not take the note away.
      await t.page.waitForURL((u) => u.pathname === '/signin.html' && u.search === '?ended=1');
      assert.match(await t.page.textContent('#signin-note'), /已过期或已被撤销/);
      const status = await t.page.evaluate(async () => (await fetch('/devices')).status);
      assert.equal(status, 401);
    } finally {
      await t.close();
    }

    await page.click('#signout');
    await page.waitForURL((u) => u.pathname === '/signin.html');
    await page.goto(BASE);
    await page.waitForURL((u) => u.pathname === '/signin.html');
    assert.deepEqual(b.errors.filter((e) => !/status of 40[13]/.test(e)), []);
  });
});
