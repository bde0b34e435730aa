// How numbers and times read on the page: two decimals, signed differences,
// percentages, "更新于 N 分钟前". Null, NaN and Infinity print as a dash.

export const DASH = '—';

const ok = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

/**
 * `n` rounded to `digits` decimals, half away from zero, as written in decimal
 * (12.345 → 12.35, though 12.345 * 100 is 1234.4999… in binary).
 */
export function roundTo(n: number, digits = 2): number {
  const a = Math.abs(n);
  const f = 10 ** digits;
  const r = String(a).includes('e') ? Math.round(a * f) / f : Number(`${Math.round(Number(`${a}e${digits}`))}e-${digits}`);
  return n < 0 && r !== 0 ? -r : r;
}

/** 12.345 → "12.35"; -0.001 → "0.00"; null/NaN → "—". */
export function fixed2(n: number | null | undefined): string {
  if (!ok(n)) return DASH;
  return roundTo(n).toFixed(2);
}

/** A difference with its sign: "+1.50", "-0.25", "0.00". */
export function signed2(n: number | null | undefined): string {
  if (!ok(n)) return DASH;
  const s = fixed2(n);
  return s === '0.00' || s.startsWith('-') ? s : `+${s}`;
}

/** A ratio as a signed percentage with one decimal: 0.125 → "+12.5%". */
export function percent(ratio: number | null | undefined): string {
  if (!ok(ratio)) return DASH;
  const v = roundTo(ratio * 100, 1);
  if (v === 0) return '0.0%';
  return v > 0 ? `+${v.toFixed(1)}%` : `${v.toFixed(1)}%`;
}

/** kWh with unit: "12.35 kWh". */
export function kwh(n: number | null | undefined): string {
  return ok(n) ? `${fixed2(n)} kWh` : DASH;
}

/** A unit price in yuan per kWh: two decimals unless it needs more, at most four ("0.60", "0.5283"). */
export function unitPrice(n: number | null | undefined): string {
  if (!ok(n)) return DASH;
  return roundTo(n, 4).toFixed(4).replace(/0{1,2}$/, '');
}

/** Money in yuan: "¥12.35". */
export function yuan(n: number | null | undefined): string {
  return ok(n) ? `¥${fixed2(n)}` : DASH;
}

/** "更新于 刚刚 / N 分钟前 / N 小时前 / N 天前" for an age; null when the time is unknown. */
export function updatedAgo(thenMs: number | null, nowMs: number): string | null {
  if (thenMs === null || !Number.isFinite(thenMs)) return null;
  const minutes = Math.floor(Math.max(0, nowMs - thenMs) / 60_000);
  if (minutes < 1) return '更新于 刚刚';
  if (minutes < 60) return `更新于 ${minutes} 分钟前`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `更新于 ${hours} 小时前`;
  return `更新于 ${Math.floor(hours / 24)} 天前`;
}

/** Days left for the card: whole days rounded down ("12"), "<1" under a day, "—" when unknown. */
export function wholeDays(n: number | null | undefined): string {
  if (!ok(n) || n < 0) return DASH;
  return n < 1 ? '<1' : String(Math.floor(n));
}
