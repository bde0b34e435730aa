// The admin's share links on the overview page (ACCESS_MODE=shared): make
// one for a meter (shown once, with a copy button), list them, revoke one.

import { ApiError } from '../api';
import type { FleetMeter } from '../overview';
import { createShare, listShares, revokeShare, type ShareLink } from '../session';
import { byId, el } from './dom';

let meters: FleetMeter[] = [];

function showError(e: unknown): void {
  const box = byId('share-error');
  box.textContent = e instanceof ApiError ? `操作失败：${e.detail || e.message}` : '操作失败';
  box.hidden = false;
}

/** "2026-03-01T04:00:00Z" as a local date. */
function day(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('zh-CN');
}

const STATE_TEXT: Record<ShareLink['state'], string> = { active: '有效', expired: '已过期', revoked: '已撤销' };

function nameOf(id: string): string {
  return meters.find((m) => m.id === id)?.name ?? id;
}

function row(s: ShareLink): HTMLElement {
  const li = el('li', s.state === 'active' ? '' : 'ended');
  li.dataset.share = String(s.id);
  const what = el('span', 's-what', `#${s.id} ${nameOf(s.deviceId)}（${s.deviceId}）${s.label ? ` · ${s.label}` : ''}${s.allowFetch ? ' · 可抓取' : ''}`);
  const when = el('span', 's-when', `${STATE_TEXT[s.state]} · ${s.expiresAt ? `到期 ${day(s.expiresAt)}` : '永久'}`);
  li.append(what, when);
  if (s.state === 'active') {
    const b = el('button', '', '撤销') as HTMLButtonElement;
    b.type = 'button';
    b.addEventListener('click', () => {
      b.disabled = true;
      void revokeShare(s.id).then(refreshShares, (e: unknown) => {
        b.disabled = false;
        showError(e);
      });
    });
    li.append(b);
  }
  return li;
}

export async function refreshShares(): Promise<void> {
  try {
    const list = await listShares();
    byId('share-list').replaceChildren(...list.slice().reverse().map(row));
  } catch (e) {
    showError(e);
  }
}

/** The meter the typed text means: an id, a name, or "name（id）" from the list. */
function meterOf(text: string): string | null {
  const t = text.trim();
  const m = /（([^）]+)）$/.exec(t);
  const id = m ? m[1] : t;
  return meters.find((x) => x.id === id)?.id ?? meters.find((x) => x.name === t)?.id ?? (t || null);
}

/** Shows the panel with the fleet's meters to choose from. */
export function showShares(fleetMeters: FleetMeter[]): void {
  meters = fleetMeters;
  byId('shares').hidden = false;
  byId('share-meters').replaceChildren(...meters.map((m) => {
    const o = el('option') as HTMLOptionElement;
    o.value = `${m.name}（${m.id}）`;
    return o;
  }));
}

export function wireShares(): void {
  byId<HTMLFormElement>('share-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    byId('share-error').hidden = true;
    const id = meterOf(byId<HTMLInputElement>('share-meter').value);
    if (!id) return;
    void createShare(id, byId<HTMLInputElement>('share-label').value.trim(), byId<HTMLSelectElement>('share-expires').value,
      byId<HTMLInputElement>('share-allow-fetch').checked)
      .then(({ url }) => {
        byId<HTMLInputElement>('share-url').value = url;
        byId('share-made').hidden = false;
        return refreshShares();
      }, showError);
  });
  byId('share-copy').addEventListener('click', () => {
    const input = byId<HTMLInputElement>('share-url');
    input.select();
    // The clipboard API needs https; on a LAN address the selected text is copied the old way.
    void (navigator.clipboard?.writeText(input.value) ?? Promise.reject(new Error('no clipboard')))
      .catch(() => document.execCommand('copy'))
      .then(() => {
        byId('share-copy').textContent = '已复制';
      });
  });
}
