// 抓取: ask the server to fetch the meter now. On 401 ask for the operator
// token once (in-page dialog), keep it in localStorage, retry.

import { ApiError, type Api, type FetchOutcome } from '../api';
import { fixed2 } from '../format';
import { KEY_TOKEN, storage } from '../state';
import { byId } from './dom';

/** What to tell the user when a fetch failed. */
export function fetchErrorText(e: unknown): string {
  if (!(e instanceof ApiError)) return '抓取失败';
  if (e.kind === 'timeout') return '抓取超时，请稍后再试';
  if (e.unreachable) return '无法连接服务器';
  if (e.status === 401) return '令牌无效，请重新输入';
  if (e.status === 429) return '操作太频繁：每个电表 30 秒内只能抓取一次';
  const why = e.detail && e.detail !== e.message ? `（${e.detail}）` : '';
  return `抓取失败：${e.message}${why}`;
}

/** What to tell the user after a successful fetch. */
export function fetchOkText(out: FetchOutcome): string {
  if (out.balance !== null) return `抓取成功，当前余额 ${fixed2(out.balance)} kWh`;
  return out.message ? `抓取成功：${out.message}` : '抓取成功';
}

/** Shows the token dialog; resolves to the token typed, or null when cancelled. */
function askToken(hint: string): Promise<string | null> {
  const dlg = byId<HTMLDialogElement>('token-dialog');
  const input = byId<HTMLInputElement>('token-input');
  const form = byId<HTMLFormElement>('token-form');
  const cancel = byId<HTMLButtonElement>('token-cancel');
  input.value = '';
  input.placeholder = hint || 'FETCH_TOKEN';
  return new Promise((resolve) => {
    const done = (v: string | null) => {
      form.removeEventListener('submit', onSubmit);
      cancel.removeEventListener('click', onCancel);
      dlg.removeEventListener('cancel', onCancel);
      if (dlg.open) dlg.close();
      resolve(v);
    };
    const onSubmit = (ev: Event) => {
      ev.preventDefault();
      const t = input.value.trim();
      done(t || null);
    };
    const onCancel = (ev: Event) => {
      ev.preventDefault();
      done(null);
    };
    form.addEventListener('submit', onSubmit);
    cancel.addEventListener('click', onCancel);
    dlg.addEventListener('cancel', onCancel);
    dlg.showModal();
    input.focus();
  });
}

/** Runs one fetch for `deviceId`, showing progress and outcome in #fetch-result; calls `after` on success. */
export async function runFetch(api: Api, deviceId: string, after: () => void): Promise<void> {
  const btn = byId<HTMLButtonElement>('fetch');
  const out = byId('fetch-result');
  const say = (text: string, cls: '' | 'ok' | 'bad') => {
    out.textContent = text;
    out.className = `fetch-result ${cls}`;
  };
  btn.disabled = true;
  say('正在抓取…', '');
  try {
    let token = storage.get(KEY_TOKEN);
    let result: FetchOutcome;
    try {
      result = await api.fetchNow(deviceId, token);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      if (token) storage.set(KEY_TOKEN, null); // the kept token no longer works
      say('需要操作令牌', '');
      token = await askToken(token ? '令牌无效，请重新输入' : '');
      if (!token) {
        say('已取消：抓取需要操作令牌', 'bad');
        return;
      }
      storage.set(KEY_TOKEN, token);
      say('正在抓取…', '');
      try {
        result = await api.fetchNow(deviceId, token);
      } catch (e2) {
        if (e2 instanceof ApiError && e2.status === 401) storage.set(KEY_TOKEN, null);
        throw e2;
      }
    }
    say(fetchOkText(result), 'ok');
    after();
  } catch (e) {
    say(fetchErrorText(e), 'bad');
  } finally {
    btn.disabled = false;
  }
}
