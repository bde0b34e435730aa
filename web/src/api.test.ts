// The fetch wrapper against a real HTTP server on 127.0.0.1 (no mocks).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, ApiError, parseDevices, parseRechargeHistory, parseSeries, requestJson } from './api';
import { pickDevice } from './state';
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
      case '/unauthorized': return send(res, 401, '{"error":"unauthorized","detail":"FETCH_TOKEN required"}');
      case '/busy': return send(res, 429, '{"error":"too many requests","detail":"retry in 30 s"}');
      case '/dbdown': return send(res, 503, '{"error":"database unavailable","detail":"connect failed"}');
      case '/gateway': return send(res, 502, '<html>bad gateway</html>');
      case '/html': return send(res, 200, '<html>not json</html>');
      case '/hang': return; // never answers
      case '/drop': req.socket.destroy(); return;
      case '/fetch':
        if (req.headers.authorization !== 'Bearer s3cret') return send(res, 401, '{"error":"unauthorized"}');
        return send(res, 200, '{"message":"ok","balance":65.99,"collected_at":"2025-06-01 08:00:00"}');
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
  it('401 carries the server error and detail', async () => {
    const e = await failure(requestJson(base, '/unauthorized'));
    expect([e.kind, e.status, e.message, e.detail, e.unreachable]).toEqual(['http', 401, 'unauthorized', 'FETCH_TOKEN required', false]);
  });
  it('429 and 503 are answers, not an unreachable server', async () => {
    const busy = await failure(requestJson(base, '/busy'));
    expect([busy.status, busy.unreachable]).toEqual([429, false]);
    const db = await failure(requestJson(base, '/dbdown'));
    expect([db.status, db.message, db.unreachable]).toEqual([503, 'database unavailable', false]);
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
  it('POSTs /fetch with the bearer token', async () => {
    const api = new Api(base);
    const e = await failure(api.fetchNow('m1', null));
    expect(e.status).toBe(401);
    expect(seen.at(-1)).toEqual({ method: 'POST', url: '/fetch?device_id=m1', auth: undefined });
    const out = await api.fetchNow('m1', 's3cret');
    expect(seen.at(-1)?.auth).toBe('Bearer s3cret');
    expect(fetchOkText(out)).toBe('抓取成功，当前余额 65.99 kWh');
  });
});

describe('parsing answers', () => {
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
    expect(fetchErrorText(new ApiError('http', 429, 'too many requests'))).toBe('操作太频繁：每个电表 30 秒内只能抓取一次');
    expect(fetchErrorText(new ApiError('timeout', 0, 'x'))).toBe('抓取超时，请稍后再试');
    expect(fetchErrorText(new ApiError('network', 0, 'x'))).toBe('无法连接服务器');
    expect(fetchErrorText(new ApiError('http', 502, 'page changed', 'parse failed'))).toBe('无法连接服务器');
    expect(fetchErrorText(new ApiError('http', 500, 'fetch failed', 'blocked by the site'))).toBe('抓取失败：fetch failed（blocked by the site）');
  });
});
