// The page's controller: loads /devices, then the selected meter's KPIs,
// chart data and recharges; refreshes on demand, every 5 minutes while
// visible, and at local midnight in APP_TZ.

import './styles.css';
import { Api, ApiError, type Period, type ServerClock } from './api';
import { msUntilMidnight } from './dates';
import { registerServiceWorker } from './service-worker-registration';
import { applyClock, initialState, KEY_DEVICE, pickDevice, storage, today, type RechargeDays, type State } from './state';
import type { Fleet } from './overview';
import { renderCalendar } from './views/calendar';
import { renderCards } from './views/cards';
import { createChartsPanel, renderChartsPanel, type ChartsPanel } from './views/charts-panel';
import { byId, el } from './views/dom';
import { runFetch } from './views/fetch';
import { renderOverview, type OverviewControls } from './views/overview';
import { renderRecharges } from './views/recharges';
import { renderStatus } from './views/status';
import { viewer, type Viewer } from './session';
import { applyViewer, isTenant, renderTenantMeter, toSignIn, wireSignOut } from './views/access';
import { refreshShares, showShares, wireShares } from './views/shares';

const AUTO_REFRESH_MS = 5 * 60_000;
const RETRY_UNREACHABLE_MS = 30_000;

const api = new Api((import.meta.env.VITE_API_BASE as string | undefined) ?? '');
const st: State = initialState();
let charts: ChartsPanel;
let seq = 0;            // answers of an older refresh are dropped
let refreshing = 0;
let autoTimer = 0;
let midnightTimer = 0;
let retryTimer = 0;
let dayShown = '';      // APP_TZ date the page last loaded for

// The fleet overview (#overview) or a meter's dashboard (#meter=ID, or none).
let showOverview = false;
let who: Viewer | null = null; // GET /auth/session, once known
let fleet: Fleet | null = null;
const fleetControls: OverviewControls = { search: '', filter: 'all', grouped: false };

function renderFleet(): void {
  byId('overview').hidden = !showOverview;
  if (!showOverview) return;
  byId('content').hidden = true;
  byId('empty').hidden = true;
  document.querySelectorAll<HTMLButtonElement>('#fleet-filter button').forEach((b) => {
    b.setAttribute('aria-pressed', String(b.dataset.filter === fleetControls.filter));
  });
  renderOverview(fleet, fleetControls);
}

async function refreshFleet(): Promise<void> {
  try {
    fleet = await api.overview();
    st.error = null;
    if (who?.mode === 'shared' && who.role === 'admin') {
      showShares(fleet.meters);
      void refreshShares();
    }
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) toSignIn(e);
    st.error = `加载失败：${reasonOf(e)}`;
  }
  renderStatus(st, () => void refresh());
  renderFleet();
}

/** Follows the address: #overview, or #meter=ID (that meter's dashboard). */
function route(): void {
  const hash = location.hash;
  showOverview = hash === '#overview' && !isTenant(who); // a tenant has one meter, no fleet
  const m = /^#meter=(.+)$/.exec(hash);
  if (m) {
    const id = decodeURIComponent(m[1]);
    if (id !== st.deviceId) {
      select({ deviceId: id });
      return;
    }
  }
  render();
  if (showOverview) void refreshFleet();
}

function render(): void {
  renderStatus(st, () => void refresh());
  if (showOverview) {
    renderFleet();
    return;
  }
  byId('overview').hidden = true;
  if (st.devices && st.devices.length > 0) {
    renderMeterSelect();
    renderCards(byId('cards'), st);
    renderChartsPanel(charts, st);
    renderCalendar(st);
    renderRecharges(byId('recharge-list'), byId('recharge-total'), st);
  }
}

function renderMeterSelect(): void {
  const row = byId('meter-row');
  const sel = byId<HTMLSelectElement>('meter');
  const devices = st.devices ?? [];
  if (isTenant(who)) {
    renderTenantMeter(devices[0]?.name ?? '');
    return;
  }
  row.hidden = devices.length <= 1;
  const want = devices.map((d) => `${d.id}\u0000${d.name}`).join('\u0001');
  if (sel.dataset.list !== want) {
    sel.replaceChildren(...devices.map((d) => {
      const o = el('option', '', d.enabled ? d.name : `${d.name}（已停用）`) as HTMLOptionElement;
      o.value = d.id;
      return o;
    }));
    sel.dataset.list = want;
  }
  sel.value = st.deviceId ?? '';
}

function reasonOf(e: unknown): string {
  if (e instanceof ApiError) return e.detail ? `${e.message}（${e.detail}）` : e.message;
  return String(e);
}

/** Loads everything for the current selection; keeps the last data when the server is unreachable. */
async function refresh(): Promise<void> {
  const my = ++seq;
  refreshing++;
  byId('refresh').classList.add('spinning');
  let cachedAt: number | null = null; // the oldest answer the service worker returned from its cache
  const call = api.tracking((at) => {
    cachedAt = Math.min(cachedAt ?? at, at);
  });
  // A kept answer's zone holds; its server_time is old.
  const clock = (c: ServerClock): ServerClock => (cachedAt === null ? c : { ...c, serverTimeMs: null });
  try {
    const dev = await call.devices();
    if (my !== seq) return;
    applyClock(st, clock(dev.clock));
    st.devices = dev.devices;
    st.deviceId = pickDevice(dev.devices, st.deviceId);
    st.cachedAt = cachedAt;
    st.unreachable = cachedAt !== null;
    st.error = null;
    if (!st.deviceId) return;
    const id = st.deviceId;
    const [kpi, series, pk, rh] = await Promise.allSettled([
      call.kpi(id, st.date),
      call.data(st.date ? 'day' : st.range, id, st.date),
      call.periodKpi(st.range, id),
      call.rechargeHistory(id, st.rechargeDays),
    ]);
    if (my !== seq) return;
    const failed = [kpi, series, pk, rh].filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (kpi.status === 'fulfilled') {
      st.kpi = kpi.value;
      applyClock(st, clock(kpi.value.clock));
    }
    if (series.status === 'fulfilled') st.series = series.value;
    if (pk.status === 'fulfilled') st.periodKpi = pk.value;
    if (rh.status === 'fulfilled') st.recharges = rh.value;
    // Kept answers mean the server could not be reached: the banner says so and the data is marked stale.
    st.cachedAt = cachedAt;
    if (cachedAt !== null || failed.some((f) => f.reason instanceof ApiError && f.reason.unreachable)) st.unreachable = true;
    else if (failed.length) st.error = `部分数据加载失败：${reasonOf(failed[0].reason)}`;
    if (!failed.length && cachedAt === null) st.loadedAt = Date.now();
    dayShown = today(st);
  } catch (e) {
    if (my !== seq) return;
    if (e instanceof ApiError && e.status === 401) toSignIn(e);
    if (e instanceof ApiError && !e.unreachable) st.error = `加载失败：${reasonOf(e)}`;
    else st.unreachable = true;
  } finally {
    refreshing--;
    if (refreshing === 0) byId('refresh').classList.remove('spinning');
    if (my === seq) {
      render();
      scheduleMidnight();
      scheduleRetry();
    }
  }
}

/** Clears what belongs to another selection so it never shows under the new one. */
function select(change: Partial<Pick<State, 'deviceId' | 'range' | 'date' | 'rechargeDays'>>): void {
  const meterChanged = change.deviceId !== undefined && change.deviceId !== st.deviceId;
  Object.assign(st, change);
  if (meterChanged) {
    storage.set(KEY_DEVICE, st.deviceId);
    st.kpi = null;
    st.periodKpi = null;
    st.recharges = null;
  }
  st.series = null;
  render();
  void refresh();
}

/** At local midnight in APP_TZ, "today" moves on: reload if the page shows today. */
function scheduleMidnight(): void {
  clearTimeout(midnightTimer);
  midnightTimer = window.setTimeout(() => {
    if (today(st) !== dayShown) {
      if (st.date === today(st)) st.date = null;
      void refresh();
    } else scheduleMidnight();
  }, Math.min(msUntilMidnight(Date.now() + st.clockSkewMs, st.tz) + 1000, 6 * 3600_000));
}

/** While the server cannot be reached, try again every 30 s (when visible) rather than every 5 minutes. */
function scheduleRetry(): void {
  clearTimeout(retryTimer);
  if (!st.unreachable) return;
  retryTimer = window.setTimeout(() => {
    if (document.visibilityState === 'visible') void refresh();
    else scheduleRetry();
  }, RETRY_UNREACHABLE_MS);
}

function scheduleAuto(): void {
  clearInterval(autoTimer);
  autoTimer = window.setInterval(() => {
    if (document.visibilityState === 'visible') void refresh();
  }, AUTO_REFRESH_MS);
}

function wire(): void {
  byId('refresh').addEventListener('click', () => void refresh());
  byId<HTMLSelectElement>('meter').addEventListener('change', (e) => select({ deviceId: (e.target as HTMLSelectElement).value }));
  document.querySelectorAll<HTMLButtonElement>('.range button[data-range]').forEach((b) => {
    b.addEventListener('click', () => select({ range: b.dataset.range as Period, date: null }));
  });
  byId<HTMLInputElement>('date').addEventListener('click', (e) => {
    // Desktop browsers open the picker only from its icon: open it from anywhere on the face.
    try {
      (e.target as HTMLInputElement).showPicker?.();
    } catch {
      /* not allowed here (e.g. not a user gesture): the input still takes typing */
    }
  });
  byId<HTMLInputElement>('date').addEventListener('change', (e) => {
    const v = (e.target as HTMLInputElement).value;
    select({ range: 'day', date: v && v < today(st) ? v : null });
  });
  document.querySelectorAll<HTMLButtonElement>('#recharge-days button').forEach((b) => {
    b.addEventListener('click', () => select({ rechargeDays: Number(b.dataset.days) as RechargeDays }));
  });
  byId('fetch').addEventListener('click', () => {
    if (st.deviceId) void runFetch(api, st.deviceId, () => void refresh());
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible') return;
    const stale = st.loadedAt === null || Date.now() - st.loadedAt >= AUTO_REFRESH_MS || today(st) !== dayShown;
    if (stale) void refresh();
    scheduleAuto();
  });
  window.addEventListener('hashchange', route);
  byId<HTMLInputElement>('fleet-search').addEventListener('input', (e) => {
    fleetControls.search = (e.target as HTMLInputElement).value;
    renderFleet();
  });
  byId<HTMLInputElement>('fleet-grouped').addEventListener('change', (e) => {
    fleetControls.grouped = (e.target as HTMLInputElement).checked;
    renderFleet();
  });
  document.querySelectorAll<HTMLButtonElement>('#fleet-filter button').forEach((b) => {
    b.addEventListener('click', () => {
      fleetControls.filter = b.dataset.filter as OverviewControls['filter'];
      renderFleet();
    });
  });
  window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', () => renderChartsPanel(charts, st));
}

charts = createChartsPanel();
wire();
wireSignOut();
wireShares();
void viewer(api.base).then((v) => {
  who = v;
  applyViewer(v);
  route();
}, () => undefined); // unknown: the page works as in open mode
route();
scheduleAuto();
void refresh();
registerServiceWorker();

// Read-only view of what the page shows, for the end-to-end tests.
(window as unknown as { __ebill: unknown }).__ebill = {
  state: () => st,
  charts: () => ({
    usage: charts.shown.usage ? charts.usage.instance.getOption() : null,
    balance: charts.shown.balance ? charts.balance.instance.getOption() : null,
  }),
  busy: () => refreshing > 0,
  fleet: () => fleet,
  viewer: () => who,
};
