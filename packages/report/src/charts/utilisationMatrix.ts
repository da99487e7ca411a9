import { scaleLinear } from 'd3';
import { escapeHtml } from '../html/escape.js';
import { PALETTE } from './palette.js';
import { finiteOr, len, px, svgChart, svgText } from './svg.js';

/** One cell of the matrix: a resource on a host, in display units. */
export interface MatrixCell {
  readonly used: number;
  /** What placement may use (after reserves and the target ceiling): the target line. */
  readonly capacity: number;
  /** Before reserves; when given, the bar's scale and the reserve line come from it. */
  readonly total?: number;
  readonly reserved?: number;
}

/** Options of {@link chartUtilisationMatrix}. */
export interface UtilisationMatrixOptions {
  /** Written as the SVG's `data-chart` attribute, for styling and tests. @defaultValue `'utilisation-matrix'` */
  readonly kind?: string;
  readonly title: string;
  /** Column headers with units, e.g. `Memory (GB)`. */
  readonly columns: readonly string[];
  readonly rows: readonly { readonly label: string; readonly cells: readonly (MatrixCell | null)[] }[];
  /** Unit per column for tooltips. */
  readonly units: readonly string[];
  /** Word for the bar in tooltips. @defaultValue `'used'` */
  readonly usedWord?: string;
}

const LABEL_WIDTH = 150;
const COLUMN_WIDTH = 118;
const ROW_HEIGHT = 17;
const HEADER = 38;

const f1 = (x: number) => (Number.isFinite(x) ? (Math.round(x * 10) / 10).toLocaleString('en-US') : '∞');

/**
 * A bullet-bar matrix: one row per host, one column per resource; each bar shows use as a share
 * of the host's total, with a dark tick at the target (what placement may use) and a red tick
 * where the reserve begins. Over the target the bar turns amber, into the reserve red.
 *
 * @example
 * chartUtilisationMatrix({ title: 'Use', columns: ['Memory (GB)'], units: ['GB'],
 *   rows: [{ label: 'h1', cells: [{ used: 100, capacity: 200, total: 256, reserved: 8 }] }] })
 */
export function chartUtilisationMatrix(options: UtilisationMatrixOptions): string {
  const { kind = 'utilisation-matrix', title, columns, rows, units, usedWord = 'used' } = options;
  const width = LABEL_WIDTH + columns.length * COLUMN_WIDTH + 10;
  const height = HEADER + rows.length * ROW_HEIGHT + 8;
  const barWidth = COLUMN_WIDTH - 14;
  const x = scaleLinear([0, 1], [0, barWidth]).clamp(true);
  const parts: string[] = [];
  columns.forEach((column, c) => {
    const x0 = LABEL_WIDTH + c * COLUMN_WIDTH;
    parts.push(`<g transform="translate(${px(x0)},0)">`, svgText(0, 13, column, 'class="col-head"'));
    for (const t of [0, 0.5, 1]) {
      parts.push(`<line class="grid" x1="${px(x(t))}" x2="${px(x(t))}" y1="${HEADER - 6}" y2="${px(height - 8)}"/>`, svgText(x(t), HEADER - 9, `${t * 100} %`, `class="tick" text-anchor="${t === 0 ? 'start' : t === 1 ? 'end' : 'middle'}"`));
    }
    parts.push('</g>');
  });
  rows.forEach((row, r) => {
    const y = HEADER + r * ROW_HEIGHT;
    parts.push(svgText(LABEL_WIDTH - 8, y + 12, row.label.length > 22 ? row.label.slice(0, 21) + '…' : row.label, 'class="row-label" text-anchor="end"'));
    row.cells.forEach((cell, c) => {
      if (!cell) return;
      const x0 = LABEL_WIDTH + c * COLUMN_WIDTH;
      const used = finiteOr(cell.used, 0);
      const total = finiteOr(cell.total, 0);
      const scaleMax = total > 0 ? total : Number.isFinite(cell.capacity) && cell.capacity > 0 ? cell.capacity * 1.1 : Math.max(used, 1);
      const share = (v: number) => x(v / scaleMax);
      const reserveAt = total > 0 && Number.isFinite(cell.reserved) ? total - cell.reserved! : undefined;
      const colour = reserveAt !== undefined && used > reserveAt + 1e-9 ? PALETTE.alarm : used > cell.capacity + 1e-9 ? PALETTE.warn : PALETTE.accent;
      const unit = units[c] ?? '';
      const tip = `${row.label} · ${columns[c]}: ${usedWord} ${f1(cell.used)} ${unit} of ${f1(cell.capacity)} ${unit} target` +
        (cell.total !== undefined ? `, ${f1(cell.total)} ${unit} total` : '') + (cell.reserved !== undefined ? `, ${f1(cell.reserved)} ${unit} reserved` : '');
      parts.push(`<g transform="translate(${px(x0)},${px(y + 3)})"><title>${escapeHtml(tip)}</title>`,
        `<rect class="track" width="${px(barWidth)}" height="11"/>`,
        `<rect width="${len(share(used))}" height="11" fill="${colour}"/>`);
      if (Number.isFinite(cell.capacity)) parts.push(`<line class="target-line" x1="${px(share(cell.capacity))}" x2="${px(share(cell.capacity))}" y1="-2" y2="13"/>`);
      if (reserveAt !== undefined) parts.push(`<line class="reserve-line" x1="${px(share(reserveAt))}" x2="${px(share(reserveAt))}" y1="-2" y2="13"/>`);
      parts.push('</g>');
    });
  });
  return svgChart({ kind, width, height, title, description: 'Bars: share of host total; dark tick: target; red tick: reserve starts.' }, parts.join(''));
}
