import { interpolateRgb, scaleSequential, format, utcFormat } from 'd3';
import { escapeHtml } from '../html/escape.js';
import type { DayRow } from '../timeline/farm.js';
import { PALETTE } from './palette.js';
import { px, svgChart, svgText } from './svg.js';

/** Options of {@link chartDayHourHeatmap}. */
export interface DayHourHeatmapOptions {
  readonly title: string;
  /** Unit of the values, e.g. `%`. */
  readonly unit: string;
  /** Top of the colour scale. @defaultValue the highest value */
  readonly max?: number;
}

const CELL = 20;
const fmt = format(',.1~f');

/**
 * Hour of day (columns, UTC) by calendar day (rows): each cell coloured by its value, darker is
 * higher, amber over 100 when the unit is `%`; a cell with no value is hatched grey.
 *
 * @example
 * chartDayHourHeatmap([{ dayMs: 0, hours: [10, 20, ...] }], { title: 'Farm CPU', unit: '%' })
 */
export function chartDayHourHeatmap(rows: readonly DayRow[], options: DayHourHeatmapOptions): string {
  const m = { top: 22, right: 96, bottom: 28, left: 76 };
  const width = m.left + 24 * CELL + m.right;
  const height = m.top + Math.max(1, rows.length) * CELL + m.bottom;
  const present = rows.flatMap((r) => r.hours.filter((v): v is number => v !== null && Number.isFinite(v)));
  const top = options.max ?? Math.max(1e-9, ...present);
  const colour = scaleSequential(interpolateRgb('#f4f7fa', PALETTE.accent)).domain([0, top]);
  const fill = (v: number) => (options.unit === '%' && v > 100 ? PALETTE.warn : colour(Math.min(v, top)));
  const day = utcFormat('%a %d %b');
  const parts: string[] = [];
  for (let h = 0; h < 24; h += 3) parts.push(svgText(m.left + h * CELL + CELL / 2, m.top - 7, String(h).padStart(2, '0'), 'class="tick" text-anchor="middle"'));
  rows.forEach((r, d) => {
    parts.push(svgText(m.left - 6, m.top + d * CELL + CELL / 2 + 4, day(new Date(r.dayMs)), 'class="tick" text-anchor="end"'));
    r.hours.forEach((v, h) => {
      const at = `x="${m.left + h * CELL}" y="${m.top + d * CELL}" width="${CELL - 1}" height="${CELL - 1}"`;
      const when = `${day(new Date(r.dayMs))} ${String(h).padStart(2, '0')}:00`;
      parts.push(v === null || !Number.isFinite(v)
        ? `<rect class="heat-empty" ${at}><title>${when} no data</title></rect>`
        : `<rect ${at} fill="${fill(v)}"><title>${when} ${escapeHtml(fmt(v))} ${escapeHtml(options.unit)}</title></rect>`);
    });
  });
  parts.push(svgText(m.left + 12 * CELL, height - 8, 'hour of day (UTC)', 'class="axis-label" text-anchor="middle"'));
  const lx = m.left + 24 * CELL + 14;
  for (let i = 0; i <= 4; i++) {
    const v = (top * (4 - i)) / 4;
    parts.push(`<rect x="${lx}" y="${px(m.top + i * 24)}" width="14" height="14" fill="${fill(v)}"/>`, svgText(lx + 20, m.top + i * 24 + 11, `${fmt(v)} ${options.unit}`, 'class="legend"'));
  }
  return svgChart({ kind: 'farm-heatmap', width, height, title: options.title }, parts.join(''));
}
