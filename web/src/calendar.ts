// The calendar periods' table and totals (本月, 上月, 12个月): per point (a
// day or a month) usage, cost, recharge and the same point a year earlier, as
// /data answers them; totals added in hundredths. Pure.

import type { CalendarPeriod, SeriesData } from './api';
import { rechargeTotal } from './kpi';

export interface CalendarRow {
  label: string;              // YYYY-MM-DD or YYYY-MM as the API sends it
  usage: number | null;       // kWh
  cost: number | null;        // ¥, null when no unit price is known
  recharge: number | null;    // kWh recharged (0 = none)
  lastYear: number | null;    // kWh the same day/month a year earlier, null = no reading then
}

export interface CalendarTotals {
  usage: number;
  cost: number | null;        // null when no unit price is known
  recharge: number;
  lastYear: number | null;    // over the points with a reading a year earlier; null when none has one
  lastYearPoints: number;     // how many points have one
  points: number;
}

export const CALENDAR_TITLE: Record<CalendarPeriod, string> = { this_month: '本月', last_month: '上月', twelve_months: '近12个月' };

export function calendarRows(s: SeriesData): CalendarRow[] {
  return s.labels.map((label, i) => ({
    label,
    usage: s.usage[i],
    cost: s.cost ? s.cost[i] : null,
    recharge: s.recharge[i],
    lastYear: s.lastYearUsage[i],
  }));
}

export function calendarTotals(rows: CalendarRow[], priced: boolean): CalendarTotals {
  const withLastYear = rows.filter((r) => r.lastYear !== null);
  return {
    usage: rechargeTotal(rows.map((r) => r.usage)),
    cost: priced ? rechargeTotal(rows.map((r) => r.cost)) : null,
    recharge: rechargeTotal(rows.map((r) => r.recharge)),
    lastYear: withLastYear.length ? rechargeTotal(withLastYear.map((r) => r.lastYear)) : null,
    lastYearPoints: withLastYear.length,
    points: rows.length,
  };
}
