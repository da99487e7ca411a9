import type { IdSource } from '../../charts/svg.js';
import type { ReportInput } from '../../input/types.js';
import { escapeHtml } from '../escape.js';
import { formatNumber } from '../../format/number.js';

/** Options of the HTML report, resolved. */
export interface ResolvedHtmlOptions {
  readonly title: string;
  /** Hosts drawn one row each before the report switches to top hosts plus distributions. */
  readonly maxHostRows: number;
  /** Rows of a long table (unplaced VMs, findings) before it is cut, with a note saying so. */
  readonly maxTableRows: number;
  /** VMs listed in the placement table before it lists the worst-fitting ones only. */
  readonly maxVmRows: number;
  /** Colour the placement map by group or by size. */
  readonly colourBy: 'auto' | 'group' | 'size';
}

/** What every section renderer receives. */
export interface SectionContext {
  readonly input: ReportInput;
  readonly ids: IdSource;
  readonly options: ResolvedHtmlOptions;
}

/** A rendered section: `id` is its anchor and `data-section` value. */
export interface Section {
  readonly id: string;
  readonly title: string;
  readonly html: string;
}

/**
 * A chart in a `<figure>` with an escaped caption.
 *
 * @example
 * figure('<svg></svg>', 'CPU <%>') // => '<figure><svg></svg><figcaption>CPU &lt;%&gt;</figcaption></figure>'
 */
export function figure(svg: string, caption: string): string {
  return `<figure>${svg}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}

/**
 * The note under a table that shows only some of its rows: nothing is dropped silently.
 *
 * @example
 * shownNote(500, 1000, 'the rest is in the JSON export') // => '<p class="note">Showing 500 of 1,000; the rest is in the JSON export.</p>'
 */
export function shownNote(shown: number, total: number, where: string): string {
  return shown < total ? `<p class="note">Showing ${formatNumber(shown, 0)} of ${formatNumber(total, 0)}; ${escapeHtml(where)}.</p>` : '';
}
