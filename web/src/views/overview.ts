// The fleet overview view: one row (desktop) or card (phone) per meter, with
// search, filters and grouping; a row opens the meter's dashboard. Rows are
// built in one fragment (1,000 meters in one layout pass).

import { kwh, yuan, fixed2 } from '../format';
import { ageText, byGroup, selectMeters, type Fleet, type FleetFilter, type FleetMeter } from '../overview';
import { byId, el } from './dom';

export interface OverviewControls { search: string; filter: FleetFilter; grouped: boolean }

const STATUS_TEXT: Record<FleetMeter['status'], string> = { ok: '正常', blocked: '被拦截', failing: '抓取失败', stale: '数据陈旧' };

function row(m: FleetMeter): HTMLElement {
  const a = el('a', `fleet-row status-${m.status}${m.low ? ' low' : ''}`) as HTMLAnchorElement;
  a.href = `#meter=${encodeURIComponent(m.id)}`;
  a.dataset.id = m.id;
  a.append(
    el('span', 'f-name', m.name),
    el('span', 'f-balance', kwh(m.balance)),
    el('span', 'f-money', yuan(m.money)),
    el('span', 'f-days', m.daysLeft === null ? '—' : `${fixed2(m.daysLeft)} 天${m.depletionDate ? ` · ${m.depletionDate.slice(5)}` : ''}`),
    el('span', 'f-today', `今 ${fixed2(m.usageToday)}`),
    el('span', 'f-yesterday', `昨 ${fixed2(m.usageYesterday)}`),
    el('span', 'f-age', ageText(m.ageSeconds)),
    el('span', `f-status s-${m.status}`, STATUS_TEXT[m.status]),
  );
  return a;
}

export function renderOverview(fleet: Fleet | null, c: OverviewControls): void {
  performance.mark('overview-render-start');
  renderRows(fleet, c);
  performance.measure('overview-render', 'overview-render-start'); // read by the browser test
}

function renderRows(fleet: Fleet | null, c: OverviewControls): void {
  const list = byId('fleet-list');
  const count = byId('fleet-count');
  if (!fleet) {
    list.replaceChildren();
    count.textContent = '加载中…';
    return;
  }
  const shown = selectMeters(fleet.meters, c.search, c.filter);
  count.textContent = `${shown.length} / ${fleet.meters.length} 个电表`;
  const frag = document.createDocumentFragment();
  if (c.grouped) {
    const totals = new Map(fleet.groups.map((g) => [g.name, g]));
    for (const [name, meters] of byGroup(shown)) {
      const g = totals.get(name);
      const head = el('div', 'fleet-group');
      head.append(el('strong', '', name || '未分组'), el('span', '', g
        ? `${g.meters} 个 · 余额 ${kwh(g.balance)} · ${yuan(g.money)} · 今 ${fixed2(g.usageToday)} · 昨 ${fixed2(g.usageYesterday)} kWh${g.low ? ` · ${g.low} 个余额低` : ''}`
        : ''));
      frag.append(head, ...meters.map(row));
    }
  } else {
    frag.append(...shown.map(row));
  }
  list.replaceChildren(frag);
}
