// The known series the browser tests run against, and what it implies.
//
//   node tests/web/e2e/fixture.mjs --out DIR [--tz Asia/Shanghai] [--now ISO]
//
// writes DIR/readings.csv (meter_no,collected_at,balance; collected_at is
// wall-clock time in APP_TZ) for the loader, and DIR/fixture.json (meters,
// today, last hour, expected values) for the tests. Load the CSV into the
// SQLite database the ebill-api under test reads, then run the tests with
// EBILL_E2E_FIXTURE=DIR/fixture.json.
//
// The series, with D = today in APP_TZ and hourly readings on the hour from
// D-10 00:00 up to the current hour H of D:
//   A (E2E-A, 一楼): 300.00 kWh at D-10 00:00, 0.50 kWh used every hour
//     (12.00 a day); a 100.00 kWh recharge at D-2 12:30, so the D-2 13:00
//     reading is 0.50 lower than the 12:00 one plus 100.00.
//   B (E2E-B, 二楼): 400.00 kWh at D-10 00:00, 1.25 kWh every hour
//     (30.00 a day); no reading at all on D-3 (collector down); no recharge.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const HOURS_BEFORE_TODAY = 10 * 24;

function pad(n) {
  return String(n).padStart(2, '0');
}

export function addDays(date, n) {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Today's date and the current hour in `tz` at instant `now`. */
export function localNow(now, tz) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit',
  }).formatToParts(now).map((x) => [x.type, x.value]));
  return { today: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour) % 24 };
}

/** Balance of meter A after `t` hours from D-10 00:00 (the recharge lands between t = 204 and 205). */
const RECHARGE_AFTER_HOUR = 8 * 24 + 12; // D-2 12:00 is t = 204
function balanceA(t) {
  return 300 - 0.5 * t + (t > RECHARGE_AFTER_HOUR ? 100 : 0);
}
function balanceB(t) {
  return 400 - 1.25 * t;
}

export function buildFixture(today, hour, tz) {
  const start = addDays(today, -10);
  const readings = [];
  const gapDay = addDays(today, -3);
  for (let t = 0; t <= HOURS_BEFORE_TODAY + hour; t++) {
    const date = addDays(start, Math.floor(t / 24));
    const at = `${date} ${pad(t % 24)}:00:00`;
    readings.push({ meter_no: 'E2E-A', collected_at: at, balance: balanceA(t).toFixed(2) });
    if (date !== gapDay) readings.push({ meter_no: 'E2E-B', collected_at: at, balance: balanceB(t).toFixed(2) });
  }
  const yesterdayLastHour = HOURS_BEFORE_TODAY - 1; // D-1 23:00
  const rechargeDay = addDays(today, -2);
  return {
    readings,
    fixture: {
      tz, today, hour,
      meters: [{ id: 'E2E-A', name: '一楼' }, { id: 'E2E-B', name: '二楼' }],
      yesterday: addDays(today, -1),
      gapDay,
      rechargeDay,
      expected: {
        'E2E-A': {
          currentBalance: balanceA(HOURS_BEFORE_TODAY + hour),  // 280.00 − 0.50·H
          yesterdayUsage: 12,
          yesterdayLastBalance: balanceA(yesterdayLastHour),   // 280.50
          rechargeCount30: 1,
          // Detected amount: the reading difference (99.50) or that plus the hour's usage (100.00).
          rechargeAmounts: [99.5, 100],
          rechargeDate: rechargeDay,
          dailyUsage: 12,
        },
        'E2E-B': {
          currentBalance: balanceB(HOURS_BEFORE_TODAY + hour),  // 100.00 − 1.25·H
          yesterdayUsage: 30,
          yesterdayLastBalance: balanceB(yesterdayLastHour),   // 101.25
          rechargeCount30: 0,
          dailyUsage: 30,
        },
      },
    },
  };
}

function main(argv) {
  const arg = (name, def) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : def;
  };
  const out = arg('--out');
  if (!out) {
    console.error('usage: fixture.mjs --out DIR [--tz ZONE] [--now ISO]');
    process.exit(2);
  }
  const tz = arg('--tz', process.env.APP_TZ || 'Asia/Shanghai');
  const { today, hour } = localNow(new Date(arg('--now', new Date().toISOString())), tz);
  const { readings, fixture } = buildFixture(today, hour, tz);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'readings.csv'),
    'meter_no,collected_at,balance\n' + readings.map((r) => `${r.meter_no},${r.collected_at},${r.balance}`).join('\n') + '\n');
  writeFileSync(join(out, 'fixture.json'), JSON.stringify(fixture, null, 2) + '\n');
  console.log(`fixture: ${readings.length} readings, today ${today} hour ${hour} (${tz}) in ${out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
