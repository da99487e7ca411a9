import { escapeHtml } from './escape.js';

/** A table cell: text, or text with a numeric sort value (right-aligned). */
export type Cell = string | { readonly text: string; readonly value?: number; readonly html?: boolean };

/** Options of {@link htmlTable}. */
export interface TableOptions {
  readonly caption?: string;
  /** Columns that hold numbers (right-aligned). */
  readonly numeric?: readonly number[];
  /** Click-to-sort headers. @defaultValue true */
  readonly sortable?: boolean;
  readonly className?: string;
}

/**
 * An HTML table; every header and cell is escaped unless the cell says `html: true` (used only
 * for markup the report itself builds).
 *
 * @example
 * htmlTable(['VM', 'Host'], [['<b>', 'h1']]) // => '<table class="sortable">...<td>&lt;b&gt;</td>...'
 */
export function htmlTable(headers: readonly string[], rows: readonly (readonly Cell[])[], options: TableOptions = {}): string {
  const { caption, numeric = [], sortable = true, className } = options;
  const num = new Set(numeric);
  const cls = [sortable ? 'sortable' : '', className ?? ''].filter(Boolean).join(' ');
  const head = headers.map((h, i) => `<th scope="col"${num.has(i) ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => {
    const cell = typeof c === 'string' ? { text: c } : c;
    const attrs = (num.has(i) ? ' class="num"' : '') + (cell.value !== undefined && Number.isFinite(cell.value) ? ` data-v="${cell.value}"` : '');
    return `<td${attrs}>${cell.html ? cell.text : escapeHtml(cell.text)}</td>`;
  }).join('')}</tr>`).join('\n');
  return `<table${cls ? ` class="${cls}"` : ''}>${caption ? `<caption>${escapeHtml(caption)}</caption>` : ''}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}
