import { scaleLinear } from 'd3';
import { escapeHtml } from '../html/escape.js';
import { formatNumber } from '../format/number.js';
import { PALETTE } from './palette.js';
import { finiteOr, len, px, svgChart, svgText } from './svg.js';

/** One cell of the matrix: a resource on a host, in display units. */
export interface MatrixCell {
  readonly used: number;
  /** What placement may use (after reserves and the target ceiling): 100 % of the scale. */
  readonly capacity: number;
  /** Before reserves; when given with `reserved`, the reserve line is drawn where it differs from the target. */
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
  /** Width of the whole chart; columns share what the labels leave. @defaultValue 940 */
  readonly width?: number;
}

/** Levels of a bar, by its share of the target; colours in the same order. */
export const MATRIX_LEVELS = [
  { name: 'under 80 % of target', colour: PALETTE.accentLight },
  { name: '80 to 100 % of target', colour: PALETTE.accent },
  { name: 'over the target', colour: PALETTE.warn },
  { name: 'into the reserve', colour: PALETTE.alarm },
] as const;

const LABEL_WIDTH = 150;
const ROW_HEIGHT = 20;
const HEADER = 40;
/** Most of the target the scale shows: bars beyond are cut with an arrow. */
const MAX_SHARE = 1.5;

const f1 = (x: number) => (Number.isFinite(x) ? formatNumber(Math.round(x * 10) / 10, 1) : '∞');

/**
 * Where the reserve begins as a share of the target: (total - reserved) / target; undefined when
 * not known or within 0.5 % of the target (the tick would hide under the target's).
 *
 * @example
 * reserveShare({ used: 1, capacity: 72, total: 100, reserved: 10 }) // => 1.25
 */
export function reserveShare(cell: MatrixCell): number | undefined {
  const total = finiteOr(cell.total, 0);
  if (!(total > 0) || !Number.isFinite(cell.reserved) || !(cell.capacity > 0) || !Number.isFinite(cell.capacity)) return undefined;
  const at = (total - cell.reserved!) / cell.capacity;
  return Math.abs(at - 1) > 0.005 ? at : undefined;
}

/**
 * The level of a cell (0 to 3, in the order of the levels): into the reserve when use passes where
 * the reserve begins, over the target, 80 to 100 % of it, or under.
 *
 * @example
 * matrixLevel({ used: 85, capacity: 100 }) // => 1
 */
export function matrixLevel(cell: MatrixCell): 0 | 1 | 2 | 3 {
  const share = cell.capacity > 0 ? finiteOr(cell.used, 0) / cell.capacity : 0;
  const reserve = reserveShare(cell);
  if (reserve !== undefined && share > reserve + 1e-9) return 3;
  if (share > 1 + 1e-9) return 2;
  return share >= 0.8 ? 1 : 0;
}

/**
 * A bullet-bar matrix: one row per host, one column per resource; each bar is use as a share of
 * the host's target (what placement may use), the same share the tables print, on one scale per
 * column (0 to the largest of 100 % and the longest bar, at most 150 %); a dark tick at 100 %
 * (the target) and a red tick where the reserve begins when that differs from the target. Bars
 * are coloured by level: light under 80 % of the target, blue to 100 %, amber over it, red into the reserve.
 *
 * @example
 * chartUtilisationMatrix({ title: 'Use', columns: ['Memory (GB)'], units: ['GB'],
 *   rows: [{ label: 'h1', cells: [{ used: 100, capacity: 200, total: 256, reserved: 8 }] }] })
 */
export function chartUtilisationMatrix(options: UtilisationMatrixOptions): string {
  const { kind = 'utilisation-matrix', title, columns, rows, units, usedWord = 'used', width: wanted = 940 } = options;
  const columnWidth = Math.max(118, Math.floor((wanted - LABEL_WIDTH - 10) / Math.max(1, columns.length)));
  const width = LABEL_WIDTH + columns.length * columnWidth + 10;
  const height = HEADER + rows.length * ROW_HEIGHT + 8;
  const barWidth = columnWidth - 18;
  const parts: string[] = [];
  columns.forEach((column, c) => {
    const shares = rows.flatMap((r) => { const cell = r.cells[c]; return cell && cell.capacity > 0 ? [finiteOr(cell.used, 0) / cell.capacity, reserveShare(cell) ?? 0] : []; });
    const top = Math.min(MAX_SHARE, Math.max(1, ...shares));
    const x = scaleLinear([0, top], [0, barWidth]).clamp(true);
    const x0 = LABEL_WIDTH + c * columnWidth;
    parts.push(`<g transform="translate(${px(x0)},0)">`, svgText(0, 13, column, 'class="col-head"'));
    for (const t of [0, 0.5, 1]) {
      parts.push(`<line class="grid" x1="${px(x(t))}" x2="${px(x(t))}" y1="${HEADER - 6}" y2="${px(height - 8)}"/>`, svgText(x(t), HEADER - 9, `${t * 100} %`, `class="tick" text-anchor="${t === 0 ? 'start' : x(t) > barWidth - 16 ? 'end' : 'middle'}"`));
    }
    rows.forEach((row, r) => {
      const cell = row.cells[c];
      if (!cell) return;
      const y = HEADER + r * ROW_HEIGHT;
      const used = finiteOr(cell.used, 0);
      const share = cell.capacity > 0 ? used / cell.capacity : 0;
      const reserve = reserveShare(cell);
      const unit = units[c] ?? '';
      const tip = `${row.label} · ${column}: ${usedWord} ${f1(cell.used)} ${unit} = ${f1(share * 100)} % of the ${f1(cell.capacity)} ${unit} target` +
        (cell.total !== undefined ? `; ${f1(cell.total)} ${unit} total` : '') + (cell.reserved !== undefined ? `, ${f1(cell.reserved)} ${unit} reserved` : '');
      parts.push(`<g transform="translate(0,${px(y + 4)})"><title>${escapeHtml(tip)}</title>`,
        `<rect class="track" width="${px(barWidth)}" height="12"/>`,
        `<rect class="bar level-${matrixLevel(cell)}" width="${len(x(share))}" height="12" fill="${MATRIX_LEVELS[matrixLevel(cell)].colour}"/>`);
      if (share > top) parts.push(`<path d="M${px(barWidth)},-1l6,7l-6,7z" fill="${MATRIX_LEVELS[matrixLevel(cell)].colour}"/>`);
      parts.push(`<line class="target-line" x1="${px(x(1))}" x2="${px(x(1))}" y1="-3" y2="15"/>`);
      if (reserve !== undefined) parts.push(`<line class="reserve-line" x1="${px(x(reserve))}" x2="${px(x(reserve))}" y1="-3" y2="15"/>`);
      parts.push('</g>');
    });
    parts.push('</g>');
  });
  rows.forEach((row, r) => parts.push(svgText(LABEL_WIDTH - 8, HEADER + r * ROW_HEIGHT + 14, row.label.length > 22 ? row.label.slice(0, 21) + '…' : row.label, 'class="row-label" text-anchor="end"')));
  const reserveDrawn = rows.some((r) => r.cells.some((c) => c !== null && reserveShare(c) !== undefined));
  return svgChart({ kind, width, height, title, description: `Bars: share of the host's target; dark tick: target (100 %)${reserveDrawn ? '; red tick: reserve begins' : ''}.` }, parts.join(''));
}

/**
 * The words under a utilisation matrix, saying only what it draws: the scale, the colours and,
 * when some cell has one, the reserve tick.
 *
 * @example
 * matrixLegend([{ label: 'h', cells: [{ used: 1, capacity: 2 }] }]) // => 'Bars: use as a share of the target, ...'
 */
export function matrixLegend(rows: UtilisationMatrixOptions['rows']): string {
  const reserveDrawn = rows.some((r) => r.cells.some((c) => c !== null && reserveShare(c) !== undefined));
  return `Bars: use as a share of the host's target, the same figure as the table; the dark tick is the target (100 %)${reserveDrawn ? ', the red tick where the reserve begins (past the target when a utilisation ceiling is set)' : ''}. Colours: light under 80 % of the target, blue 80 to 100 %, amber over the target${reserveDrawn ? ', red into the reserve' : ''}; an arrow marks a bar cut at 150 %.`;
}
