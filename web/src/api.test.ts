// The page's API client. What ebill-api answers (its errors, its JSON) comes
// from a real ebill-api (test-support/ebill-api.ts); what only a network or a
// proxy does (no answer, a dropped connection, an HTML 502, a non-JSON 200)
// and what the client sends comes from a plain HTTP server on 127.0.0.1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, ApiError, CACHED_AT_HEADER, parseDevices, parseRechargeHistory, parseSeries, requestAnswer, requestJson } from './api';
import { pickDevice } from './state';
import { apiBinary, startApi, type RunningApi } from './test-support/ebill-api';
import { fetchErrorText, fetchOkText } from './views/fetch';

interface Seen { method: string; url: string; auth: string | undefined }
const seen: Seen[] = [];
let server: http.Server;
let base = '';

function send(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body);
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization });
    const path = (req.url ?? '').split('?')[0];
    switch (path) {
      case '/ok': return send(res, 200, '{"a":1}');
      case '/empty': return send(res, 200, '');
      case '/gateway': return send(res, 502, '<html>bad gateway</html>');
      case '/kept':
        res.writeHead(200, { 'content-type': 'application/json', [CACHED_AT_HEADER]: '1773577800000' });
        return res.end('{"a":2}');
      case '/meter-page': return send(res, 200, '<html>no balance here</html>');
      case '/html': return send(res, 200, '<html>not json</html>');
      case '/hang': return; // never answers
      case '/drop': req.socket.destroy(); return;
      case '/data': return send(res, 200, '{"labels":["00:00","01:00"],"balances":[null,3.5],"usage":[0,"0.25"]}');
      default: return send(res, 404, '{"error":"not found"}');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('requestJson', () => {
  it('returns the JSON body', async () => {
    expect(await requestJson(base, '/ok')).toEqual({ a: 1 });
    expect(await requestJson(base, '/empty')).toBeNull();
  });
  it('says when the service worker answered from its cache', async () => {
    expect(await requestAnswer(base, '/ok')).toEqual({ body: { a: 1 }, cachedAt: null });
    expect(await requestAnswer(base, '/kept')).toEqual({ body: { a: 2 }, cachedAt: 1773577800000 });
    const kept: number[] = [];
    await new Api(base).tracking((at) => kept.push(at)).data('day', 'm', null);
    expect(kept).toEqual([]);
  });
  it('a proxy 502 with an HTML body counts as unreachable', async () => {
    const e = await failure(requestJson(base, '/gateway'));
    expect([e.kind, e.status, e.message, e.unreachable]).toEqual(['http', 502, 'HTTP 502', true]);
  });
  it('a 200 that is not JSON is a parse error', async () => {
    const e = await failure(requestJson(base, '/html'));
    expect([e.kind, e.status]).toEqual(['parse', 200]);
  });
  it('a server that never answers times out', async () => {
    const e = await failure(requestJson(base, '/hang', { timeoutMs: 150 }));
    expect([e.kind, e.unreachable]).toEqual(['timeout', true]);
  });
  it('a dropped connection and a closed port are network errors', async () => {
    expect((await failure(requestJson(base, '/drop'))).kind).toBe('network');
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const e = await failure(requestJson(`http://127.0.0.1:${port}`, '/ok'));
    expect([e.kind, e.status, e.unreachable]).toEqual(['network', 0, true]);
  });
});

describe('Api', () => {
  it('sends query parameters encoded, leaving out empty ones', async () => {
    const api = new Api(base);
    const s = await api.data('day', 'a b&c', null);
    expect(seen.at(-1)?.url).toBe('/data?period=day&device_id=a+b%26c');
    expect(s.balances).toEqual([null, 3.5]);
    expect(s.usage).toEqual([0, 0.25]);
    expect(s.recharge).toEqual([null, null]);
    expect(s.estimated).toEqual([false, false]);
  });
});

const bin = apiBinary();

describe.skipIf(bin === null)('against a real ebill-api', () => {
  let api: RunningApi;
  let dbDown: RunningApi;

  beforeAll(async () => {
    // Its meter's page is the plain server's /meter-page, which has no balance: every fetch fails there.
    api = await startApi(bin!, { METERS: 'M1:一楼', FETCH_TOKEN: 's3cret-0123456789abc', METER_SOURCE_URL: `${base}/meter-page?mid={meter}` });
    // A MariaDB on a port where nothing listens.
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    dbDown = await startApi(bin!, { METERS: 'M1:一楼', DB_HOST: '127.0.0.1', DB_PORT: String(port), DB_CONNECT_TIMEOUT: '1' }, false);
  }, 30_000);
  afterAll(async () => {
    await api?.stop();
    await dbDown?.stop();
  });

  it('reads /devices with the server clock', async () => {
    const d = await new Api(api.base).devices();
    expect(d.devices.map((x) => [x.id, x.name])).toEqual([['M1', '一楼']]);
    expect(d.clock.tz).toBe('Asia/Shanghai');
    expect(d.clock.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Math.abs((d.clock.serverTimeMs ?? 0) - Date.now())).toBeLessThan(60_000);
  });
  it('401 without the token: the API\'s error and detail, not an unreachable server', async () => {
    const e = await failure(new Api(api.base).fetchNow('M1', null));
    expect([e.kind, e.status, e.message, e.fromApi, e.unreachable]).toEqual(['http', 401, 'unauthorized', true, false]);
    expect(e.detail).not.toBe('');
    expect(fetchErrorText(new ApiError('http', 401, e.message))).toBe('令牌无效，请重新输入');
  });
  it('a failed fetch is the API\'s own 502, then a second one within 30 s is its 429', async () => {
    const client = new Api(api.base);
    const failed = await failure(client.fetchNow('M1', 's3cret-0123456789abc'));
    expect([failed.status, failed.fromApi, failed.unreachable]).toEqual([502, true, false]);
    expect(fetchErrorText(failed)).toMatch(/^抓取失败：/);
    const busy = await failure(client.fetchNow('M1', 's3cret-0123456789abc'));
    expect([busy.status, busy.message, busy.fromApi, busy.unreachable]).toEqual([429, 'too_many_requests', true, false]);
    expect(busy.detail).toMatch(/retry in \d+ s/);
    expect(fetchErrorText(busy)).toBe('操作太频繁：每个电表 30 秒内只能抓取一次');
  });
  it('a bad parameter is a 400 answer', async () => {
    const e = await failure(new Api(api.base).data('day', 'M1', 'not-a-date'));
    expect([e.kind, e.status, e.fromApi, e.unreachable]).toEqual(['http', 400, true, false]);
    expect(e.message).toBe('bad_parameter');
  });
  it('its 503 (database down) is an answer, not an unreachable server', async () => {
    const e = await failure(new Api(dbDown.base).kpi('M1', null));
    expect([e.kind, e.status, e.message, e.fromApi, e.unreachable]).toEqual(['http', 503, 'database_unavailable', true, false]);
  }, 15_000);
});

describe('parsing answers', () => {
  it('/fetch as ebill-api answers it', () => {
    expect(fetchOkText({ message: '抓取成功', balance: 65.99, collectedAt: '2025-06-01 08:00:00' })).toBe('抓取成功，当前余额 65.99 kWh');
  });
  it('/devices as a bare array', () => {
    const d = parseDevices([{ id: 7, name: '', enabled: true }, { name: 'no id' }]);
    expect(d.devices.map((x) => [x.id, x.name])).toEqual([['7', '7']]);
    expect(d.clock).toEqual({ tz: null, serverTimeMs: null, today: null });
  });
  it('/devices wrapped, with the server clock and status', () => {
    const d = parseDevices({
      tz: 'Asia/Shanghai', today: '2025-06-01', server_time: '2025-06-01T08:00:00+08:00',
      devices: [{ id: 'm1', name: '一楼', enabled: false, last_balance: '12.5',
        status: { last_success: '2025-06-01 07:55:00', last_error: '', consecutive_failures: 4 } }],
    });
    expect(d.clock).toEqual({ tz: 'Asia/Shanghai', today: '2025-06-01', serverTimeMs: Date.UTC(2025, 5, 1, 0, 0, 0) });
    expect(d.devices[0]).toEqual({
      id: 'm1', name: '一楼', enabled: false, lastReadingAt: null, lastBalance: 12.5,
      status: { lastSuccess: '2025-06-01 07:55:00', lastError: null, consecutiveFailures: 4 },
    });
  });
  it('series pads short arrays to the labels and drops garbage', () => {
    const s = parseSeries({ labels: ['a', 'b', 'c'], balances: [1, 'x'], usage: 'nope', recharge: [0, 5], estimated: [true, 1, 'yes'] });
    expect(s.balances).toEqual([1, null, null]);
    expect(s.usage).toEqual([null, null, null]);
    expect(s.recharge).toEqual([0, 5, null]);
    expect(s.estimated).toEqual([true, true, false]);
  });
  it('recharge history', () => {
    const h = parseRechargeHistory({ recharges: [{ recharge_time: '2025-06-01 10:12:00', recharge_amount: 49.5, estimated: true }], query_days: 30 });
    expect(h.totalCount).toBe(1);
    expect(h.recharges[0].amount).toBe(49.5);
    expect(h.recharges[0].estimated).toBe(true);
    expect(h.recharges[0].money).toBeNull();
  });
});

describe('meter choice and fetch messages', () => {
  const dev = (id: string, enabled = true) => ({ id, name: id, enabled, lastReadingAt: null, lastBalance: null, status: null });
  it('keeps the remembered meter while it exists, else the first enabled', () => {
    expect(pickDevice([dev('a'), dev('b')], 'b')).toBe('b');
    expect(pickDevice([dev('a', false), dev('b')], 'gone')).toBe('b');
    expect(pickDevice([dev('a', false)], null)).toBe('a');
    expect(pickDevice([], 'a')).toBeNull();
  });
  it('says why a fetch failed', () => {
    expect(fetchErrorText(new ApiError('timeout', 0, 'x'))).toBe('抓取超时，请稍后再试');
    expect(fetchErrorText(new ApiError('network', 0, 'x'))).toBe('无法连接服务器');
    expect(fetchErrorText(new ApiError('http', 502, 'page changed', 'parse failed'))).toBe('无法连接服务器');
    expect(fetchErrorText(new ApiError('http', 500, 'fetch failed', 'blocked by the site'))).toBe('抓取失败：fetch failed（blocked by the site）');
  });
});
