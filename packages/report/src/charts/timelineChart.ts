import { scaleLinear, scaleUtc, format, utcFormat } from 'd3';
import type { TimelineAlert } from '../input/types.js';
import { escapeHtml } from '../html/escape.js';
import { reduceToColumns, type ColumnSummary } from '../timeline/reduce.js';
import { axisBottom, axisLeft } from './axis.js';
import { PALETTE } from './palette.js';
import { len, px, spanDomain, svgChart, svgText } from './svg.js';

/** Options of {@link chartTimeline}. Values, target and limit in the display unit. */
export interface TimelineChartOptions {
  readonly title: string;
  readonly unit: string;
  readonly startMs: number;
  readonly stepMs: number;
  readonly values: readonly (number | null)[];
  readonly target: number;
  /** @defaultValue `target` */
  readonly limit?: number;
  /** @defaultValue none */
  readonly alerts?: readonly TimelineAlert[];
  /** @defaultValue 460 */
  readonly width?: number;
  /** @defaultValue 170 */
  readonly height?: number;
}

/** Margins of the timeline chart; the plot is `width - 52` pixels wide. */
export const TIMELINE_MARGIN = { top: 18, right: 10, bottom: 24, left: 42 } as const;

const f = format(',~g');

/** The envelope of the columns as one path per run of columns without a gap. */
function envelope(columns: readonly (ColumnSummary | null)[], xAt: (bucket: number) => number, y: (v: number) => number): string {
  const runs: ColumnSummary[][] = [];
  let run: ColumnSummary[] = [];
  for (const c of columns) {
    if (c) run.push(c);
    else if (run.length) { runs.push(run); run = []; }
  }
  if (run.length) runs.push(run);
  return runs.map((r) => {
    const top = r.flatMap((c) => [`${px(xAt(c.first))},${px(y(c.max))}`, `${px(xAt(c.end))},${px(y(c.max))}`]);
    const bottom = [...r].reverse().flatMap((c) => [`${px(xAt(c.end))},${px(y(c.min))}`, `${px(xAt(c.first))},${px(y(c.min))}`]);
    return `M${top.join('L')}L${bottom.join('L')}Z`;
  }).join('');
}

/**
 * A week (or any span) of demand on a regular grid against the host's target and limit: the
 * series is reduced to one column per pixel of the plot (minimum to maximum of the buckets in
 * it, see `reduceToColumns`), so every peak is drawn and the markup stays bounded whatever the
 * series length; the part of a column over the target is drawn amber. Alerts are marks along
 * the top at the time they happened (overlapping ones merged, their count in the tooltip).
 *
 * @example
 * chartTimeline({ title: 'hv01 CPU', unit: 'GHz', startMs: 0, stepMs: 300_000, values: [1, 2, 3], target: 2.5 })
 */
export function chartTimeline(options: TimelineChartOptions): string {
  const { title, unit, startMs, stepMs, values, target, limit = target, alerts = [], width = 460, height = 170 } = options;
  const m = TIMELINE_MARGIN;
  const plotWidth = Math.max(1, Math.round(width - m.left - m.right));
  const columns = reduceToColumns(values, plotWidth);
  const endMs = startMs + values.length * stepMs;
  const x = scaleUtc([new Date(startMs), new Date(endMs > startMs ? endMs : startMs + 1)], [m.left, m.left + plotWidth]);
  const xAt = (bucket: number) => x(new Date(startMs + bucket * stepMs));
  const peak = Math.max(0, ...columns.flatMap((c) => (c ? [c.max] : [])));
  const y = scaleLinear(spanDomain(0, Math.max(peak, Number.isFinite(limit) ? limit : 0, Number.isFinite(target) ? target : 0) * 1.08), [height - m.bottom, m.top]).nice();
  const parts = [axisLeft(y, m.left, { format: f, ticks: 4, grid: plotWidth })];
  parts.push(`<path class="demand" d="${envelope(columns, xAt, y)}" fill="${PALETTE.accent}" fill-opacity="0.55" stroke="${PALETTE.accent}" stroke-width="0.6"/>`);
  // the part of each column above the target, amber
  const over = columns.map((c) => (c && c.max > target ? { ...c, min: Math.max(c.min, target) } : null));
  if (over.some(Boolean)) parts.push(`<path class="over-target" d="${envelope(over, xAt, y)}" fill="${PALETTE.warn}"/>`);
  if (Number.isFinite(target)) parts.push(`<line class="target-line" x1="${m.left}" x2="${m.left + plotWidth}" y1="${px(y(target))}" y2="${px(y(target))}"/>`);
  if (Number.isFinite(limit) && Math.abs(limit - target) > 1e-9) parts.push(`<line class="capacity-line" x1="${m.left}" x2="${m.left + plotWidth}" y1="${px(y(limit))}" y2="${px(y(limit))}"/>`);
  parts.push(svgText(m.left + plotWidth, m.top - 6, `target ${f(Number(target.toPrecision(4)))} ${unit}${Math.abs(limit - target) > 1e-9 ? ` · limit ${f(Number(limit.toPrecision(4)))}` : ''}`, 'class="legend" text-anchor="end"'));
  // alerts: merged where their marks overlap
  const marks: { x0: number; x1: number; severity: string; labels: string[] }[] = [];
  for (const a of [...alerts].filter((a) => Number.isFinite(a.startMs)).sort((p, q) => p.startMs - q.startMs)) {
    const x0 = Math.max(m.left, x(new Date(a.startMs)));
    const x1 = Math.max(x0 + 2, Math.min(m.left + plotWidth, x(new Date(Number.isFinite(a.endMs) ? a.endMs : a.startMs))));
    const last = marks.at(-1);
    if (last && x0 <= last.x1 + 1) {
      last.x1 = Math.max(last.x1, x1);
      last.labels.push(a.label);
      if (a.severity === 'critical') last.severity = 'critical';
    } else marks.push({ x0, x1, severity: a.severity, labels: [a.label] });
  }
  for (const k of marks) {
    const tip = k.labels.length === 1 ? k.labels[0]! : `${k.labels.length} alerts: ${k.labels.slice(0, 3).join('; ')}${k.labels.length > 3 ? '; …' : ''}`;
    parts.push(`<rect class="alert-mark" x="${px(k.x0)}" y="${m.top - 14}" width="${len(k.x1 - k.x0)}" height="6" fill="${k.severity === 'critical' ? PALETTE.alarm : PALETTE.warn}"><title>${escapeHtml(tip)}</title></rect>`);
  }
  const days = (endMs - startMs) / 86_400_000;
  parts.push(axisBottom(x, height - m.bottom, { format: days > 2 ? utcFormat('%a %d') : utcFormat('%H:%M'), ticks: Math.min(8, Math.max(2, Math.round(days))) }));
  return svgChart({ kind: 'timeline', width, height, title: `${title} (${unit})`, description: `Demand per ${Math.round(stepMs / 60_000)} minutes, minimum to maximum per pixel column; dark line: target${Math.abs(limit - target) > 1e-9 ? '; red dashed: limit' : ''}; marks along the top: alerts.` }, parts.join(''));
}
