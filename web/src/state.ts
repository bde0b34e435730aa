// The page's state: what is selected, what was loaded, the server's clock.
// Remembered choices (meter, operator token) live in localStorage.

import type { Device, Kpi, Period, PeriodKpi, RechargeHistory, SeriesData, ServerClock } from './api';
import { browserZone, dateIn, isValidZone } from './dates';

export type RechargeDays = 30 | 90 | 365;

export interface State {
  devices: Device[] | null;   // null until /devices answered once
  deviceId: string | null;
  range: Period;              // day = 24 hours, week = 近7天, month = 近30天; or 本月/上月/12个月
  date: string | null;        // chosen past day; null = today
  rechargeDays: RechargeDays;
  tz: string;                 // APP_TZ as the server reports it
  clockSkewMs: number;        // server clock − phone clock
  kpi: Kpi | null;
  periodKpi: PeriodKpi | null;
  series: SeriesData | null;
  recharges: RechargeHistory | null;
  unreachable: boolean;       // last refresh could not reach the server
  error: string | null;       // last non-network error, shown in the banner
  loadedAt: number | null;    // phone time of the last good refresh
  cachedAt: number | null;    // answers shown came from the service worker's cache, stored then (ms); null = fresh
}

export function initialState(): State {
  return {
    devices: null, deviceId: storage.get(KEY_DEVICE), range: 'day', date: null, rechargeDays: 30,
    tz: browserZone(), clockSkewMs: 0, kpi: null, periodKpi: null, series: null, recharges: null,
    unreachable: false, error: null, loadedAt: null, cachedAt: null,
  };
}

/** Now as the server sees it (ms). */
export function serverNow(s: State): number {
  return Date.now() + s.clockSkewMs;
}

/** Today's date in APP_TZ. */
export function today(s: State): string {
  return dateIn(serverNow(s), s.tz);
}

/** Take the zone and clock from an answer that carries them. */
export function applyClock(s: State, c: ServerClock): void {
  if (c.tz && isValidZone(c.tz)) s.tz = c.tz;
  if (c.serverTimeMs !== null) s.clockSkewMs = c.serverTimeMs - Date.now();
}

/** The meter to show: the remembered one if it still exists, else the first enabled, else the first. */
export function pickDevice(devices: Device[], remembered: string | null): string | null {
  if (remembered && devices.some((d) => d.id === remembered)) return remembered;
  return (devices.find((d) => d.enabled) ?? devices[0])?.id ?? null;
}

export function selectedDevice(s: State): Device | null {
  return s.devices?.find((d) => d.id === s.deviceId) ?? null;
}

// ---- localStorage, tolerant of private mode and disabled storage.

export const KEY_DEVICE = 'ebill.device';
export const KEY_TOKEN = 'ebill.fetchToken';

export const storage = {
  get(key: string): string | null {
    try {
      return globalThis.localStorage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  },
  set(key: string, value: string | null): void {
    try {
      if (value === null) globalThis.localStorage?.removeItem(key);
      else globalThis.localStorage?.setItem(key, value);
    } catch {
      /* storage unavailable: the choice lasts for this visit only */
    }
  },
};
