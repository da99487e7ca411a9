import { escapeHtml } from './escape.js';

/**
 * A table cell: text, text with a numeric sort value (right-aligned), a name shown as code, or a
 * confidence rating drawn as five stars. There is no way to pass markup: every cell is built
 * from typed data.
 */
export type Cell = string | { readonly text: string; readonly value?: number } | { readonly code: string } | { readonly stars: number | undefined };

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
 * Confidence as five stars.
 *
 * @example
 * stars(3) // => '★★★☆☆'
 */
export function stars(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '–';
  const k = Math.max(0, Math.min(5, Math.round(n)));
  return '★'.repeat(k) + '☆'.repeat(5 - k);
}

function cellHtml(c: Cell, numeric: boolean): string {
  const sortValue = typeof c === 'string' || 'code' in c ? undefined : 'stars' in c ? c.stars : c.value;
  const attrs = (numeric ? ' class="num"' : '') + (sortValue !== undefined && Number.isFinite(sortValue) ? ` data-v="${escapeHtml(String(sortValue))}"` : '');
  if (typeof c === 'string') return `<td${attrs}>${escapeHtml(c)}</td>`;
  if ('code' in c) return `<td${attrs}><code>${escapeHtml(c.code)}</code></td>`;
  if ('stars' in c) {
    const title = c.stars !== undefined && Number.isFinite(c.stars) ? `${escapeHtml(String(c.stars))} of 5` : '– of 5';
    return `<td${attrs}><span class="stars" title="${title}">${stars(c.stars)}</span></td>`;
  }
  return `<td${attrs}>${escapeHtml(c.text)}</td>`;
}

/**
 * An HTML table; every header and cell is escaped (a star rating's markup is generated from
 * its number).
 *
 * @example
 * htmlTable(['VM', 'Host'], [['<b>', 'h1']]) // => '<table class="sortable">...<td>&lt;b&gt;</td>...'
 */
export function htmlTable(headers: readonly string[], rows: readonly (readonly Cell[])[], options: TableOptions = {}): string {
  const { caption, numeric = [], sortable = true, className } = options;
  const num = new Set(numeric);
  const cls = [sortable ? 'sortable' : '', className ?? ''].filter(Boolean).join(' ');
  const head = headers.map((h, i) => `<th scope="col"${num.has(i) ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => cellHtml(c, num.has(i))).join('')}</tr>`).join('\n');
  return `<table${cls ? ` class="${cls}"` : ''}>${caption ? `<caption>${escapeHtml(caption)}</caption>` : ''}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}
