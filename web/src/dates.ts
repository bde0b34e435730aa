// Calendar dates and wall-clock times in APP_TZ (the server's zone, not the
// phone's). All instants are epoch milliseconds; all dates are "YYYY-MM-DD".

export interface WallTime { year: number; month: number; day: number; hour: number; minute: number; second: number }

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** True when `tz` is an IANA zone this browser knows. */
export function isValidZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** The phone's own zone: the fallback when the server does not say its zone. */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Wall-clock fields of instant `ms` in zone `tz`. */
export function wallAt(ms: number, tz: string): WallTime {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return { year: p.year, month: p.month, day: p.day, hour: p.hour % 24, minute: p.minute, second: p.second };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The calendar date ("YYYY-MM-DD") of instant `ms` in zone `tz`. */
export function dateIn(ms: number, tz: string): string {
  const w = wallAt(ms, tz);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The zone's offset from UTC at instant `ms`, in ms (+8 h for Asia/Shanghai). */
export function zoneOffsetMs(ms: number, tz: string): number {
  const w = wallAt(ms, tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant when zone `tz` shows wall time `w` (the earlier one in a DST overlap; a time in a DST gap maps an hour early). */
export function wallToMs(w: WallTime, tz: string): number {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  let guess = asUtc - zoneOffsetMs(asUtc, tz);
  const second = asUtc - zoneOffsetMs(guess, tz);
  if (second !== guess) guess = Math.min(guess, second);
  return guess;
}

/** Whether `s` is a real calendar date "YYYY-MM-DD" (2025-02-30 is not). */
export function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** `date` moved by `n` calendar days (n may be negative). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Whole days from date `a` to date `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = a.split('-').map(Number);
  const [yb, mb, db] = b.split('-').map(Number);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000);
}

/**
 * A time as the API writes it, to epoch ms: ISO 8601 with Z or an offset is
 * absolute; "YYYY-MM-DD HH:MM[:SS]" (or with T) without a zone is wall-clock
 * time in `tz`. Null when unparseable.
 */
export function parseApiTime(s: string | null | undefined, tz: string): number | null {
  if (!s) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s.trim());
  if (!m) return null;
  if (m[7]) {
    const t = Date.parse(s.trim().replace(' ', 'T'));
    return Number.isNaN(t) ? null : t;
  }
  const w: WallTime = {
    year: Number(m[1]), month: Number(m[2]), day: Number(m[3]),
    hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6] ?? 0),
  };
  if (!isDate(`${m[1]}-${m[2]}-${m[3]}`) || w.hour > 23 || w.minute > 59 || w.second > 59) return null;
  return wallToMs(w, tz);
}

/** Milliseconds from `ms` until the next local midnight in `tz` (always > 0). */
export function msUntilMidnight(ms: number, tz: string): number {
  const tomorrow = addDays(dateIn(ms, tz), 1);
  const [y, m, d] = tomorrow.split('-').map(Number);
  const next = wallToMs({ year: y, month: m, day: d, hour: 0, minute: 0, second: 0 }, tz);
  return Math.max(1, next - ms);
}

/** "MM-DD" of a date, or the date unchanged when it is not one. */
export function monthDay(date: string): string {
  return isDate(date) ? date.slice(5) : date;
}
