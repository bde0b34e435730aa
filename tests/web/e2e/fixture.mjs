// The known series the browser tests run against, and what it implies.
//
//   node tests/web/e2e/fixture.mjs --out DIR
//
// writes DIR/readings.csv (meter_no,collected_at,remain,remain_money,unit_price;
// collected_at is wall-clock time in APP_TZ) for `ebill-collector import` and
// DIR/fixture.json (meters, dates, expected values) for the tests. The API
// under test runs with its clock pinned at NOW (EBILL_API_TEST_NOW), so the
// series and every expected value are the same on every run, at any hour.
//
// The series: a reading every 10 minutes from D-10 00:00 up to D 20:30, with
// D = 2026-03-15 and NOW = D 20:35:00. Slot k is D-10 00:00 + 10 k minutes;
// the last is N = 10·144 + 123 = 1563 (D 20:30).
//   A (E2EA, 一楼): 300.00 kWh at k = 0, 0.05 kWh used per 10 minutes (0.30
//     an hour, 7.20 a day), except the 10 minutes up to D 08:10 (k = 1489),
//     when 100.00 kWh were bought and nothing was used: remain(k) = 300.00 −
//     0.05·(k − [k ≥ 1489]) + 100.00·[k ≥ 1489].
//   B (E2EB, 二楼): 400.00 kWh at k = 0, 0.10 kWh per 10 minutes (0.60 an
//     hour, 14.40 a day), no recharge: remain(k) = 400.00 − 0.10·k.
// Both show the unit price 0.6000 and remain_money = remain × 0.6.
//
// Every step is 10 minutes (normal, docs/usage-semantics.md rule 1), so a
// bucket's usage is the drops of the steps ending in it (a step ending on
// 00:00 belongs to the new day, rule 3), the recharge step's rise of 100.00
// is read with the 0.05 its 10 minutes hid at the meter's rate of 0.30 an
// hour (rule 2: recharge 100.05, 0.05 used), and the first reading (k = 0) adds
// nothing (rule 9). The expected values below are worked out by hand from
// this; each line says how.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TZ = 'Asia/Shanghai';
export const TODAY = '2026-03-15';
export const NOW = `${TODAY} 20:35:00`;
const SLOTS = 10 * 144 + 123; // k = 0 … 1563
const RECHARGE_SLOT = 10 * 144 + 49; // D 08:10

function pad(n) {
  return String(n).padStart(2, '0');
}

export function addDays(date, n) {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

// Remaining kWh in hundredths (integers: no float drift in the CSV).
function remainA(k) {
  const bought = k >= RECHARGE_SLOT ? 1 : 0;
  return 30000 - 5 * (k - bought) + 10000 * bought;
}
function remainB(k) {
  return 40000 - 10 * k;
}
// Both meters show a unit price of 0.6000 and the money it implies; remain is a multiple of 0.05 kWh,
// so remain × 0.6 is a whole number of fen (no rounding).
const PRICE = '0.6000';
const money = (h) => (h * 6) / 10;
const kwh = (h) => `${Math.trunc(h / 100)}.${pad(h % 100)}`;

function slotTime(k) {
  const date = addDays(TODAY, -10 + Math.floor(k / 144));
  const minute = (k % 144) * 10;
  return `${date} ${pad(Math.floor(minute / 60))}:${pad(minute % 60)}:00`;
}

export function buildFixture() {
  const readings = [];
  for (let k = 0; k <= SLOTS; k++) {
    readings.push(`E2EA,${slotTime(k)},${kwh(remainA(k))},${kwh(money(remainA(k)))},${PRICE}`);
    readings.push(`E2EB,${slotTime(k)},${kwh(remainB(k))},${kwh(money(remainB(k)))},${PRICE}`);
  }
  const yesterday = addDays(TODAY, -1);
  const pastDay = addDays(TODAY, -2); // 2026-03-13
  return {
    readings,
    fixture: {
      tz: TZ, now: NOW, today: TODAY, yesterday, pastDay,
      emptyDay: addDays(TODAY, -12), // before the first reading: nothing at all (rule 11)
      meters: [{ id: 'E2EA', name: '一楼' }, { id: 'E2EB', name: '二楼' }],
      freshness: '更新于 5 分钟前', // last reading 20:30, server clock 20:35
      unitPrice: '单价 ¥0.60/kWh',
      expected: {
        E2EA: {
          // 300.00 − 0.05·(1563 − 1) + 100.00
          currentBalance: '321.90',
          money: '约 ¥193.14', // 321.90 × 0.6
          // today: steps ending 00:00 … 20:30 = 124, one of them the recharge → 123 · 0.05
          // + the 0.05 the recharge step hid (rule 2)
          usageToday: '6.20',
          usageYesterday: '7.20', // 144 · 0.05
          dayChange: '-1.00', dayChangePct: '-13.9%', // 6.20 − 7.20; −1.00 / 7.20 = −13.89 %
          rechargeToday: '100.05',
          // 今日至今 against yesterday up to 20:35: steps ending 00:00 … 20:30 = 124 · 0.05 = 6.20
          periodDay: '6.20', periodDayChange: '0.00',
          // days D-7 … D-1 used 7.20 each; 321.90 / 7.20 = 44.7083 → 44.70 days,
          // 44 d 17 h after D 20:30 → 04-29 13:30
          daysLeft: '44', depletion: '04-29',
          todayHours: {
            // 00点 balance = its first reading (00:00, k = 1440): 300.00 − 72.00
            firstBalance: 228.0,
            // 20点: last reading 20:30; hours 21–23 have none
            lastBalance: 321.9, lastHour: 20,
            // 08点: steps ending 08:00 … 08:50: 5 · 0.05 + the 0.05 the recharge hid; recharge 100.05
            rechargeHour: 8, rechargeHourUsage: 0.3, recharge: 100.05,
            rechargeHourBalance: 325.4, // 08:50 (k = 1493): 300.00 − 0.05 · 1492 + 100.00
            hourUsage: 0.3, // any other full hour: 6 · 0.05
            lastHourUsage: 0.2, // 20点: steps ending 20:00 … 20:30 = 4 · 0.05
          },
          // 近7天 (03-09 … 03-15): 7.20 a day, today 6.20; the week 6 · 7.20 + 6.20
          weekUsage: [7.2, 7.2, 7.2, 7.2, 7.2, 7.2, 6.2], periodWeek: '49.40',
          // the 7 days before, cut at now − 7 days (03-08 20:35): 03-05 7.15 (no anchor) + 03-06, 03-07
          // 7.20 each + 03-08 up to 20:30 124 · 0.05 = 6.20 → 27.75; 49.40 − 27.75
          periodWeekChange: '+21.65',
          // day-end balances: D-1 23:50 is k = 1439: 300.00 − 71.95 = 228.05
          yesterdayLastBalance: 228.05,
          // 近30天 (02-14 … 03-15): nothing before 03-05 (drawn as no reading, null); 03-05 = 143 · 0.05 (k = 0 adds nothing)
          monthUsage: [...Array(19).fill(null), 7.15, ...Array(9).fill(7.2), 6.2],
          // 03-13: 24 hours of 0.30, last reading 23:50 (k = 1295): 300.00 − 64.75
          pastDayUsage: '7.20', pastDayLastBalance: 235.25,
          recharges: [{
            time: `${TODAY} 08:10:00`, amount: '100.05', // the rise + the 0.05 its step hid
            // before: 08:00 (k = 1488) 300.00 − 74.40; after: + 100.00
            before: '225.60', after: '325.60',
            money: '¥60.03', // 100.05 × the newest unit price 0.6000
          }],
        },
        E2EB: {
          currentBalance: '243.70', // 400.00 − 0.10 · 1563
          money: '约 ¥146.22', // 243.70 × 0.6
          usageToday: '12.40', // 124 · 0.10
          usageYesterday: '14.40', // 144 · 0.10
          dayChange: '-2.00', dayChangePct: '-13.9%', // −2.00 / 14.40 = −13.89 %
          rechargeToday: null,
          periodDay: '12.40', periodDayChange: '0.00', // yesterday up to 20:35: 124 · 0.10
          // 243.70 / 14.40 = 16.9236 → 16.92 days; 16 d 22 h 10 min after D 20:30 → 04-01 18:40
          daysLeft: '16', depletion: '04-01',
          todayHours: { // 00:00 is k = 1440: 400.00 − 144.00; 20点 4 · 0.10
            firstBalance: 256.0, lastBalance: 243.7, lastHour: 20, hourUsage: 0.6, lastHourUsage: 0.4,
          },
          weekUsage: [14.4, 14.4, 14.4, 14.4, 14.4, 14.4, 12.4], periodWeek: '98.80',
          periodWeekChange: '+43.30', // 98.80 − (14.30 + 2 · 14.40 + 12.40)
          yesterdayLastBalance: 256.1, // k = 1439: 400.00 − 143.90
          monthUsage: [...Array(19).fill(null), 14.3, ...Array(9).fill(14.4), 12.4],
          pastDayUsage: '14.40', pastDayLastBalance: 270.5, // k = 1295: 400.00 − 129.50
          recharges: [],
        },
      },
    },
  };
}

function main(argv) {
  const i = argv.indexOf('--out');
  const out = i >= 0 ? argv[i + 1] : null;
  if (!out) {
    console.error('usage: fixture.mjs --out DIR');
    process.exit(2);
  }
  const { readings, fixture } = buildFixture();
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'readings.csv'), 'meter_no,collected_at,remain,remain_money,unit_price\n' + readings.join('\n') + '\n');
  writeFileSync(join(out, 'fixture.json'), JSON.stringify(fixture, null, 2) + '\n');
  console.log(`fixture: ${readings.length} readings up to ${NOW} (${TZ}) in ${out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
