import { bin, max, scaleLinear, format } from 'd3';
import { axisBottom, axisLeft } from './axis.js';
import { PALETTE } from './palette.js';
import { len, px, spanDomain, svgChart, svgText } from './svg.js';

/** Options of {@link chartHistogram}. */
export interface HistogramOptions {
  /** Chart title, also the SVG's accessible name. */
  readonly title: string;
  /** Axis label with unit, e.g. `Memory use (% of target)`. */
  readonly xLabel: string;
  /** Label of the counted things. @defaultValue `'count'` */
  readonly yLabel?: string;
  /**
   * Extent of the x axis before rounding to nice ticks; values outside it are counted in the end
   * bins. @defaultValue from min(0, smallest value) to the largest value (at least 1 wide)
   */
  readonly domain?: readonly [number, number];
  /** Approximate number of bins. @defaultValue 20 */
  readonly bins?: number;
  /** Vertical reference lines (a target, a percentile...). @defaultValue `[]` */
  readonly markers?: readonly { readonly label: string; readonly value: number }[];
  /** Width of the SVG, px. @defaultValue 460 */
  readonly width?: number;
  /** Height of the SVG, px. @defaultValue 220 */
  readonly height?: number;
  /** Written as the SVG's `data-chart` attribute, for styling and tests. @defaultValue `'histogram'` */
  readonly kind?: string;
  /** Formats x-axis ticks and the bin ranges in the bars' tooltips. @defaultValue d3 `format(',~g')` (`1,024`, `0.5`) */
  readonly tickFormat?: (value: number) => string;
}

/**
 * A histogram of `values` (NaN ignored), binned with d3's `bin` (Sturges-like nice thresholds).
 * O(n log n).
 *
 * @example
 * chartHistogram([1, 2, 2, 3], { title: 'Sizes', xLabel: 'vCPUs' })
 */
export function chartHistogram(values: readonly number[], options: HistogramOptions): string {
  const { title, xLabel, yLabel = 'count', bins: binCount = 20, markers = [], width = 460, height = 220, kind = 'histogram', tickFormat = format(',~g') } = options;
  const m = { top: 12, right: 16, bottom: 42, left: 54 };
  const finite = values.filter((v) => Number.isFinite(v));
  const lo = options.domain?.[0] ?? Math.min(0, ...finiteSample(finite, 'min'));
  const hi = options.domain?.[1] ?? Math.max(lo + 1, ...finiteSample(finite, 'max'));
  const x = scaleLinear(spanDomain(lo, hi), [m.left, width - m.right]).nice();
  const [d0, d1] = x.domain() as [number, number];
  const buckets = bin<number, number>().domain([d0, d1]).thresholds(x.ticks(binCount))(finite.map((v) => Math.min(Math.max(v, d0), d1)));
  const y = scaleLinear(spanDomain(0, max(buckets, (b) => b.length) ?? 1), [height - m.bottom, m.top]).nice();
  const parts = [axisLeft(y, m.left, { format: format(',~d'), label: yLabel, grid: width - m.left - m.right, ticks: 4 })];
  for (const b of buckets) {
    if (b.length === 0 || b.x0 === undefined || b.x1 === undefined) continue;
    const bx = x(b.x0);
    parts.push(`<rect class="bar" x="${px(bx + 0.5)}" y="${px(y(b.length))}" width="${len(x(b.x1) - bx - 1)}" height="${len(y(0) - y(b.length))}" fill="${PALETTE.accent}"><title>${tickFormat(b.x0)}–${tickFormat(b.x1)}: ${b.length}</title></rect>`);
  }
  for (const mk of markers) {
    const mx = x(mk.value);
    if (!Number.isFinite(mx) || mx < m.left || mx > width - m.right) continue;
    parts.push(`<line class="marker" x1="${px(mx)}" x2="${px(mx)}" y1="${m.top}" y2="${px(height - m.bottom)}"/>`, svgText(mx + 3, m.top + 9, mk.label, 'class="marker-label"'));
  }
  parts.push(axisBottom(x, height - m.bottom, { format: tickFormat, label: xLabel, ticks: 6 }));
  return svgChart({ kind, width, height, title, description: `${finite.length} values` }, parts.join(''));
}

/** Math.min/max over a large array without spreading it all onto the stack. */
function finiteSample(values: readonly number[], which: 'min' | 'max'): number[] {
  let out = which === 'min' ? Infinity : -Infinity;
  for (const v of values) out = which === 'min' ? Math.min(out, v) : Math.max(out, v);
  return Number.isFinite(out) ? [out] : [];
}
