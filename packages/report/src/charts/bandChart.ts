import { area, line, max, min, scaleLinear, scaleUtc, format, utcFormat } from 'd3';
import type { BandPoint, BandSeries } from '../input/types.js';
import { axisBottom, axisLeft } from './axis.js';
import { PALETTE } from './palette.js';
import { px, spanDomain, svgChart, svgText, type IdSource } from './svg.js';

const round = (s: string | null) => (s ?? '').replace(/-?\d+\.\d+/g, (n) => String(px(Number(n))));

/**
 * Utilisation over time: the p5–p95 band, the p25–p75 band, the median line, the maximum as a
 * dotted line and horizontal threshold lines. Times are drawn in UTC.
 *
 * @example
 * chartBands({ name: 'Host A CPU', unit: '%', points: [{ timestampMs: 0, p50: 20, p95: 40 }] }, createIdSource())
 */
export function chartBands(series: BandSeries, ids: IdSource, size: { width?: number; height?: number; maxPoints?: number } = {}): string {
  const { width = 940, height = 260, maxPoints = 1000 } = size;
  const m = { top: 30, right: 120, bottom: 42, left: 56 };
  const usable = series.points.filter((p) => Number.isFinite(p.timestampMs) && Number.isFinite(p.p50));
  const pts = mergeWindows([...usable].sort((a, b) => a.timestampMs - b.timestampMs), maxPoints);
  const ok = (v: number | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
  const t0 = pts[0]?.timestampMs ?? 0;
  const t1 = pts.at(-1)?.timestampMs ?? t0 + 1;
  const x = scaleUtc([new Date(t0), new Date(t1 === t0 ? t0 + 1 : t1)], [m.left, width - m.right]);
  const thresholds = (series.thresholds ?? []).filter((t) => ok(t.value));
  const hi = max([...pts.flatMap((p) => [p.p50, p.p95, p.max].filter(ok)), ...thresholds.map((t) => t.value)]) ?? 1;
  const lo = Math.min(0, min(pts.flatMap((p) => [p.p5, p.p50].filter(ok))) ?? 0);
  const y = scaleLinear(spanDomain(lo, hi * 1.05), [height - m.bottom, m.top]).nice();
  const clip = ids.next('clip');
  const X = (p: BandPoint) => x(new Date(p.timestampMs));
  const band = (loKey: keyof BandPoint, hiKey: keyof BandPoint) =>
    round(area<BandPoint>().defined((p) => ok(p[loKey]) && ok(p[hiKey])).x(X).y0((p) => y(p[loKey] as number)).y1((p) => y(p[hiKey] as number))(pts));
  const path = (key: keyof BandPoint) => round(line<BandPoint>().defined((p) => ok(p[key])).x(X).y((p) => y(p[key] as number))(pts));
  const spanDays = (t1 - t0) / 86_400_000;
  const tickFormat = spanDays > 3 ? utcFormat('%a %d %b') : spanDays > 1 ? utcFormat('%a %H:%M') : utcFormat('%H:%M');
  const parts = [
    `<defs><clipPath id="${clip}"><rect x="${m.left}" y="${m.top}" width="${px(width - m.left - m.right)}" height="${px(height - m.top - m.bottom)}"/></clipPath></defs>`,
    axisLeft(y, m.left, { format: format(',~g'), label: series.unit, grid: width - m.left - m.right, ticks: 5 }),
    `<g clip-path="url(#${clip})">`,
    `<path class="band-outer" d="${band('p5', 'p95')}" fill="${PALETTE.accentPale}"/>`,
    `<path class="band-inner" d="${band('p25', 'p75')}" fill="${PALETTE.accentLight}"/>`,
    `<path class="line-max" d="${path('max')}" fill="none" stroke="${PALETTE.muted}" stroke-dasharray="2 3"/>`,
    `<path class="line-median" d="${path('p50')}" fill="none" stroke="${PALETTE.accent}" stroke-width="1.6"/>`,
    '</g>',
  ];
  for (const t of thresholds) {
    parts.push(`<line class="threshold" x1="${m.left}" x2="${px(width - m.right)}" y1="${px(y(t.value))}" y2="${px(y(t.value))}"/>`, svgText(width - m.right + 4, y(t.value) + 3.5, `${t.label} ${format(',~g')(t.value)} ${series.unit}`, 'class="threshold-label"'));
  }
  parts.push(axisBottom(x, height - m.bottom, { format: (d: Date) => tickFormat(d), label: 'time (UTC)', ticks: 7 }));
  const legend = [['p5–p95', PALETTE.accentPale], ['p25–p75', PALETTE.accentLight], ['median', PALETTE.accent], ['max', PALETTE.muted]] as const;
  legend.forEach(([label, colour], i) => parts.push(`<rect x="${m.left + i * 90}" y="6" width="12" height="8" fill="${colour}"/>`, svgText(m.left + 16 + i * 90, 14, label, 'class="legend"')));
  return svgChart({ kind: 'time-bands', width, height, title: `${series.name} over time (${series.unit})`, description: `${pts.length} windows` }, parts.join(''));
}

/**
 * At most `maxPoints` windows: consecutive windows are merged, keeping the lowest p5, the mean
 * p25, p50 and p75, and the highest p95 and max (so bands never narrow). O(n).
 *
 * @example
 * mergeWindows([{ timestampMs: 0, p50: 1 }, { timestampMs: 1, p50: 3 }], 1) // => [{ timestampMs: 0, p50: 2 }]
 */
export function mergeWindows(points: readonly BandPoint[], maxPoints: number): BandPoint[] {
  if (points.length <= maxPoints) return [...points];
  const per = Math.ceil(points.length / maxPoints);
  const out: BandPoint[] = [];
  for (let i = 0; i < points.length; i += per) {
    const group = points.slice(i, i + per);
    const mean = (k: 'p25' | 'p50' | 'p75') => { const v = group.map((p) => p[k]).filter((x): x is number => x !== undefined); return v.length ? v.reduce((a, b) => a + b, 0) / v.length : undefined; };
    const pick = (k: 'p5' | 'p95' | 'max', f: (...x: number[]) => number) => { const v = group.map((p) => p[k]).filter((x): x is number => x !== undefined); return v.length ? f(...v) : undefined; };
    const merged: Record<string, number | undefined> = { timestampMs: group[0]!.timestampMs, p50: mean('p50')!, p5: pick('p5', Math.min), p25: mean('p25'), p75: mean('p75'), p95: pick('p95', Math.max), max: pick('max', Math.max) };
    out.push(Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) as unknown as BandPoint);
  }
  return out;
}
