import { scaleLinear, format, utcFormat } from 'd3';
import { axisBottom } from './axis.js';
import { PALETTE } from './palette.js';
import { len, px, svgChart, svgText } from './svg.js';

/** One bar of the runway chart. */
export interface RunwayBar {
  readonly label: string;
  /** Days until the resource runs out; null when the trend never reaches it. */
  readonly daysRemaining: number | null;
  /** The day it runs out, UTC epoch ms (shown next to the bar). */
  readonly runsOutMs?: number | null;
}

/** Options of {@link chartRunway}. */
export interface RunwayChartOptions {
  /** Days the axis spans; longer runways end in an arrow. @defaultValue 365 */
  readonly horizonDays?: number;
  /** Bars shorter than this are red. @defaultValue 120 */
  readonly warningDays?: number;
}

/**
 * The growth runway: one bar per resource, as long as the days until it runs out (red under the
 * warning, amber under twice the warning), to the horizon; "no upward trend" when it never does.
 *
 * @example
 * chartRunway([{ label: 'CPU', daysRemaining: 80 }, { label: 'Memory', daysRemaining: null }])
 */
export function chartRunway(bars: readonly RunwayBar[], options: RunwayChartOptions = {}): string {
  const { horizonDays = 365, warningDays = 120 } = options;
  const m = { top: 8, right: 200, bottom: 36, left: 90 };
  const width = 720;
  const row = 26;
  const height = m.top + bars.length * row + m.bottom;
  const x = scaleLinear([0, horizonDays], [m.left, width - m.right]);
  const day = utcFormat('%d %b %Y');
  const parts = [axisBottom(x, height - m.bottom, { format: format(',~g'), label: 'days from the last measured day', ticks: 6, grid: height - m.bottom - m.top })];
  bars.forEach((b, i) => {
    const y = m.top + i * row;
    parts.push(svgText(m.left - 8, y + 16, b.label, 'class="row-label" text-anchor="end"'));
    if (b.daysRemaining === null || !Number.isFinite(b.daysRemaining)) {
      parts.push(svgText(m.left + 4, y + 16, 'no upward trend: not reached', 'class="value"'));
      return;
    }
    const d = Math.max(0, b.daysRemaining);
    const colour = d < warningDays ? PALETTE.alarm : d < 2 * warningDays ? PALETTE.warn : PALETTE.accent;
    const w = x(Math.min(d, horizonDays)) - m.left;
    parts.push(`<rect x="${m.left}" y="${y + 5}" width="${len(w)}" height="15" fill="${colour}"/>`);
    if (d > horizonDays) parts.push(`<path d="M${px(m.left + w)},${y + 3}l8,9.5l-8,9.5z" fill="${colour}"/>`);
    parts.push(svgText(m.left + w + (d > horizonDays ? 12 : 6), y + 16, `${format(',.0f')(d)} days${b.runsOutMs != null && Number.isFinite(b.runsOutMs) ? ` (${day(new Date(b.runsOutMs))})` : ''}`, 'class="value"'));
  });
  return svgChart({ kind: 'runway', width, height, title: 'Days until each resource reaches its target' }, parts.join(''));
}
