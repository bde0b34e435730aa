// The two charts: usage (line) and balance (bar, recharges marked), built
// from ECharts modules only (tree-shaken). Option builders are pure.

import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, MarkPointComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { isCalendar, type Period, type SeriesData } from './api';
import { monthDay } from './dates';
import { fixed2, roundTo } from './format';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, DataZoomComponent, MarkPointComponent, CanvasRenderer]);

export interface Palette { text: string; muted: string; grid: string; usage: string; balance: string; recharge: string; tooltipBg: string }

/** Colors from the page's CSS variables, so charts follow light and dark. */
export function paletteFromCss(el: Element): Palette {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#1f2328'), muted: v('--muted', '#6b7280'), grid: v('--line', '#e5e7eb'),
    usage: v('--usage', '#2563eb'), balance: v('--balance', '#16a34a'), recharge: v('--recharge', '#f59e0b'),
    tooltipBg: v('--card', '#ffffff'),
  };
}

/**
 * Axis label for a bucket: "2025-06-01" → "06-01", "2025-06-01 08" or "2025-06-01 08:00:00" → "08:00",
 * a month "2025-06" → "6月" (January with its year: "26年1月"), others as they come.
 */
export function shortLabel(label: string): string {
  const m = /^\d{4}-\d{2}-\d{2}[ T](\d{2})(?::(\d{2}))?/.exec(label);
  if (m) return `${m[1]}:${m[2] ?? '00'}`;
  const month = /^(\d{2})(\d{2})-(\d{2})$/.exec(label);
  if (month) return month[3] === '01' ? `${month[2]}年1月` : `${Number(month[3])}月`;
  return monthDay(label);
}

/** Ranges longer than this (近30天) pan: they open on the newest VISIBLE_BUCKETS buckets. */
export const PAN_ABOVE = 24;
export const VISIBLE_BUCKETS = 14;

function zoom(n: number, p: Palette): object[] {
  if (n <= PAN_ABOVE) return [];
  const startValue = n - VISIBLE_BUCKETS;
  return [
    { type: 'inside', startValue, endValue: n - 1, zoomOnMouseWheel: false, moveOnMouseWheel: true,
      moveOnMouseMove: true, preventDefaultMouseMove: false },
    { type: 'slider', startValue, endValue: n - 1, height: 18, bottom: 6, brushSelect: false,
      showDetail: false, borderColor: p.grid, textStyle: { color: p.muted } },
  ];
}

function base(s: SeriesData, p: Palette, unit: string): Record<string, unknown> {
  const long = s.labels.length > PAN_ABOVE;
  return {
    animation: false,
    textStyle: { fontSize: 12 },
    grid: { left: 4, right: 12, top: 28, bottom: long ? 34 : 6, containLabel: true },
    tooltip: {
      trigger: 'axis', triggerOn: 'mousemove|click', confine: true,
      backgroundColor: p.tooltipBg, borderColor: p.grid, textStyle: { color: p.text },
      valueFormatter: (v: unknown) => (typeof v === 'number' ? `${fixed2(v)} ${unit}` : '无读数'),
    },
    xAxis: {
      type: 'category', data: s.labels.map(shortLabel),
      axisLabel: { color: p.muted, hideOverlap: true }, axisLine: { lineStyle: { color: p.grid } },
      axisTick: { alignWithLabel: true },
    },
    yAxis: {
      type: 'value', name: unit, nameTextStyle: { color: p.muted, align: 'left' }, scale: false,
      axisLabel: { color: p.muted, formatter: (v: number) => String(roundTo(v)) },
      splitLine: { lineStyle: { color: p.grid } },
    },
    dataZoom: zoom(s.labels.length, p),
  };
}

/**
 * Usage as drawn: buckets before the first and after the last one holding any data (a reading,
 * usage or a recharge) are null, so the hours still to come today and the days before the meter's
 * first reading show as "no reading", not as a 0.00 line.
 */
export function usageShown(s: SeriesData): (number | null)[] {
  const has = (i: number) => s.balances[i] !== null || (s.usage[i] ?? 0) !== 0 || (s.recharge[i] ?? 0) > 0;
  let first = 0;
  while (first < s.usage.length && !has(first)) first++;
  let last = s.usage.length - 1;
  while (last >= first && !has(last)) last--;
  return s.usage.map((u, i) => (i < first || i > last ? null : u));
}

/** Usage per bucket as a line; estimated buckets are listed in the tooltip by name only. */
export function usageOption(s: SeriesData, range: Period, p: Palette): Record<string, unknown> {
  if (isCalendar(range)) return calendarUsageOption(s, range === 'twelve_months', p);
  return {
    ...base(s, p, 'kWh'),
    series: [{
      name: range === 'day' ? '每小时用电' : '每日用电', type: 'line', data: usageShown(s),
      smooth: false, connectNulls: false, symbol: 'circle', symbolSize: 5, showSymbol: s.labels.length <= 31,
      lineStyle: { color: p.usage, width: 2 }, itemStyle: { color: p.usage },
      areaStyle: { color: p.usage, opacity: 0.12 },
    }],
  };
}

/**
 * The calendar periods: usage per day (本月, 上月) or month (12个月) as bars, and the same day or
 * month a year earlier as a dashed line where it has data.
 */
function calendarUsageOption(s: SeriesData, months: boolean, p: Palette): Record<string, unknown> {
  const lastYear = s.lastYearUsage.some((u) => u !== null);
  return {
    ...base(s, p, 'kWh'),
    series: [{
      name: months ? '每月用电' : '每日用电', type: 'bar', data: usageShown(s), barMaxWidth: 18,
      itemStyle: { color: p.usage, borderRadius: [3, 3, 0, 0] },
    }, ...(lastYear ? [{
      name: '去年同期', type: 'line', data: s.lastYearUsage, connectNulls: false, symbol: 'circle', symbolSize: 4,
      lineStyle: { color: p.muted, width: 1.5, type: 'dashed' }, itemStyle: { color: p.muted },
    }] : [])],
  };
}

/** Indices and amounts of buckets with a recharge (> 0). */
export function rechargePoints(s: SeriesData): { index: number; amount: number }[] {
  const out: { index: number; amount: number }[] = [];
  s.recharge.forEach((r, index) => {
    if (typeof r === 'number' && Number.isFinite(r) && r > 0) out.push({ index, amount: r });
  });
  return out;
}

/** Balance at the end of each bucket as bars; a pin marks each recharge with "+amount". */
export function balanceOption(s: SeriesData, p: Palette): Record<string, unknown> {
  const labels = s.labels.map(shortLabel);
  return {
    ...base(s, p, 'kWh'),
    series: [{
      name: '余额', type: 'bar', data: s.balances, barMaxWidth: 18, itemStyle: { color: p.balance, borderRadius: [3, 3, 0, 0] },
      markPoint: {
        symbol: 'pin', symbolSize: 44, itemStyle: { color: p.recharge },
        label: { fontSize: 10, color: '#fff', formatter: (m: { value: number }) => `+${Math.round(m.value)}` },
        data: rechargePoints(s).map(({ index, amount }) => ({
          name: '充值', coord: [labels[index], s.balances[index] ?? 0], value: roundTo(amount),
        })),
        tooltip: { formatter: (m: { value: number }) => `充值 ${fixed2(m.value)} kWh` },
      },
    }],
  };
}

/** One chart on one element; re-sized with its box. */
export class Chart {
  readonly instance: echarts.ECharts;

  constructor(el: HTMLElement) {
    this.instance = echarts.init(el, undefined, { renderer: 'canvas' });
    new ResizeObserver(() => this.instance.resize()).observe(el);
  }

  show(option: Record<string, unknown>): void {
    this.instance.setOption(option, { notMerge: true });
  }

  clear(): void {
    this.instance.clear();
  }
}
