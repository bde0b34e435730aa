import { describe, expect, it } from 'vitest';
import { parseSeries } from './api';
import { balanceOption, rechargePoints, shortLabel, usageOption, usageShown, type Palette } from './charts';

const pal: Palette = { text: '#000', muted: '#666', grid: '#ddd', usage: '#00f', balance: '#0f0', recharge: '#fa0', tooltipBg: '#fff' };

describe('chart options', () => {
  it('shortens bucket labels to fit 360 px', () => {
    expect(shortLabel('2025-06-01')).toBe('06-01');
    expect(shortLabel('2025-06-01 08')).toBe('08:00');
    expect(shortLabel('2025-06-01 08:30:00')).toBe('08:30');
    expect(shortLabel('08:00')).toBe('08:00');
    expect(shortLabel('06-01')).toBe('06-01');
    expect(shortLabel('2025-06')).toBe('6月');
    expect(shortLabel('2026-01')).toBe('26年1月');
  });
  it('marks each bucket with a recharge at its balance', () => {
    const s = parseSeries({
      labels: ['2025-06-01', '2025-06-02', '2025-06-03'],
      balances: [20, 69.5, 60], usage: [8, 0.5, 9.5], recharge: [0, 50, null],
    });
    expect(rechargePoints(s)).toEqual([{ index: 1, amount: 50 }]);
    const series = (balanceOption(s, pal).series as { markPoint: { data: unknown[] } }[])[0];
    expect(series.markPoint.data).toEqual([{ name: '充值', coord: ['06-02', 69.5], value: 50 }]);
  });
  it('pans only ranges longer than a day, opening on the newest 14 buckets', () => {
    const day = parseSeries({ labels: Array.from({ length: 24 }, (_, i) => `${i}:00`), usage: [] });
    expect(usageOption(day, 'day', pal).dataZoom).toEqual([]);
    const month = parseSeries({ labels: Array.from({ length: 30 }, (_, i) => `d${i}`), usage: [] });
    const zoom = usageOption(month, 'month', pal).dataZoom as { startValue: number; endValue: number }[];
    expect(zoom.map((z) => [z.startValue, z.endValue])).toEqual([[16, 29], [16, 29]]);
  });
  it('keeps missing buckets as gaps (null), never zero', () => {
    const s = parseSeries({ labels: ['a', 'b'], balances: [null, 'x'], usage: [1, null] });
    const u = (usageOption(s, 'day', pal).series as { data: unknown[] }[])[0];
    const b = (balanceOption(s, pal).series as { data: unknown[] }[])[0];
    expect(u.data).toEqual([1, null]);
    expect(b.data).toEqual([null, null]);
  });
  it('draws no usage before the first and after the last bucket with data', () => {
    // Days before the first reading, a day whose gap holds estimated usage but no reading, today, the days to come.
    const s = parseSeries({
      labels: ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'],
      balances: [null, 10, null, 5, null, null], usage: [0, 1, 2.5, 0, 0, 0], recharge: [0, 0, 0, 0, 0, 0],
    });
    expect(usageShown(s)).toEqual([null, 1, 2.5, 0, null, null]);
    const recharged = parseSeries({ labels: ['a', 'b'], balances: [null, null], usage: [0, 0], recharge: [0, 50] });
    expect(usageShown(recharged)).toEqual([null, 0]);
    expect(usageShown(parseSeries({ labels: ['a'], balances: [null], usage: [0] }))).toEqual([null]);
  });
});
