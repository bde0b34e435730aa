import { describe, expect, it } from 'vitest';
import { parseSeries } from './api';
import { calendarRows, calendarTotals } from './calendar';

describe('calendar totals', () => {
  const s = parseSeries({
    labels: ['2025-01', '2025-02', '2025-03'], usage: [0.1, 0.2, 10.05], recharge: [0, 100, null],
    cost: [0.05, 0.1, 5.03], last_year_usage: [null, 1.5, 2.25], balances: [1, 2, 3],
  });
  it('adds in hundredths and counts the points with last year', () => {
    const t = calendarTotals(calendarRows(s), s.cost !== null);
    expect(t).toEqual({ usage: 10.35, cost: 5.18, recharge: 100, lastYear: 3.75, lastYearPoints: 2, points: 3 });
  });
  it('has no cost without a unit price and no last year without data', () => {
    const bare = parseSeries({ labels: ['2025-01-01'], usage: [1], cost: null, last_year_usage: [null] });
    expect(bare.cost).toBeNull();
    const t = calendarTotals(calendarRows(bare), bare.cost !== null);
    expect(t.cost).toBeNull();
    expect(t.lastYear).toBeNull();
  });
});
