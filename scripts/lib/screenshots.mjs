// scripts/screenshots' browser part: node screenshots.mjs URL OUT_DIR METER
// writes OUT_DIR/overview-phone.png, overview-desktop.png, calendar-year.png
// and calendar-month.png (上月) from the page at URL (headless Chromium through the
// tests' launcher, tests/web/e2e/browser.mjs).
import { join } from 'node:path';
import { openPhone, settle } from '../../tests/web/e2e/browser.mjs';

const [url, out, meter] = process.argv.slice(2);

async function overview(size, file) {
  const b = await openPhone(size);
  try {
    await b.page.goto(`${url}#overview`);
    await b.page.waitForSelector('#fleet-list .fleet-row');
    await b.page.screenshot({ path: join(out, file) });
  } finally {
    await b.close();
  }
}

async function calendar(range, file) {
  const b = await openPhone();
  try {
    await b.page.goto(`${url}#meter=${meter}`);
    await settle(b.page);
    await b.page.click(`[data-range="${range}"]`);
    await settle(b.page);
    await b.page.waitForSelector('#calendar:not([hidden]) .cal-totals');
    // The chart panel: the tabs, both charts, the totals and (12个月) the months' table.
    await b.page.locator('section[aria-label="图表"]').screenshot({ path: join(out, file) });
    if (b.errors.length) throw new Error(`console errors: ${b.errors.join('; ')}`);
  } finally {
    await b.close();
  }
}

await overview({}, 'overview-phone.png');
await overview({ width: 1280, height: 800 }, 'overview-desktop.png');
await calendar('twelve_months', 'calendar-year.png');
await calendar('last_month', 'calendar-month.png'); // 上月: a whole month, whatever today is
console.log(`screenshots: wrote overview-phone, overview-desktop, calendar-year, calendar-month in ${out}`);
