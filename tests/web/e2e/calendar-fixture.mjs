// The series of calendar.test.mjs (本月 / 上月 / 12个月), and what it implies.
//
// One meter, E2EC (三楼), a reading every 30 minutes from 2025-01-01 00:00 to
// TODAY 20:30 (TODAY = 2026-03-15, the API's clock at NOW = 20:35, as in
// fixture.mjs). The step ending at time t uses r(t) hundredths of a kWh, by
// the month of t: r = m in 2025 (January 0.01 … December 0.12 per step), r =
// 12 + m in 2026 (January 0.13, February 0.14, March 0.15). On the 10th of
// every month the step ending at 12:00 tops up 100.00 kWh: the balance rises
// by 100.00 − r. Every price is 0.5000.
//
// By docs/usage-semantics.md: every 30-minute step is normal (GAP_MINUTES 30,
// rule 4), so a day's usage is the drops of its 48 steps ending 00:00 … 23:30
// (rule 3), 48·r; the first reading (2025-01-01 00:00) adds nothing (rule 9),
// so that day uses 47·r. The top-up step hides r (rule 2: the rate over the
// 24 h before it is r per 30 minutes, all in the same month), so it reads as a
// recharge of exactly 100.00 and its day still uses 48·r. Today (TODAY up to
// 20:30) has 42 steps. Cost = usage × 0.5000 (usages are even hundredths).
// The expected values below are computed from these rules, never read from
// the server.
import { addDays, NOW, TODAY, TZ } from './fixture.mjs';

export const CAL_METER = { id: 'E2EC', name: '三楼' };
export { NOW, TODAY, TZ };
const START = '2025-01-01';
const PRICE = '0.5000';
const TOPUP = 10000;

function pad(n) {
  return String(n).padStart(2, '0');
}
const kwh = (h) => `${h < 0 ? '-' : ''}${Math.trunc(Math.abs(h) / 100)}.${pad(Math.abs(h) % 100)}`;
const daysIn = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** Hundredths used per 30-minute step ending in month m (1–12) of year y. */
export const rate = (y, m) => (y === 2025 ? m : 12 + m);

/** The CSV for `ebill-collector import`. */
export function calendarCsv() {
  const rows = ['meter_no,collected_at,remain,remain_money,unit_price'];
  let remain = 100000; // 1000.00 kWh
  for (let day = START; day <= TODAY; day = addDays(day, 1)) {
    const [y, m, d] = day.split('-').map(Number);
    for (let slot = 0; slot < 48; slot++) {
      const hh = pad(Math.floor(slot / 2));
      const mm = slot % 2 ? '30' : '00';
      if (day === TODAY && `${hh}:${mm}` > '20:30') break;
      if (!(day === START && slot === 0)) {
        remain -= rate(y, m);
        if (d === 10 && slot === 24) remain += TOPUP; // the step ending 12:00
      }
      rows.push(`${CAL_METER.id},${day} ${hh}:${mm}:00,${kwh(remain)},${kwh(Math.round(remain / 2))},${PRICE}`);
    }
  }
  return rows.join('\n') + '\n';
}

// ---- expected values, in hundredths.

/** Usage of a whole month with data (2025-01 lacks its first step). */
function monthUsage(y, m) {
  if (y < 2025) return null;
  const steps = daysIn(y, m) * 48 - (y === 2025 && m === 1 ? 1 : 0);
  return steps * rate(y, m);
}
const THIS_MONTH_DAYS = 15;
const todayUsage = 42 * rate(2026, 3);
const thisMonthUsage = (THIS_MONTH_DAYS - 1) * 48 * rate(2026, 3) + todayUsage;
const cost = (h) => h / 2; // × 0.5000, exact for even hundredths

// The 12 months: 2025-04 … 2026-03 (March up to today).
const months = [];
for (let i = 0; i < 12; i++) {
  const y = i < 9 ? 2025 : 2026;
  const m = i < 9 ? 4 + i : i - 8;
  const usage = y === 2026 && m === 3 ? thisMonthUsage : monthUsage(y, m);
  months.push({ label: `${y}-${pad(m)}`, usage, cost: cost(usage), recharge: TOPUP, lastYear: monthUsage(y - 1, m) });
}
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

/** Values as the page prints them (two decimals). */
const f = (h) => (h / 100).toFixed(2);
const signed = (h) => (h > 0 ? `+${f(h)}` : f(h));

// /period_kpi: this month so far vs February up to 02-15 20:35 (14 days + 42 steps);
// last month (February) vs the whole of January; the 12 months vs 2024-04 … 2025-03
// cut at 2025-03-15 20:35 (only 2025's months have data).
const feb = monthUsage(2026, 2);
const febCut = 14 * 48 * rate(2026, 2) + 42 * rate(2026, 2);
const jan = monthUsage(2026, 1);
const yearUsage = sum(months.map((m) => m.usage));
const yearBefore = monthUsage(2025, 1) + monthUsage(2025, 2) + monthUsage(2025, 3);
const yearBeforeCut = monthUsage(2025, 1) + monthUsage(2025, 2) + 14 * 48 * rate(2025, 3) + 42 * rate(2025, 3);
const pct = (d, base) => `${d / base > 0 ? '+' : ''}${(Math.round((d / base) * 1000) / 10).toFixed(1)}%`;

export const expected = {
  this_month: {
    days: THIS_MONTH_DAYS,
    // 03-01 … 03-14: 48 · 0.15 = 7.20 each; 03-15: 42 · 0.15 = 6.30
    dayUsage: [...Array(THIS_MONTH_DAYS - 1).fill(48 * rate(2026, 3)), todayUsage].map((h) => h / 100),
    usage: `${f(thisMonthUsage)} kWh`, cost: `¥${f(cost(thisMonthUsage))}`, recharge: `${f(TOPUP)} kWh`,
    lastYear: `${f(THIS_MONTH_DAYS * 48 * rate(2025, 3))} kWh`, // 2025-03-01 … 15, 1.44 each
    card: f(thisMonthUsage), change: `${signed(thisMonthUsage - febCut)} kWh`, pct: pct(thisMonthUsage - febCut, febCut),
  },
  last_month: {
    days: 28,
    usage: `${f(feb)} kWh`, cost: `¥${f(cost(feb))}`, recharge: `${f(TOPUP)} kWh`,
    lastYear: `${f(monthUsage(2025, 2))} kWh`,
    card: f(feb), change: `${signed(feb - jan)} kWh`, pct: pct(feb - jan, jan),
  },
  twelve_months: {
    months: months.map((m) => ({
      label: m.label, usage: f(m.usage), cost: f(m.cost), recharge: f(m.recharge),
      lastYear: m.lastYear === null ? '—' : f(m.lastYear),
    })),
    usage: `${f(yearUsage)} kWh`, cost: `¥${f(cost(yearUsage))}`, recharge: `${f(12 * TOPUP)} kWh`,
    // last year's data: 2025-01 … 03 only, against 2026-01 … 03
    lastYear: `${f(yearBefore)} kWh（3/12 个月有读数）`,
    card: f(yearUsage), change: `${signed(yearUsage - yearBeforeCut)} kWh`, pct: pct(yearUsage - yearBeforeCut, yearBeforeCut),
  },
};
