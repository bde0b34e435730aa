// Who the page is shown to (GET /auth/session) and the admin's sign-in,
// sign-out and share links (docs/access.md). Every field of those answers the
// page reads is named here.

import { ApiError, arr, num, obj, requestJson, str } from './api';

export type AccessMode = 'open' | 'private' | 'shared';

export interface Viewer {
  mode: AccessMode;
  role: 'admin' | 'tenant' | null; // null: not signed in (or open mode)
  deviceId: string | null;         // a tenant's one meter
  allowFetch: boolean;
}

export interface ShareLink {
  id: number;
  deviceId: string;
  label: string;
  allowFetch: boolean;
  createdAt: string;        // ISO 8601, UTC
  expiresAt: string | null; // null = never
  state: 'active' | 'expired' | 'revoked';
}

export function parseViewer(raw: unknown): Viewer {
  const o = obj(raw);
  const m = str(o['mode']);
  const r = str(o['role']);
  return {
    mode: m === 'private' || m === 'shared' ? m : 'open',
    role: r === 'admin' || r === 'tenant' ? r : null,
    deviceId: str(o['device_id']),
    allowFetch: o['allow_fetch'] === true,
  };
}

export function parseShare(raw: unknown): ShareLink {
  const o = obj(raw);
  const s = str(o['state']);
  return {
    id: num(o['id']) ?? 0,
    deviceId: str(o['device_id']) ?? '',
    label: str(o['label']) ?? '',
    allowFetch: o['allow_fetch'] === true,
    createdAt: str(o['created_at']) ?? '',
    expiresAt: str(o['expires_at']),
    state: s === 'expired' || s === 'revoked' ? s : 'active',
  };
}

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** Who is looking. An older ebill-api without /auth/session (404) is open mode. */
export async function viewer(base = ''): Promise<Viewer> {
  try {
    return parseViewer(await requestJson(base, '/auth/session'));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return parseViewer({});
    throw e;
  }
}

export async function signIn(token: string, base = ''): Promise<void> {
  await requestJson(base, '/auth/signin', { method: 'POST', body: form({ token }) });
}

export async function signOut(base = ''): Promise<void> {
  await requestJson(base, '/auth/signout', { method: 'POST' });
}

export function signInErrorText(e: unknown): string {
  if (!(e instanceof ApiError)) return '登录失败';
  if (e.status === 401) return '令牌不对';
  if (e.status === 429) return '尝试次数太多，请一分钟后再试';
  if (e.unreachable) return '无法连接服务器';
  return `登录失败：${e.detail || e.message}`;
}

export async function listShares(base = ''): Promise<ShareLink[]> {
  return arr(obj(await requestJson(base, '/shares'))['shares']).map(parseShare);
}

/** Makes a link; resolves to it with its address (shown once: the server keeps only its hash). */
export async function createShare(deviceId: string, label: string, expires: string, allowFetch: boolean, base = ''): Promise<{ share: ShareLink; url: string }> {
  const o = obj(await requestJson(base, '/shares', {
    method: 'POST',
    body: form({ device_id: deviceId, label, expires, allow_fetch: allowFetch ? '1' : '0' }),
  }));
  const url = str(o['url']) ?? '';
  return { share: parseShare(o['share']), url: url.startsWith('/') ? location.origin + url : url };
}

export async function revokeShare(id: number, base = ''): Promise<void> {
  await requestJson(base, '/shares/revoke', { method: 'POST', body: form({ id: String(id) }) });
}
