import { px, svgText } from './svg.js';

/** A scale that an axis can be drawn for (d3's linear and time scales are). */
export interface TickScale<T> {
  (value: T): number | undefined;
  ticks(count?: number): T[];
  range(): number[];
}

/** Options of {@link axisBottom} and {@link axisLeft}. */
export interface AxisOptions<T> {
  /** Approximate number of ticks. @defaultValue 5 */
  readonly ticks?: number;
  readonly format: (value: T) => string;
  /** Axis title with its unit, e.g. `Memory (GB)`. */
  readonly label?: string;
  /** Length of grid lines across the plot (0 for none). @defaultValue 0 */
  readonly grid?: number;
}

/**
 * A horizontal axis drawn at `y`, ticks below, as SVG markup.
 *
 * @example
 * axisBottom(scaleLinear([0, 100], [0, 200]), 150, { format: String, label: 'CPU (%)' })
 */
export function axisBottom<T>(scale: TickScale<T>, y: number, options: AxisOptions<T>): string {
  const { ticks = 5, format, label, grid = 0 } = options;
  const [x0 = 0, x1 = 0] = scale.range();
  const parts = [`<g class="axis axis-x" transform="translate(0,${px(y)})">`, `<line class="domain" x1="${px(x0)}" x2="${px(x1)}"/>`];
  for (const t of scale.ticks(ticks)) {
    const x = scale(t);
    if (x === undefined) continue;
    if (grid > 0) parts.push(`<line class="grid" x1="${px(x)}" x2="${px(x)}" y1="0" y2="${px(-grid)}"/>`);
    parts.push(`<line x1="${px(x)}" x2="${px(x)}" y2="4"/>`, svgText(x, 16, format(t), 'text-anchor="middle"'));
  }
  if (label) parts.push(svgText((x0 + x1) / 2, 32, label, 'class="axis-label" text-anchor="middle"'));
  parts.push('</g>');
  return parts.join('');
}

/**
 * A vertical axis drawn at `x`, ticks to the left, as SVG markup.
 *
 * @example
 * axisLeft(scaleLinear([0, 100], [150, 0]), 40, { format: String, label: 'CPU (%)', grid: 300 })
 */
export function axisLeft<T>(scale: TickScale<T>, x: number, options: AxisOptions<T>): string {
  const { ticks = 5, format, label, grid = 0 } = options;
  const [y0 = 0, y1 = 0] = scale.range();
  const parts = [`<g class="axis axis-y" transform="translate(${px(x)},0)">`, `<line class="domain" y1="${px(y0)}" y2="${px(y1)}"/>`];
  for (const t of scale.ticks(ticks)) {
    const y = scale(t);
    if (y === undefined) continue;
    if (grid > 0) parts.push(`<line class="grid" x1="0" x2="${px(grid)}" y1="${px(y)}" y2="${px(y)}"/>`);
    parts.push(`<line x1="-4" y1="${px(y)}" y2="${px(y)}"/>`, svgText(-7, y + 3.5, format(t), 'text-anchor="end"'));
  }
  if (label) parts.push(svgText(-((y0 + y1) / 2), -x + 12, label, 'class="axis-label" text-anchor="middle" transform="rotate(-90)"'));
  parts.push('</g>');
  return parts.join('');
}
