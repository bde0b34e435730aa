// The fleet overview's data: GET /overview parsed, and the pure search,
// filter and grouping the view applies (no DOM here).

import { arr, num, obj, str } from './api';

export type SourceStatus = 'ok' | 'blocked' | 'failing' | 'stale';

export interface FleetMeter {
  id: string;
  name: string;
  group: string;
  balance: number | null;      // kWh
  money: number | null;        // ¥
  daysLeft: number | null;
  depletionDate: string | null;
  usageToday: number;
  usageYesterday: number;
  lastReadingAt: string | null;
  ageSeconds: number | null;
  status: SourceStatus;
  low: boolean;
}

export interface FleetGroup {
  name: string;
  meters: number;
  low: number;
  attention: number;
  balance: number;
  money: number;
  usageToday: number;
  usageYesterday: number;
}

export interface Fleet { meters: FleetMeter[]; groups: FleetGroup[]; staleMinutes: number }

const STATUSES: SourceStatus[] = ['ok', 'blocked', 'failing', 'stale'];

export function parseOverview(raw: unknown): Fleet {
  const o = obj(raw);
  const meters = arr(o.meters).map((v): FleetMeter => {
    const m = obj(v);
    const s = str(m.status) as SourceStatus | null;
    return {
      id: str(m.device_id) ?? '',
      name: str(m.name) ?? '',
      group: str(m.group) ?? '',
      balance: num(m.balance),
      money: num(m.remain_money),
      daysLeft: num(m.days_left),
      depletionDate: str(m.depletion_date),
      usageToday: num(m.usage_today) ?? 0,
      usageYesterday: num(m.usage_yesterday) ?? 0,
      lastReadingAt: str(m.last_reading_at),
      ageSeconds: num(m.reading_age_seconds),
      status: s && STATUSES.includes(s) ? s : 'ok',
      low: m.low === true,
    };
  });
  const groups = arr(o.groups).map((v): FleetGroup => {
    const g = obj(v);
    return {
      name: str(g.name) ?? '',
      meters: num(g.meters) ?? 0,
      low: num(g.low) ?? 0,
      attention: num(g.attention) ?? 0,
      balance: num(g.balance) ?? 0,
      money: num(g.remain_money) ?? 0,
      usageToday: num(g.usage_today) ?? 0,
      usageYesterday: num(g.usage_yesterday) ?? 0,
    };
  });
  return { meters, groups, staleMinutes: num(o.stale_minutes) ?? 0 };
}

export type FleetFilter = 'all' | 'low' | 'stale' | 'failing';

/** The meters matching `search` (name or number, case-insensitive) and `filter`, in the server's order. */
export function selectMeters(meters: FleetMeter[], search: string, filter: FleetFilter): FleetMeter[] {
  const q = search.trim().toLowerCase();
  return meters.filter((m) => {
    if (q && !m.name.toLowerCase().includes(q) && !m.id.toLowerCase().includes(q)) return false;
    if (filter === 'low') return m.low;
    if (filter === 'stale') return m.status === 'stale';
    if (filter === 'failing') return m.status === 'failing' || m.status === 'blocked';
    return true;
  });
}

/** The shown meters by group (groups in name order), each meter keeping its order. */
export function byGroup(meters: FleetMeter[]): [string, FleetMeter[]][] {
  const out = new Map<string, FleetMeter[]>();
  for (const m of meters) {
    const list = out.get(m.group);
    if (list) list.push(m);
    else out.set(m.group, [m]);
  }
  return [...out.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** "刚刚", "12 分钟", "3 小时", "2 天" for a reading's age; "—" when unknown. */
export function ageText(seconds: number | null): string {
  if (seconds === null || seconds < 0) return '—';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  return hours < 24 ? `${hours} 小时` : `${Math.floor(hours / 24)} 天`;
}
