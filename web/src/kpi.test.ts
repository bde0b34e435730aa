import { describe, expect, it } from 'vitest';
import { parseKpi, parseSeries, type Device } from './api';
import { cachedNote, change, dayChange, FAILING_AFTER, freshness, hasReadings, noReadingsYet, periodChange, rechargeNote, rechargeTotal, totalUsage } from './kpi';
import { percent } from './format';

const SH = 'Asia/Shanghai';
const device = (over: Partial<Device> = {}): Device => ({
  id: 'm1', name: '一楼', enabled: true, lastReadingAt: null, lastBalance: null, status: null, ...over,
});

describe('change', () => {
  it('difference and ratio', () => {
    const c = change(13.82, 11.38);
    expect(c.delta).toBe(2.44);
    expect(percent(c.ratio)).toBe('+21.4%');
  });
  it('a decrease is negative', () => {
    expect(change(9, 12)).toEqual({ delta: -3, ratio: -0.25 });
  });
  it('no ratio against zero, no numbers from null or NaN', () => {
    expect(change(5, 0)).toEqual({ delta: 5, ratio: null });
    expect(change(null, 3)).toEqual({ delta: null, ratio: null });
    expect(change(Number.NaN, 3)).toEqual({ delta: null, ratio: null });
    expect(change(3, Number.POSITIVE_INFINITY)).toEqual({ delta: null, ratio: null });
  });
});

describe('cards from API answers', () => {
  it('较昨日 compares usage_target with usage_yesterday, tolerating numeric strings', () => {
    const k = parseKpi({ usage_target: '6.50', usage_yesterday: 5.2 });
    const c = dayChange(k);
    expect(c.delta).toBe(1.3);
    expect(c.ratio).toBeCloseTo(0.25, 12);
    expect(percent(c.ratio)).toBe('+25.0%');
  });
  it('usage_today stands in for usage_target when only it is sent', () => {
    expect(parseKpi({ usage_today: 4 }).usageTarget).toBe(4);
  });
  it('较上周期 uses the previous period cut at the same time when known', () => {
    const withSame = { period: 'week' as const, currentUsage: 13.82, previousUsage: 12.4, previousUsageSameTime: 10.1, lastYearUsage: null };
    expect(periodChange(withSame).delta).toBe(3.72);
    expect(periodChange({ ...withSame, previousUsageSameTime: null }).delta).toBe(1.42);
  });
  it("today's recharge is noted only when positive", () => {
    expect(rechargeNote(parseKpi({ recharge_today: 50 }))).toBe(50);
    expect(rechargeNote(parseKpi({ recharge_today: 0 }))).toBeNull();
    expect(rechargeNote(parseKpi({}))).toBeNull();
  });
  it('a meter with no reading at all', () => {
    expect(noReadingsYet(parseKpi({ current_balance: null }), device())).toBe(true);
    expect(noReadingsYet(parseKpi({ current_balance: 0 }), device())).toBe(false); // an empty meter still has a reading
    expect(noReadingsYet(parseKpi({}), device({ lastReadingAt: '2025-06-01 08:00:00' }))).toBe(false);
  });
});

describe('freshness', () => {
  const now = Date.UTC(2025, 5, 1, 0, 10, 0); // 08:10 in Shanghai
  it('says how long ago the newest reading was, read in APP_TZ', () => {
    expect(freshness(device(), '2025-06-01 08:03:00', now, SH)).toEqual({ level: 'ok', text: '更新于 7 分钟前' });
  });
  it('falls back to the device list when the KPI has no time', () => {
    expect(freshness(device({ lastReadingAt: '2025-06-01T00:05:00Z' }), null, now, SH).text).toBe('更新于 5 分钟前');
  });
  it('warns when readings are older than an hour', () => {
    const f = freshness(device(), '2025-06-01 06:10:00', now, SH);
    expect(f.level).toBe('stale');
    expect(f.text).toBe('更新于 2 小时前，数据可能已过时');
  });
  it('warns when the source keeps failing, naming the reason', () => {
    const d = device({ status: { lastSuccess: null, lastError: 'timeout', consecutiveFailures: FAILING_AFTER } });
    const f = freshness(d, '2025-06-01 07:10:00', now, SH);
    expect(f.level).toBe('failing');
    expect(f.text).toBe('数据源异常，连续 3 次抓取失败：timeout（更新于 1 小时前）');
  });
  it('one or two failures are not a warning yet', () => {
    const d = device({ status: { lastSuccess: null, lastError: 'timeout', consecutiveFailures: 2 } });
    expect(freshness(d, '2025-06-01 08:09:00', now, SH).level).toBe('ok');
  });
  it('no reading at all', () => {
    expect(freshness(device(), null, now, SH)).toEqual({ level: 'none', text: '暂无读数' });
  });
});

describe('cached answers', () => {
  it('say when they were stored, in APP_TZ', () => {
    // 2026-03-15 12:34:56 UTC is 20:34 in Shanghai (UTC+8) and 08:34 in New York (UTC−4, daylight time).
    const at = Date.UTC(2026, 2, 15, 12, 34, 56);
    expect(cachedNote(at, 'Asia/Shanghai')).toBe('离线数据 · 保存于 03-15 20:34');
    expect(cachedNote(at, 'America/New_York')).toBe('离线数据 · 保存于 03-15 08:34');
  });
  it('are not marked when the answers are fresh', () => {
    expect(cachedNote(null, 'Asia/Shanghai')).toBeNull();
    expect(cachedNote(Number.NaN, 'Asia/Shanghai')).toBeNull();
  });
});

describe('series helpers', () => {
  it('a day with no readings is empty, not a flat line', () => {
    const s = parseSeries({ labels: ['00:00', '01:00'], balances: [null, null], usage: [0, 0] });
    expect(hasReadings(s)).toBe(false);
    expect(hasReadings(parseSeries({ labels: ['00:00'], balances: [3.5], usage: [0] }))).toBe(true);
  });
  it('totals usage, skipping missing buckets', () => {
    expect(totalUsage(parseSeries({ labels: ['a', 'b', 'c'], usage: [1.1, null, 2.2] }))).toBe(3.3);
    expect(totalUsage(parseSeries({ labels: ['a'], usage: [null] }))).toBeNull();
  });
  it('totals recharges in hundredths', () => {
    expect(rechargeTotal([0.1, 0.2, null])).toBe(0.3);
    expect(rechargeTotal([50, 100, 200.55])).toBe(350.55);
    expect(rechargeTotal([])).toBe(0);
  });
});
