import { interpolateRgb, max, scaleSequential, format } from 'd3';
import type { HeatmapData } from '../input/types.js';
import { escapeHtml } from '../html/escape.js';
import { PALETTE } from './palette.js';
import { px, svgChart, svgText } from './svg.js';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * A time-of-day by day-of-week heatmap: 7 rows, 24 columns, darker is higher; a cell with no
 * value is hatched grey. Values of the same (day, hour) are averaged.
 *
 * @example
 * chartHeatmap({ name: 'CPU', unit: '%', cells: [{ day: 0, hour: 9, value: 60 }] })
 */
export function chartHeatmap(data: HeatmapData): string {
  const cell = 22;
  const m = { top: 22, right: 90, bottom: 30, left: 44 };
  const width = m.left + 24 * cell + m.right;
  const height = m.top + 7 * cell + m.bottom;
  const sums = new Map<number, { sum: number; n: number }>();
  for (const c of data.cells) {
    if (!Number.isFinite(c.value) || c.day < 0 || c.day > 6 || c.hour < 0 || c.hour > 23) continue;
    const k = Math.floor(c.day) * 24 + Math.floor(c.hour);
    const s = sums.get(k) ?? { sum: 0, n: 0 };
    s.sum += c.value;
    s.n += 1;
    sums.set(k, s);
  }
  const top = max([...sums.values()], (s) => s.sum / s.n) ?? 1;
  const colour = scaleSequential(interpolateRgb('#f4f7fa', PALETTE.accent)).domain([0, top || 1]);
  const fmt = format(',.1~f');
  const parts: string[] = [];
  for (let h = 0; h < 24; h += 3) parts.push(svgText(m.left + h * cell + cell / 2, m.top - 7, String(h).padStart(2, '0'), 'class="tick" text-anchor="middle"'));
  DAYS.forEach((d, i) => parts.push(svgText(m.left - 6, m.top + i * cell + cell / 2 + 4, d, 'class="tick" text-anchor="end"')));
  for (let d = 0; d < 7; d++) {
    for (let h = 0; h < 24; h++) {
      const s = sums.get(d * 24 + h);
      const x = m.left + h * cell;
      const y = m.top + d * cell;
      if (!s) {
        parts.push(`<rect class="heat-empty" x="${x}" y="${y}" width="${cell - 1}" height="${cell - 1}"><title>${DAYS[d]} ${h}:00 no data</title></rect>`);
        continue;
      }
      const v = s.sum / s.n;
      parts.push(`<rect x="${x}" y="${y}" width="${cell - 1}" height="${cell - 1}" fill="${colour(v)}"><title>${DAYS[d]} ${String(h).padStart(2, '0')}:00 ${escapeHtml(fmt(v))} ${escapeHtml(data.unit)}</title></rect>`);
    }
  }
  parts.push(svgText(m.left + 12 * cell, height - 8, 'hour of day (UTC)', 'class="axis-label" text-anchor="middle"'));
  const lx = m.left + 24 * cell + 16;
  for (let i = 0; i <= 4; i++) {
    const v = (top * (4 - i)) / 4;
    parts.push(`<rect x="${lx}" y="${px(m.top + i * 30)}" width="14" height="14" fill="${colour(v)}"/>`, svgText(lx + 20, m.top + i * 30 + 11, `${fmt(v)} ${data.unit}`, 'class="legend"'));
  }
  return svgChart({ kind: 'heatmap', width, height, title: `${data.name}: mean by day and hour (${data.unit})` }, parts.join(''));
}
