import { line, max, min, scaleLinear, scaleUtc, format, utcFormat } from 'd3';
import type { ReportGrowth } from '../input/types.js';
import { axisBottom, axisLeft } from './axis.js';
import { PALETTE } from './palette.js';
import { px, spanDomain, svgChart, svgText } from './svg.js';

type Point = { readonly timestampMs: number; readonly used: number };
const round = (s: string | null) => (s ?? '').replace(/-?\d+\.\d+/g, (n) => String(px(Number(n))));

/**
 * Demand over time against capacity: observed history as a solid line, the projection dashed,
 * capacity as a red line, and the day it runs out marked. Values in the growth's unit.
 *
 * @example
 * chartGrowth({ resource: 'memoryMB', unit: 'GB', capacity: 100, daysRemaining: 200,
 *   history: [{ timestampMs: 0, used: 50 }, { timestampMs: 2.6e9, used: 55 }] })
 */
export function chartGrowth(growth: ReportGrowth, size: { width?: number; height?: number } = {}): string {
  const { width = 720, height = 260 } = size;
  const m = { top: 14, right: 24, bottom: 42, left: 60 };
  const ok = (p: Point) => Number.isFinite(p.timestampMs) && Number.isFinite(p.used);
  const all: Point[] = [...growth.history, ...(growth.projection ?? [])].filter(ok);
  const capacity = Number.isFinite(growth.capacity) ? growth.capacity : null;
  // d3's min and max loop (a spread overflows the stack on long histories)
  const t0 = min(all, (p) => p.timestampMs) ?? 0;
  const t1 = max(all, (p) => p.timestampMs) ?? 0;
  const x = scaleUtc([new Date(t0), new Date(t1 > t0 ? t1 : t0 + 86_400_000)], [m.left, width - m.right]);
  const y = scaleLinear(spanDomain(Math.min(0, min(all, (p) => p.used) ?? 0), Math.max(capacity ?? 0, max(all, (p) => p.used) ?? 0) * 1.08), [height - m.bottom, m.top]).nice();
  const path = line<Point>().x((p) => x(new Date(p.timestampMs))).y((p) => y(p.used));
  const history = growth.history.filter(ok).sort((a, b) => a.timestampMs - b.timestampMs);
  const projection = [...(history.length ? [history.at(-1)!] : []), ...(growth.projection ?? []).filter(ok).sort((a, b) => a.timestampMs - b.timestampMs)];
  const parts = [axisLeft(y, m.left, { format: format(',~g'), label: growth.unit, grid: width - m.left - m.right })];
  if (capacity !== null) {
    parts.push(`<line class="capacity-line" x1="${m.left}" x2="${px(width - m.right)}" y1="${px(y(capacity))}" y2="${px(y(capacity))}"/>`,
      svgText(m.left + 4, y(capacity) - 5, `capacity ${format(',~g')(capacity)} ${growth.unit}`, 'class="threshold-label"'));
  }
  parts.push(`<path class="line-history" d="${round(path(history))}" fill="none" stroke="${PALETTE.accent}" stroke-width="2"/>`);
  if (projection.length > 1) parts.push(`<path class="line-projection" d="${round(path(projection))}" fill="none" stroke="${PALETTE.accent}" stroke-width="1.6" stroke-dasharray="5 4"/>`);
  if (capacity !== null && growth.daysRemaining !== null && Number.isFinite(growth.daysRemaining) && history.length) {
    const runOut = history.at(-1)!.timestampMs + growth.daysRemaining * 86_400_000;
    const rx = x(new Date(runOut));
    if (rx >= m.left && rx <= width - m.right) {
      parts.push(`<circle class="run-out" cx="${px(rx)}" cy="${px(y(capacity))}" r="4.5"/>`, svgText(rx, y(capacity) + 16, `full ${utcFormat('%d %b %Y')(new Date(runOut))}`, `class="threshold-label" text-anchor="${rx > width - 120 ? 'end' : 'middle'}"`));
    }
  }
  parts.push(axisBottom(x, height - m.bottom, { format: (d: Date) => utcFormat('%b %Y')(d), label: 'month (UTC)', ticks: 6 }));
  return svgChart({ kind: 'growth', width, height, title: `Demand and capacity over time (${growth.unit})` }, parts.join(''));
}
