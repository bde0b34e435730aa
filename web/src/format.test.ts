import { describe, expect, it } from 'vitest';
import { DASH, fixed2, kwh, percent, roundTo, signed2, unitPrice, updatedAgo, wholeDays, yuan } from './format';

describe('fixed2', () => {
  it('rounds half away from zero as written in decimal', () => {
    expect(fixed2(12.345)).toBe('12.35'); // 12.345 * 100 is 1234.4999… in binary
    expect(fixed2(40.105)).toBe('40.11');
    expect(fixed2(-1.005)).toBe('-1.01');
  });
  it('pads to two decimals and hides float noise', () => {
    expect(fixed2(5)).toBe('5.00');
    expect(fixed2(0.1 + 0.2)).toBe('0.30');
  });
  it('never prints a negative zero', () => {
    expect(fixed2(-0.001)).toBe('0.00');
    expect(roundTo(-0.001)).toBe(0);
  });
  it('prints a dash for null, NaN and Infinity', () => {
    expect(fixed2(null)).toBe(DASH);
    expect(fixed2(undefined)).toBe(DASH);
    expect(fixed2(Number.NaN)).toBe(DASH);
    expect(fixed2(Number.POSITIVE_INFINITY)).toBe(DASH);
  });
  it('handles numbers written in exponent form', () => {
    expect(fixed2(1e-7)).toBe('0.00');
    expect(fixed2(1.5e21)).toBe('1.5e+21'); // toFixed gives up above 1e21; no crash
  });
});

describe('signed2 and percent', () => {
  it('signs differences', () => {
    expect(signed2(1.5)).toBe('+1.50');
    expect(signed2(-0.25)).toBe('-0.25');
    expect(signed2(0)).toBe('0.00');
    expect(signed2(0.004)).toBe('0.00');
    expect(signed2(null)).toBe(DASH);
  });
  it('prints ratios as signed percentages with one decimal', () => {
    expect(percent(0.125)).toBe('+12.5%');
    expect(percent(-0.5)).toBe('-50.0%');
    expect(percent(0)).toBe('0.0%');
    expect(percent(-0.0001)).toBe('0.0%');
    expect(percent(2.44 / 11.38)).toBe('+21.4%'); // 0.21441…
    expect(percent(null)).toBe(DASH);
    expect(percent(Number.NaN)).toBe(DASH);
  });
});

describe('units', () => {
  it('kWh and yuan', () => {
    expect(kwh(66.3)).toBe('66.30 kWh');
    expect(kwh(null)).toBe(DASH);
    expect(yuan(40.1)).toBe('¥40.10');
    expect(yuan(Number.NaN)).toBe(DASH);
  });
  it('unit prices as the source prints them: two decimals unless more are needed', () => {
    expect(unitPrice(0.6)).toBe('0.60');
    expect(unitPrice(0.5283)).toBe('0.5283');
    expect(unitPrice(0.528)).toBe('0.528');
    expect(unitPrice(1)).toBe('1.00');
    expect(unitPrice(null)).toBe(DASH);
  });
  it('days left', () => {
    expect(wholeDays(5.7)).toBe('5');
    expect(wholeDays(12)).toBe('12');
    expect(wholeDays(0.4)).toBe('<1');
    expect(wholeDays(-1)).toBe(DASH);
    expect(wholeDays(null)).toBe(DASH);
  });
});

describe('updatedAgo', () => {
  const now = Date.UTC(2025, 5, 1, 12, 0, 0);
  it('says 刚刚 under a minute, and for a time slightly in the future', () => {
    expect(updatedAgo(now - 30_000, now)).toBe('更新于 刚刚');
    expect(updatedAgo(now + 90_000, now)).toBe('更新于 刚刚');
  });
  it('counts whole minutes, then hours, then days', () => {
    expect(updatedAgo(now - (7 * 60 + 59) * 1000, now)).toBe('更新于 7 分钟前');
    expect(updatedAgo(now - 59 * 60_000, now)).toBe('更新于 59 分钟前');
    expect(updatedAgo(now - 60 * 60_000, now)).toBe('更新于 1 小时前');
    expect(updatedAgo(now - 25 * 3600_000, now)).toBe('更新于 1 天前');
  });
  it('is null when the time is unknown', () => {
    expect(updatedAgo(null, now)).toBeNull();
    expect(updatedAgo(Number.NaN, now)).toBeNull();
  });
});
