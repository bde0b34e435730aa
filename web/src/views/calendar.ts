// Below the charts for 本月 / 上月 / 12个月: the period's totals (usage, ¥,
// recharges, the same period a year earlier) and, for the 12 months, one
// table row per month.

import { isCalendar, type CalendarPeriod } from '../api';
import { CALENDAR_TITLE, calendarRows, calendarTotals, type CalendarRow } from '../calendar';
import { DASH, fixed2, yuan } from '../format';
import type { State } from '../state';
import { byId, el } from './dom';

function item(field: string, label: string, value: string): HTMLElement {
  const d = el('div', 'cal-item');
  d.dataset.field = field;
  d.append(el('span', 'cal-label', label), el('span', 'cal-value', value));
  return d;
}

function monthRow(r: CalendarRow): HTMLElement {
  const tr = el('tr');
  tr.dataset.month = r.label;
  const td = (cls: string, text: string) => el('td', cls, text);
  tr.append(
    td('c-month', r.label),
    td('c-usage', fixed2(r.usage)),
    td('c-cost', r.cost === null ? DASH : fixed2(r.cost)),
    td('c-recharge', r.recharge ? fixed2(r.recharge) : DASH),
    td('c-last-year', fixed2(r.lastYear)),
  );
  return tr;
}

export function renderCalendar(st: State): void {
  const root = byId('calendar');
  const period = st.date === null && isCalendar(st.range) ? st.range : null;
  root.hidden = period === null || st.series === null;
  if (period === null || st.series === null) return;
  renderTotals(root, period, st);
}

function renderTotals(root: HTMLElement, period: CalendarPeriod, st: State): void {
  const s = st.series!;
  const rows = calendarRows(s);
  const t = calendarTotals(rows, s.cost !== null);
  const unit = period === 'twelve_months' ? '个月' : '天';
  const lastYear = t.lastYear === null ? DASH
    : `${fixed2(t.lastYear)} kWh${t.lastYearPoints < t.points ? `（${t.lastYearPoints}/${t.points} ${unit}有读数）` : ''}`;
  const totals = el('div', 'cal-totals');
  totals.append(
    item('usage', `${CALENDAR_TITLE[period]}用电`, `${fixed2(t.usage)} kWh`),
    item('cost', '电费', t.cost === null ? `${DASH}（单价未知）` : yuan(t.cost)),
    item('recharge', '充值', `${fixed2(t.recharge)} kWh`),
    item('last-year', '去年同期', lastYear),
  );
  const parts: HTMLElement[] = [totals];
  if (period === 'twelve_months') {
    const table = el('table', 'cal-table');
    const head = el('tr');
    for (const h of ['月份', '用电 kWh', '电费 ¥', '充值 kWh', '去年同期']) head.append(el('th', '', h));
    const thead = el('thead');
    thead.append(head);
    const tbody = el('tbody');
    tbody.append(...rows.map(monthRow));
    table.append(thead, tbody);
    parts.push(table);
  }
  root.replaceChildren(...parts);
}
