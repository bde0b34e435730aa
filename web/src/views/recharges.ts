// 充值历史: the list for 30/90/365 days and its total.

import { fixed2, yuan } from '../format';
import { rechargeTotal } from '../kpi';
import type { State } from '../state';
import { el } from './dom';

export function renderRecharges(list: HTMLElement, totalEl: HTMLElement, st: State): void {
  document.querySelectorAll<HTMLButtonElement>('#recharge-days button').forEach((b) => {
    b.setAttribute('aria-pressed', String(Number(b.dataset.days) === st.rechargeDays));
  });
  list.replaceChildren();
  const h = st.recharges;
  if (!h) {
    totalEl.textContent = '';
    return;
  }
  const amounts = h.recharges.map((r) => r.amount);
  const moneyKnown = h.recharges.length > 0 && h.recharges.every((r) => r.money !== null);
  const money = moneyKnown ? rechargeTotal(h.recharges.map((r) => r.money)) : null;
  totalEl.textContent = `近${st.rechargeDays}天共 ${h.recharges.length} 次，合计 ${fixed2(rechargeTotal(amounts))} kWh` +
    (money !== null ? `（${yuan(money)}）` : '');
  totalEl.dataset.total = fixed2(rechargeTotal(amounts));
  if (h.recharges.length === 0) {
    list.append(el('li', 'none', `近${st.rechargeDays}天没有充值`));
    return;
  }
  for (const r of h.recharges) {
    const li = el('li');
    const left = el('div');
    left.append(el('div', 'when', r.time || r.date));
    left.append(el('div', 'detail', `${fixed2(r.balanceBefore)} → ${fixed2(r.balanceAfter)} kWh`));
    const right = el('div', 'amount', `+${fixed2(r.amount)} kWh`);
    right.dataset.amount = fixed2(r.amount);
    if (r.estimated) right.append(el('div', 'detail', '含估算'));
    if (r.money !== null) right.append(el('div', 'detail', yuan(r.money)));
    li.append(left, right);
    list.append(li);
  }
}
