// The chart panel: range tabs (今日/近7天/近30天, 本月/上月/12个月), the date
// picker, and the usage and balance charts with their empty states.

import type { Period, SeriesData } from '../api';
import { balanceOption, Chart, paletteFromCss, usageOption } from '../charts';
import { monthDay } from '../dates';
import { fixed2 } from '../format';
import { hasReadings, totalUsage } from '../kpi';
import { today, type State } from '../state';
import { byId } from './dom';

const RANGE_TITLE: Record<Period, string> = {
  day: '今日', week: '近7天', month: '近30天', this_month: '本月', last_month: '上月', twelve_months: '近12个月',
};

export interface ChartsPanel {
  usage: Chart;
  balance: Chart;
  /** The options last shown, for tests and debugging (null while a chart shows an empty state). */
  shown: { usage: SeriesData | null; balance: SeriesData | null };
}

export function createChartsPanel(): ChartsPanel {
  return { usage: new Chart(byId('usage-chart')), balance: new Chart(byId('balance-chart')), shown: { usage: null, balance: null } };
}

function emptyText(st: State): string {
  if (st.date) return `${st.date} 没有读数`;
  if (st.range === 'day') return '今日还没有读数';
  return `${RANGE_TITLE[st.range]}没有读数`;
}

export function renderChartsPanel(p: ChartsPanel, st: State): void {
  document.querySelectorAll<HTMLButtonElement>('.range button[data-range]').forEach((b) => {
    b.setAttribute('aria-selected', String(st.date === null && b.dataset.range === st.range));
  });
  const date = byId<HTMLInputElement>('date');
  date.max = today(st);
  date.value = st.date ?? '';
  date.parentElement?.classList.toggle('active', st.date !== null);
  byId('date-label').textContent = st.date ? monthDay(st.date) : '选日期';

  const s = st.series;
  const what = st.date ? monthDay(st.date) : RANGE_TITLE[st.range];
  const total = s && hasReadings(s) ? totalUsage(s) : null;
  byId('usage-title').textContent = `${what}${st.date ? ' ' : ''}用电量${total !== null ? ` · 共 ${fixed2(total)} kWh` : ''}`;
  byId('balance-title').textContent = `${what}${st.date ? ' ' : ''}余额`;

  const usageEmpty = byId('usage-empty');
  const balanceEmpty = byId('balance-empty');
  if (!s || !hasReadings(s)) {
    const text = s ? emptyText(st) : '加载中…';
    for (const e of [usageEmpty, balanceEmpty]) {
      e.textContent = text;
      e.hidden = false;
    }
    p.usage.clear();
    p.balance.clear();
    p.shown = { usage: null, balance: null };
    return;
  }
  usageEmpty.hidden = true;
  balanceEmpty.hidden = true;
  const pal = paletteFromCss(document.documentElement);
  p.usage.show(usageOption(s, st.date ? 'day' : st.range, pal));
  p.balance.show(balanceOption(s, pal));
  p.shown = { usage: s, balance: s };
}
