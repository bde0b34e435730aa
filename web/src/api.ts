// The JSON API the page calls, in one place: paths, field names, types and
// the fetch wrapper. Every server field the page reads is named here only;
// the rest of the page sees the normalized types below.

import { parseOverview, type Fleet } from './overview';

/** The rolling spans (1/7/30 days ending today). */
export type RollingPeriod = 'day' | 'week' | 'month';
/** The calendar spans: 本月 (this month so far), 上月 (the last full month), the 12 months ending this one. */
export type CalendarPeriod = 'this_month' | 'last_month' | 'twelve_months';
export type Period = RollingPeriod | CalendarPeriod;
export const CALENDAR_PERIODS: readonly CalendarPeriod[] = ['this_month', 'last_month', 'twelve_months'];
export function isCalendar(p: Period): p is CalendarPeriod {
  return (CALENDAR_PERIODS as readonly string[]).includes(p);
}
const PERIODS: readonly Period[] = ['day', 'week', 'month', ...CALENDAR_PERIODS];

/** Why a call failed: no answer at all, too slow, an HTTP error, or bad JSON. */
export type ApiErrorKind = 'network' | 'timeout' | 'http' | 'parse';

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number; // HTTP status, 0 when there was no answer
  readonly detail: string; // server's `detail` or `message`, '' if none
  readonly fromApi: boolean; // the body was the API's JSON error, not a proxy's page

  constructor(kind: ApiErrorKind, status: number, message: string, detail = '', fromApi = false) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.detail = detail;
    this.fromApi = fromApi;
  }

  /**
   * True when ebill-api itself could not be reached: no answer, too slow, or a
   * proxy's 502–504. Its own JSON 503 (database down) is an answer.
   */
  get unreachable(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' ||
      (this.kind === 'http' && !this.fromApi && this.status >= 502 && this.status <= 504);
  }
}

/** Server clock and zone, when an answer carries them (`tz`, `server_time`, `today`). */
export interface ServerClock {
  tz: string | null;          // IANA zone of APP_TZ, e.g. "Asia/Shanghai"
  serverTimeMs: number | null; // server's "now" as epoch ms
  today: string | null;       // YYYY-MM-DD in APP_TZ
}

export interface MeterStatus {
  lastSuccess: string | null;  // wall-clock or ISO time of the last good fetch
  lastError: string | null;    // reason of the last failure, null when none
  consecutiveFailures: number;
}

export interface Device {
  id: string;
  name: string;
  enabled: boolean;
  lastReadingAt: string | null;
  lastBalance: number | null;
  status: MeterStatus | null;
}

export interface DevicesAnswer { devices: Device[]; clock: ServerClock }

export interface SeriesData {
  labels: string[];
  balances: (number | null)[]; // kWh at the end of each bucket, null = no reading
  usage: (number | null)[];    // kWh used in each bucket
  recharge: (number | null)[]; // kWh recharged in each bucket (0 / null = none)
  estimated: boolean[];        // bucket usage partly estimated (gap or recharge)
  cost: (number | null)[] | null;     // ¥ per bucket; null when no unit price is known
  lastYearUsage: (number | null)[];   // calendar periods: the same day/month a year earlier, null = no reading then
}

export interface Kpi {
  currentBalance: number | null;
  targetDateLastBalance: number | null;
  yesterdayLastBalance: number | null;
  dayBeforeYesterdayLastBalance: number | null;
  usageTarget: number | null;
  usageYesterday: number | null;
  rechargeToday: number | null;
  daysLeft: number | null;
  depletionDate: string | null;
  lastReadingAt: string | null;
  remainMoney: number | null;
  unitPrice: number | null;
  clock: ServerClock;
}

export interface PeriodKpi {
  period: Period;
  currentUsage: number | null;
  previousUsage: number | null;
  previousUsageSameTime: number | null;
  lastYearUsage: number | null;  // calendar periods: the same span a year earlier (null: no reading then)
}

export interface Recharge {
  time: string;         // recharge_time
  date: string;         // recharge_date
  amount: number | null; // kWh
  balanceBefore: number | null;
  balanceAfter: number | null;
  deviceId: string;
  estimated: boolean;
  money: number | null; // ¥ when the unit price is known
}

export interface RechargeHistory { recharges: Recharge[]; totalCount: number; queryDays: number }

export interface FetchOutcome { message: string; balance: number | null; collectedAt: string | null }

// ---- value coercion: the API sends numbers, but stay safe with strings/null.

/** A finite number from a JSON value (number or numeric string), else null. */
export function num(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

export function str(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

export function obj(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function clockOf(o: Record<string, unknown>): ServerClock {
  const st = o['server_time'];
  let ms: number | null = null;
  if (typeof st === 'number' && Number.isFinite(st)) ms = st < 1e12 ? st * 1000 : st; // seconds or ms
  else if (typeof st === 'string') {
    const p = Date.parse(st);
    ms = Number.isNaN(p) ? null : p;
  }
  const tz = str(o['tz']);
  const today = str(o['today']);
  return { tz: tz || null, serverTimeMs: ms, today: today && /^\d{4}-\d{2}-\d{2}$/.test(today) ? today : null };
}

// ---- parsers from raw JSON to the page's types (exported for tests).

export function parseDevices(raw: unknown): DevicesAnswer {
  const o = obj(raw);
  const list = Array.isArray(raw) ? raw : arr(o['devices']);
  const devices = list.map((d): Device => {
    const x = obj(d);
    const s = x['status'] === undefined || x['status'] === null ? null : obj(x['status']);
    return {
      id: str(x['id']) ?? '',
      name: str(x['name']) || str(x['id']) || '',
      enabled: x['enabled'] !== false && x['enabled'] !== 0,
      lastReadingAt: str(x['last_reading_at']),
      lastBalance: num(x['last_balance']),
      status: s && {
        lastSuccess: str(s['last_success']),
        lastError: str(s['last_error']) || null,
        consecutiveFailures: num(s['consecutive_failures']) ?? 0,
      },
    };
  }).filter((d) => d.id !== '');
  return { devices, clock: clockOf(o) };
}

export function parseSeries(raw: unknown): SeriesData {
  const o = obj(raw);
  const labels = arr(o['labels']).map((l) => str(l) ?? '');
  const n = labels.length;
  const pick = (key: string) => Array.from({ length: n }, (_, i) => num(arr(o[key])[i]));
  const est = arr(o['estimated']);
  return {
    labels,
    balances: pick('balances'),
    usage: pick('usage'),
    recharge: pick('recharge'),
    estimated: Array.from({ length: n }, (_, i) => est[i] === true || est[i] === 1),
    cost: Array.isArray(o['cost']) ? pick('cost') : null,
    lastYearUsage: pick('last_year_usage'),
  };
}

export function parseKpi(raw: unknown): Kpi {
  const o = obj(raw);
  return {
    currentBalance: num(o['current_balance']),
    targetDateLastBalance: num(o['target_date_last_balance']),
    yesterdayLastBalance: num(o['yesterday_last_balance']),
    dayBeforeYesterdayLastBalance: num(o['day_before_yesterday_last_balance']),
    usageTarget: num(o['usage_target'] ?? o['usage_today']),
    usageYesterday: num(o['usage_yesterday']),
    rechargeToday: num(o['recharge_today']),
    daysLeft: num(o['days_left']),
    depletionDate: str(o['depletion_date']),
    lastReadingAt: str(o['last_reading_at']),
    remainMoney: num(o['remain_money']),
    unitPrice: num(o['unit_price']),
    clock: clockOf(o),
  };
}

export function parsePeriodKpi(raw: unknown): PeriodKpi {
  const o = obj(raw);
  const p = str(o['period']);
  return {
    period: PERIODS.find((x) => x === p) ?? 'day',
    currentUsage: num(o['current_usage']),
    previousUsage: num(o['previous_usage']),
    previousUsageSameTime: num(o['previous_usage_same_time']),
    lastYearUsage: num(o['last_year_usage']),
  };
}

export function parseRechargeHistory(raw: unknown): RechargeHistory {
  const o = obj(raw);
  const recharges = arr(o['recharges']).map((r): Recharge => {
    const x = obj(r);
    return {
      time: str(x['recharge_time']) ?? '',
      date: str(x['recharge_date']) ?? '',
      amount: num(x['recharge_amount']),
      balanceBefore: num(x['balance_before']),
      balanceAfter: num(x['balance_after']),
      deviceId: str(x['device_id']) ?? '',
      estimated: x['estimated'] === true || x['estimated'] === 1,
      money: num(x['recharge_money']),
    };
  });
  return {
    recharges,
    totalCount: num(o['total_count']) ?? recharges.length,
    queryDays: num(o['query_days']) ?? 0,
  };
}

export function parseFetch(raw: unknown): FetchOutcome {
  const o = obj(raw);
  const reading = obj(o['reading']);
  return {
    message: str(o['message']) ?? '',
    balance: num(o['balance'] ?? reading['balance'] ?? o['current_balance']),
    collectedAt: str(o['collected_at'] ?? reading['collected_at']),
  };
}

// ---- the fetch wrapper.

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface RequestOptions {
  method?: 'GET' | 'POST';
  token?: string | null;
  body?: string; // sent form-encoded (application/x-www-form-urlencoded)
  timeoutMs?: number;
  fetchImpl?: typeof fetch; // tests pass a different fetch
}

/**
 * The header the page's service worker (src/service-worker.js) adds to an answer
 * it kept and returns because the network failed: when it was stored, in ms
 * since the epoch. ebill-api itself never sends it.
 */
export const CACHED_AT_HEADER = 'X-Ebill-Cached-At';

/** GET/POST `path` (with query already encoded) relative to `base`; JSON body or a typed ApiError. */
export async function requestJson(base: string, path: string, opts: RequestOptions = {}): Promise<unknown> {
  return (await requestAnswer(base, path, opts)).body;
}

/** Like requestJson, also saying when the answer was kept by the service worker (null = fresh from the server). */
export async function requestAnswer(base: string, path: string, opts: RequestOptions = {}): Promise<{ body: unknown; cachedAt: number | null }> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.token) headers['Authorization'] = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  const f = opts.fetchImpl ?? fetch;
  let res: Response;
  try {
    res = await f(base + path, { method: opts.method ?? 'GET', headers, body: opts.body, signal: ctl.signal, cache: 'no-store' });
  } catch (e) {
    clearTimeout(timer);
    if (ctl.signal.aborted) throw new ApiError('timeout', 0, '请求超时');
    throw new ApiError('network', 0, '无法连接服务器', e instanceof Error ? e.message : String(e));
  }
  let text: string;
  try {
    text = await res.text();
  } catch {
    clearTimeout(timer);
    if (ctl.signal.aborted) throw new ApiError('timeout', res.status, '请求超时');
    throw new ApiError('network', res.status, '连接中断');
  }
  clearTimeout(timer);
  let body: unknown = null;
  let parsed = true;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    parsed = false;
  }
  if (!res.ok) {
    const o = obj(body);
    const msg = str(o['error']) || str(o['message']) || `HTTP ${res.status}`;
    const detail = str(o['detail']) || (o['error'] !== undefined ? str(o['message']) : null) || '';
    throw new ApiError('http', res.status, msg, detail, parsed && (o['error'] !== undefined || o['message'] !== undefined));
  }
  if (!parsed) throw new ApiError('parse', res.status, '服务器返回了无法识别的数据');
  return { body, cachedAt: num(res.headers.get(CACHED_AT_HEADER)) };
}

function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Called with the stored time (ms) of each answer that came from the service worker's cache. */
export type OnCached = (storedAtMs: number) => void;

/** The API client bound to a base URL ('' = same origin, as when ebill-api serves the page). */
export class Api {
  constructor(readonly base = '', readonly timeoutMs = DEFAULT_TIMEOUT_MS, private readonly onCached?: OnCached) {}

  /** The same client, reporting cached answers to `onCached` (one per refresh, so answers are not mixed up). */
  tracking(onCached: OnCached): Api {
    return new Api(this.base, this.timeoutMs, onCached);
  }

  private async get(path: string): Promise<unknown> {
    const a = await requestAnswer(this.base, path, { timeoutMs: this.timeoutMs });
    if (a.cachedAt !== null) this.onCached?.(a.cachedAt);
    return a.body;
  }

  async devices(): Promise<DevicesAnswer> {
    return parseDevices(await this.get('/devices'));
  }
  async data(period: Period, deviceId: string, date: string | null): Promise<SeriesData> {
    const q = query({ period, device_id: deviceId, date });
    return parseSeries(await this.get(`/data${q}`));
  }
  async kpi(deviceId: string, date: string | null): Promise<Kpi> {
    const q = query({ device_id: deviceId, date });
    return parseKpi(await this.get(`/kpi${q}`));
  }
  async periodKpi(period: Period, deviceId: string): Promise<PeriodKpi> {
    const q = query({ period, device_id: deviceId });
    return parsePeriodKpi(await this.get(`/period_kpi${q}`));
  }
  async overview(): Promise<Fleet> {
    return parseOverview(await this.get('/overview'));
  }
  async rechargeHistory(deviceId: string, days: number, limit = 50): Promise<RechargeHistory> {
    const q = query({ device_id: deviceId, days, limit });
    return parseRechargeHistory(await this.get(`/recharge_history${q}`));
  }
  /** POST /fetch: the server fetches the meter now (slow: up to 30 s). 401 / 429 come back as ApiError. */
  async fetchNow(deviceId: string, token: string | null): Promise<FetchOutcome> {
    const q = query({ device_id: deviceId });
    return parseFetch(await requestJson(this.base, `/fetch${q}`, { method: 'POST', token, timeoutMs: 30_000 }));
  }
}
