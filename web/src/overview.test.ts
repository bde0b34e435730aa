import { describe, expect, it } from 'vitest';
import { ageText, byGroup, parseOverview, selectMeters } from './overview';

const raw = {
  meters: [
    { device_id: 'A2', name: '佳丰南苑5-1-501-2', group: '佳丰南苑5-1-501', balance: 4.4, remain_money: 2.2, days_left: 0.91,
      depletion_date: '2025-03-11', usage_today: 2.5, usage_yesterday: 4.8, reading_age_seconds: 0, status: 'ok', low: true },
    { device_id: 'B1', name: '二楼', group: '自住', balance: 59.2, days_left: 13.23, status: 'failing', low: false, reading_age_seconds: 86400 },
    { device_id: 'C1', name: '三楼', group: '三楼', balance: null, days_left: null, status: 'blocked', low: false },
    { device_id: 'A1', name: '佳丰南苑5-1-501-1', group: '佳丰南苑5-1-501', status: 'stale', low: false },
  ],
  groups: [{ name: '自住', meters: 1, low: 0, attention: 1, balance: 59.2, remain_money: 0, usage_today: 0, usage_yesterday: 2.5 }],
  stale_minutes: 60,
};

describe('overview', () => {
  const fleet = parseOverview(raw);
  it('parses rows and groups, unknown numbers as null', () => {
    expect(fleet.meters).toHaveLength(4);
    expect(fleet.meters[0]).toMatchObject({ id: 'A2', balance: 4.4, money: 2.2, daysLeft: 0.91, low: true, status: 'ok' });
    expect(fleet.meters[2].balance).toBeNull();
    expect(fleet.groups[0]).toMatchObject({ name: '自住', attention: 1, usageYesterday: 2.5 });
    expect(fleet.staleMinutes).toBe(60);
  });
  it('searches by name or number and filters low, stale, failing (with blocked)', () => {
    expect(selectMeters(fleet.meters, '501', 'all').map((m) => m.id)).toEqual(['A2', 'A1']);
    expect(selectMeters(fleet.meters, 'c1', 'all').map((m) => m.id)).toEqual(['C1']);
    expect(selectMeters(fleet.meters, '', 'low').map((m) => m.id)).toEqual(['A2']);
    expect(selectMeters(fleet.meters, '', 'stale').map((m) => m.id)).toEqual(['A1']);
    expect(selectMeters(fleet.meters, '', 'failing').map((m) => m.id)).toEqual(['B1', 'C1']);
  });
  it('groups in name order, keeping the meters order', () => {
    expect(byGroup(fleet.meters).map(([g, ms]) => [g, ms.map((m) => m.id)])).toEqual([
      ['三楼', ['C1']], ['佳丰南苑5-1-501', ['A2', 'A1']], ['自住', ['B1']],
    ]);
  });
  it('says a reading age in words', () => {
    expect(ageText(null)).toBe('—');
    expect(ageText(59)).toBe('刚刚');
    expect(ageText(600)).toBe('10 分钟');
    expect(ageText(7200)).toBe('2 小时');
    expect(ageText(86400 * 3)).toBe('3 天');
  });
});
