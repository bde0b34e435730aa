// What the page shows for who is looking (GET /auth/session): a tenant (a
// share link) sees their meter's name and no meter picker or fleet overview;
// a signed-in admin gets 退出登录, and in shared mode the share links on the
// overview. Open mode changes nothing.

import type { ApiError } from '../api';
import type { Viewer } from '../session';
import { signOut } from '../session';
import { byId } from './dom';

export function isTenant(v: Viewer | null): boolean {
  return v?.role === 'tenant';
}

/** Applies `v` to the page's chrome once it is known. */
export function applyViewer(v: Viewer): void {
  document.body.dataset.role = v.role ?? 'anyone';
  const signedInAdmin = v.mode !== 'open' && v.role === 'admin';
  byId('signout').hidden = !signedInAdmin;
  if (isTenant(v)) byId('to-overview').hidden = true;
  // 抓取 only for a link made with --allow-fetch (the server refuses it otherwise).
  const fetchPanel = document.querySelector<HTMLElement>('.fetch-panel');
  if (fetchPanel) fetchPanel.hidden = isTenant(v) && !v.allowFetch;
}

/** The meter row for a tenant: the meter's name as text, never a picker. */
export function renderTenantMeter(name: string): void {
  byId('meter-row').hidden = false;
  byId('meter').hidden = true;
  byId('to-overview').hidden = true;
  const label = byId('meter-name');
  label.hidden = false;
  label.textContent = name;
}

export function wireSignOut(): void {
  byId('signout').addEventListener('click', () => {
    void signOut()
      .then(async () => {
        // Answers kept for offline use belong to this sign-in.
        if ('caches' in window) await caches.delete('ebill-data');
      })
      .finally(() => location.assign('/signin.html'));
  });
}

let leaving = false;

/**
 * A 401 from the API: the sign-in or share link ended (or never was); open the sign-in page, saying which.
 * The first 401 decides: the answer `link_ended` also clears the cookie, so the page's other calls then get a
 * plain 401, which must not replace the note that the link ended.
 */
export function toSignIn(e: ApiError): void {
  if (leaving || location.pathname === '/signin.html') return;
  leaving = true;
  location.assign(e.message === 'link_ended' ? '/signin.html?ended=1' : '/signin.html');
}
