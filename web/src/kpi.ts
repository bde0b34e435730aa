// What the KPI cards say, derived from API values: differences, percentages,
// freshness. Pure and safe against null, zero and NaN.

import type { Device, Kpi, PeriodKpi, SeriesData } from './api';
import { parseApiTime, wallAt } from './dates';
import { roundTo, updatedAgo } from './format';

export interface Change { delta: number | null; ratio: number | null }

const ok = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

/** current − previous and (current − previous) / previous; ratio is null when previous is 0 or unknown. */
export function change(current: number | null, previous: number | null): Change {
  if (!ok(current) || !ok(previous)) return { delta: null, ratio: null };
  const delta = roundTo(current - previous);
  return { delta, ratio: previous === 0 ? null : (current - previous) / previous };
}

/** The selected day's usage against the day before it (较昨日). */
export function dayChange(k: Kpi): Change {
  return change(k.usageTarget, k.usageYesterday);
}

/** This period so far against the previous one cut at the same time of day (较上周期), else the whole previous one. */
export function periodChange(p: PeriodKpi): Change {
  return change(p.currentUsage, ok(p.previousUsageSameTime) ? p.previousUsageSameTime : p.previousUsage);
}

/** The recharge to note on the card, or null when there was none today. */
export function rechargeNote(k: Kpi): number | null {
  return ok(k.rechargeToday) && k.rechargeToday > 0 ? k.rechargeToday : null;
}

export const FAILING_AFTER = 3;        // consecutive failed fetches before the warning
export const STALE_AFTER_MS = 60 * 60_000; // no reading for an hour: say so

export interface Freshness { level: 'ok' | 'stale' | 'failing' | 'none'; text: string }

/**
 * The freshness line: "更新于 N 分钟前" from the newest reading (device or
 * KPI), or a warning when the source keeps failing or readings are old.
 */
export function freshness(device: Device | null, kpiLastReadingAt: string | null, nowMs: number, tz: string): Freshness {
  const at = parseApiTime(kpiLastReadingAt ?? device?.lastReadingAt ?? null, tz);
  const ago = updatedAgo(at, nowMs);
  const st = device?.status;
  if (st && st.consecutiveFailures >= FAILING_AFTER) {
    const why = st.lastError ? `：${st.lastError}` : '';
    return { level: 'failing', text: `数据源异常，连续 ${st.consecutiveFailures} 次抓取失败${why}${ago ? `（${ago}）` : ''}` };
  }
  if (at === null || ago === null) return { level: 'none', text: '暂无读数' };
  if (nowMs - at > STALE_AFTER_MS) return { level: 'stale', text: `${ago}，数据可能已过时` };
  return { level: 'ok', text: ago };
}

/**
 * The stale mark when answers came from the service worker's cache (the
 * network failed): "离线数据 · 保存于 MM-DD HH:MM" in APP_TZ, null when fresh.
 */
export function cachedNote(storedAtMs: number | null, tz: string): string | null {
  if (storedAtMs === null || !Number.isFinite(storedAtMs)) return null;
  const w = wallAt(storedAtMs, tz);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `离线数据 · 保存于 ${p2(w.month)}-${p2(w.day)} ${p2(w.hour)}:${p2(w.minute)}`;
}

/** Whether a series holds any reading at all (else the chart shows an empty state, not a flat line). */
export function hasReadings(s: SeriesData): boolean {
  return s.balances.some(ok) || s.usage.some((u) => ok(u) && u !== 0);
}

/** Sum of the series' usage (null buckets count as nothing); null when there is no number at all. */
export function totalUsage(s: SeriesData): number | null {
  const vals = s.usage.filter(ok);
  return vals.length ? roundTo(vals.reduce((a, b) => a + b, 0)) : null;
}

/** Sum of amounts (kWh or ¥) to two decimals, added in hundredths so 0.1 + 0.2 is 0.30; nulls skipped. */
export function rechargeTotal(amounts: (number | null)[]): number {
  return amounts.filter(ok).reduce((a, b) => a + Math.round(roundTo(b) * 100), 0) / 100;
}

/** Whether the meter has no reading at all yet (a fresh install). */
export function noReadingsYet(k: Kpi, device: Device | null): boolean {
  return !ok(k.currentBalance) && !k.lastReadingAt && !device?.lastReadingAt && !ok(device?.lastBalance ?? null);
}
