import { describe, expect, it } from 'vitest';
import { addDays, dateIn, daysBetween, isDate, isValidZone, monthDay, msUntilMidnight, parseApiTime, wallToMs, zoneOffsetMs } from './dates';

const SH = 'Asia/Shanghai'; // UTC+8, no DST
const NY = 'America/New_York'; // UTC−5, DST UTC−4

describe('dateIn: the date in APP_TZ, not the phone zone', () => {
  it('Shanghai midnight is 16:00 UTC the day before', () => {
    expect(dateIn(Date.UTC(2025, 5, 30, 15, 59, 59), SH)).toBe('2025-06-30');
    expect(dateIn(Date.UTC(2025, 5, 30, 16, 0, 0), SH)).toBe('2025-07-01');
  });
  it('the same instant is a different date in New York', () => {
    expect(dateIn(Date.UTC(2025, 5, 30, 16, 0, 0), NY)).toBe('2025-06-30');
    expect(dateIn(Date.UTC(2025, 0, 1, 4, 59, 59), NY)).toBe('2024-12-31');
  });
});

describe('zone offsets and wall time', () => {
  it('offsets', () => {
    expect(zoneOffsetMs(Date.UTC(2025, 0, 15), SH)).toBe(8 * 3600_000);
    expect(zoneOffsetMs(Date.UTC(2025, 0, 15), NY)).toBe(-5 * 3600_000);
    expect(zoneOffsetMs(Date.UTC(2025, 6, 15), NY)).toBe(-4 * 3600_000);
  });
  it('wall time to instant', () => {
    expect(wallToMs({ year: 2025, month: 6, day: 1, hour: 8, minute: 0, second: 0 }, SH)).toBe(Date.UTC(2025, 5, 1, 0, 0, 0));
  });
  it('takes the earlier instant of a repeated hour (DST end)', () => {
    // 2025-11-02 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(wallToMs({ year: 2025, month: 11, day: 2, hour: 1, minute: 30, second: 0 }, NY)).toBe(Date.UTC(2025, 10, 2, 5, 30));
  });
  it('knows valid zones', () => {
    expect(isValidZone(SH)).toBe(true);
    expect(isValidZone('Mars/Olympus')).toBe(false);
  });
});

describe('parseApiTime', () => {
  it('reads zone-less wall-clock times in APP_TZ', () => {
    expect(parseApiTime('2025-06-01 08:00:00', SH)).toBe(Date.UTC(2025, 5, 1, 0, 0, 0));
    expect(parseApiTime('2025-06-01T08:00', SH)).toBe(Date.UTC(2025, 5, 1, 0, 0, 0));
  });
  it('honours an explicit offset or Z whatever APP_TZ is', () => {
    expect(parseApiTime('2025-06-01T08:00:00+08:00', 'UTC')).toBe(Date.UTC(2025, 5, 1, 0, 0, 0));
    expect(parseApiTime('2025-06-01T00:00:00Z', SH)).toBe(Date.UTC(2025, 5, 1, 0, 0, 0));
  });
  it('rejects nonsense', () => {
    expect(parseApiTime('2025-02-30 08:00:00', SH)).toBeNull();
    expect(parseApiTime('2025-06-01 24:00:00', SH)).toBeNull();
    expect(parseApiTime('abc', SH)).toBeNull();
    expect(parseApiTime(null, SH)).toBeNull();
    expect(parseApiTime('', SH)).toBeNull();
  });
});

describe('rollover at local midnight', () => {
  it('counts down to the next midnight in APP_TZ', () => {
    // 15:00Z is 23:00 in Shanghai: one hour to go.
    expect(msUntilMidnight(Date.UTC(2025, 5, 30, 15, 0, 0), SH)).toBe(3600_000);
  });
  it('one second before midnight the date turns after that second', () => {
    const t = Date.UTC(2025, 5, 30, 15, 59, 59);
    const wait = msUntilMidnight(t, SH);
    expect(wait).toBe(1000);
    expect(dateIn(t, SH)).toBe('2025-06-30');
    expect(dateIn(t + wait, SH)).toBe('2025-07-01');
  });
  it('a day with a DST change lasts 25 hours', () => {
    // 2025-11-02 00:00 EDT = 04:00Z; 2025-11-03 00:00 EST = 05:00Z.
    expect(msUntilMidnight(Date.UTC(2025, 10, 2, 4, 0, 0), NY)).toBe(25 * 3600_000);
  });
  it('at exactly midnight the wait is a full day, never zero', () => {
    expect(msUntilMidnight(Date.UTC(2025, 5, 30, 16, 0, 0), SH)).toBe(24 * 3600_000);
  });
});

describe('calendar dates', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-06-15', -29)).toBe('2025-05-17');
  });
  it('validates dates', () => {
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2025-02-29')).toBe(false);
    expect(isDate('2025-13-45')).toBe(false);
    expect(isDate('2025-6-1')).toBe(false);
  });
  it('counts days and shortens labels', () => {
    expect(daysBetween('2025-01-01', '2025-03-01')).toBe(59);
    expect(daysBetween('2025-03-01', '2025-01-01')).toBe(-59);
    expect(monthDay('2025-06-01')).toBe('06-01');
    expect(monthDay('08:00')).toBe('08:00');
  });
});
