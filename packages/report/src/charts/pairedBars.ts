import { max, scaleBand, scaleLinear, format } from 'd3';
import { escapeHtml } from '../html/escape.js';
import { axisBottom } from './axis.js';
import { PALETTE } from './palette.js';
import { finiteOr, len, px, spanDomain, svgChart, svgText } from './svg.js';

/** Options of {@link chartPairedBars}. */
export interface PairedBarsOptions {
  readonly title: string;
  /** Written as the SVG's `data-chart` attribute, for styling and tests. @defaultValue `'paired-bars'` */
  readonly kind?: string;
  readonly unit: string;
  /** Names of the two bars of each row, e.g. `sum of peaks`, `peak of sum`. */
  readonly names: readonly [string, string];
  readonly rows: readonly { readonly label: string; readonly a: number; readonly b: number }[];
  /** Width of the SVG, px. @defaultValue 620 */
  readonly width?: number;
}

/**
 * Two horizontal bars per row (first in pale accent, second in accent), labelled with values:
 * used for sum-of-peaks versus peak-of-sum per host.
 *
 * @example
 * chartPairedBars({ title: 'Peaks', unit: 'GHz', names: ['sum of peaks', 'peak of sum'], rows: [{ label: 'h1', a: 40, b: 28 }] })
 */
export function chartPairedBars(options: PairedBarsOptions): string {
  const { title, kind = 'paired-bars', unit, names, width = 620 } = options;
  const rows = options.rows.map((r) => ({ label: r.label, a: Math.max(0, finiteOr(r.a, 0)), b: Math.max(0, finiteOr(r.b, 0)) }));
  const m = { top: 26, right: 70, bottom: 42, left: 150 };
  const rowHeight = 26;
  const height = m.top + rows.length * rowHeight + m.bottom;
  const x = scaleLinear(spanDomain(0, max(rows, (r) => Math.max(r.a, r.b)) ?? 1), [m.left, width - m.right]).nice();
  const y = scaleBand(rows.map((_, i) => String(i)), [m.top, height - m.bottom]).padding(0.18);
  const fmt = format(',.1~f');
  const parts = [
    `<rect x="${m.left}" y="4" width="12" height="8" fill="${PALETTE.accentLight}"/>`, svgText(m.left + 16, 12, names[0], 'class="legend"'),
    `<rect x="${m.left + 130}" y="4" width="12" height="8" fill="${PALETTE.accent}"/>`, svgText(m.left + 146, 12, names[1], 'class="legend"'),
  ];
  rows.forEach((r, i) => {
    const y0 = y(String(i)) ?? 0;
    const h = y.bandwidth() / 2;
    parts.push(svgText(m.left - 8, y0 + h + 4, r.label.length > 22 ? r.label.slice(0, 21) + '…' : r.label, 'class="row-label" text-anchor="end"'));
    parts.push(`<g><title>${escapeHtml(`${r.label}: ${names[0]} ${fmt(r.a)} ${unit}, ${names[1]} ${fmt(r.b)} ${unit}`)}</title>`,
      `<rect x="${m.left}" y="${px(y0)}" width="${len(x(r.a) - m.left)}" height="${len(h)}" fill="${PALETTE.accentLight}"/>`,
      `<rect x="${m.left}" y="${px(y0 + h)}" width="${len(x(r.b) - m.left)}" height="${len(h)}" fill="${PALETTE.accent}"/></g>`,
      svgText(x(r.a) + 4, y0 + h - 2, fmt(r.a), 'class="value"'), svgText(x(r.b) + 4, y0 + 2 * h - 2, fmt(r.b), 'class="value"'));
  });
  parts.push(axisBottom(x, height - m.bottom, { format: format(',~g'), label: unit, ticks: 5, grid: height - m.bottom - m.top }));
  return svgChart({ kind, width, height, title }, parts.join(''));
}
