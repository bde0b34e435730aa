// The KPI cards: 当日用电, 当前余额, the range's usage (较上周期), 预计可用天数.

import type { Period } from '../api';
import { monthDay } from '../dates';
import { DASH, fixed2, percent, signed2, unitPrice, wholeDays, yuan } from '../format';
import { dayChange, hasReadings, periodChange, rechargeNote, type Change } from '../kpi';
import type { State } from '../state';
import { el } from './dom';

// /period_kpi spans the 1/7/30 local days ending today (rolling), or a calendar period.
const PERIOD_NAME: Record<Period, string> = {
  day: '今日至今', week: '近7天用电', month: '近30天用电',
  this_month: '本月用电', last_month: '上月用电', twelve_months: '近12个月用电',
};
// What the period is compared with (periodChange: cut at the same point when it can be).
const COMPARED: Record<Period, string> = {
  day: '较上周期', week: '较上周期', month: '较上周期',
  this_month: '较上月同期', last_month: '较前一月', twelve_months: '较前12个月同期',
};

function card(key: string, label: string, value: string, unit: string, subs: HTMLElement[]): HTMLElement {
  const c = el('div', 'card');
  c.dataset.kpi = key;
  c.append(el('div', 'label', label));
  const v = el('div', 'value');
  const num = el('span', '', value);
  num.dataset.field = 'value';
  v.append(num);
  if (unit && value !== DASH) v.append(el('small', '', unit));
  c.append(v, ...subs);
  return c;
}

/** "较昨日 +1.20 (+12.5%)", colored up (more used) or down. */
function changeLine(field: string, label: string, ch: Change): HTMLElement {
  const s = el('div', 'sub');
  s.dataset.field = field;
  if (ch.delta === null) {
    s.textContent = `${label} ${DASH}`;
    return s;
  }
  s.append(`${label} `);
  const v = el('span', ch.delta > 0 ? 'up' : ch.delta < 0 ? 'down' : '', `${signed2(ch.delta)} kWh`);
  s.append(v);
  if (ch.ratio !== null) s.append(` (${percent(ch.ratio)})`);
  return s;
}

export function renderCards(root: HTMLElement, st: State): void {
  const k = st.kpi;
  root.replaceChildren();
  if (!k) return;
  const pastDay = st.date !== null;

  // A chosen day without readings says so rather than showing 0.00.
  const dayEmpty = pastDay && st.series !== null && !hasReadings(st.series);
  const usageSubs = dayEmpty ? [el('div', 'sub', '该日没有读数')]
    : [changeLine('day-change', pastDay ? '较前一日' : '较昨日', dayChange(k))];
  const recharge = rechargeNote(k);
  if (recharge !== null && !pastDay) {
    const n = el('div', 'sub note', `今日充值 ${fixed2(recharge)} kWh`);
    n.dataset.field = 'recharge-today';
    usageSubs.push(n);
  }
  root.append(card('usage', pastDay ? `${monthDay(st.date!)} 用电` : '当日用电', dayEmpty ? DASH : fixed2(k.usageTarget), 'kWh', usageSubs));

  const balanceSubs: HTMLElement[] = [];
  if (k.remainMoney !== null) {
    const m = el('div', 'sub', `约 ${yuan(k.remainMoney)}`);
    m.dataset.field = 'money';
    balanceSubs.push(m);
  }
  if (k.unitPrice !== null) {
    const p = el('div', 'sub', `单价 ¥${unitPrice(k.unitPrice)}/kWh`);
    p.dataset.field = 'unit-price';
    balanceSubs.push(p);
  }
  root.append(card('balance', '当前余额', fixed2(k.currentBalance), 'kWh', balanceSubs));

  const pk = st.periodKpi;
  const period = pk?.period ?? st.range;
  root.append(card('period', PERIOD_NAME[period], fixed2(pk?.currentUsage ?? null), 'kWh',
    [changeLine('period-change', COMPARED[period], pk ? periodChange(pk) : { delta: null, ratio: null })]));

  const daysSubs: HTMLElement[] = [];
  if (k.depletionDate) {
    const d = el('div', 'sub', `预计 ${monthDay(k.depletionDate)} 用完`);
    d.dataset.field = 'depletion';
    daysSubs.push(d);
  }
  root.append(card('days', '预计可用天数', wholeDays(k.daysLeft), '天', daysSubs));
}
