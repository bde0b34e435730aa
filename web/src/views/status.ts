// Whole-page states and the banner: no meters, no readings yet, API unreachable.

import { cachedNote, freshness, noReadingsYet } from '../kpi';
import { selectedDevice, serverNow, type State } from '../state';
import { byId, el } from './dom';

/** What the page shows instead of its content, or null when content can show. */
export function pageState(st: State): { kind: 'loading' | 'unreachable' | 'no-meters' | 'no-readings'; title: string; text: string } | null {
  if (st.devices === null) {
    return st.unreachable
      ? { kind: 'unreachable', title: '无法连接服务器', text: '请检查网络或服务器是否运行，稍后会自动重试。' }
      : { kind: 'loading', title: '加载中…', text: '' };
  }
  if (st.devices.length === 0) {
    return { kind: 'no-meters', title: '尚未配置电表', text: '请在服务器的配置中添加电表（METERS），采集器运行后这里会显示数据。' };
  }
  return null;
}

export function renderStatus(st: State, onRetry: () => void): void {
  const empty = byId('empty');
  const content = byId('content');
  const banner = byId('banner');
  const ps = pageState(st);
  empty.hidden = ps === null;
  content.hidden = ps !== null;
  if (ps) {
    empty.dataset.state = ps.kind;
    empty.replaceChildren(el('h2', '', ps.title), el('p', '', ps.text));
    if (ps.kind === 'unreachable') {
      const b = el('button', 'primary', '重试');
      b.addEventListener('click', onRetry);
      empty.append(b);
    }
  }

  banner.hidden = true;
  banner.className = 'banner';
  delete banner.dataset.state;
  if (ps === null && st.unreachable) {
    banner.hidden = false;
    banner.dataset.state = 'unreachable';
    banner.textContent = '无法连接服务器，显示的是上次的数据。';
    const b = el('button', '', '重试');
    b.addEventListener('click', onRetry);
    banner.append(b);
  } else if (ps === null && st.error) {
    banner.hidden = false;
    banner.classList.add('warn');
    banner.dataset.state = 'error';
    banner.textContent = st.error;
  } else if (ps === null && st.kpi && noReadingsYet(st.kpi, selectedDevice(st))) {
    banner.hidden = false;
    banner.classList.add('warn');
    banner.dataset.state = 'no-readings';
    banner.textContent = '这个电表还没有读数：采集器第一次抓取成功后会显示。';
  }

  const note = ps === null ? cachedNote(st.cachedAt, st.tz) : null;
  const stale = byId('stale');
  stale.hidden = note === null;
  stale.textContent = note ?? '';

  const fr = byId('freshness');
  if (ps === null) {
    const f = freshness(selectedDevice(st), st.kpi?.lastReadingAt ?? null, serverNow(st), st.tz);
    fr.textContent = f.text;
    fr.className = `freshness ${f.level}`;
    fr.dataset.level = f.level;
  }
}
