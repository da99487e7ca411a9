import { escapeHtml } from '../html/escape.js';

/**
 * A coordinate rounded to one decimal: keeps the markup small and golden files stable.
 *
 * @example
 * px(12.345) // => 12.3
 */
export function px(value: number): number {
  if (!Number.isFinite(value)) return 0;
  const r = Math.round(value * 10) / 10;
  return Object.is(r, -0) ? 0 : r;
}

/**
 * A length for `width`, `height` or `r`: rounded like {@link px}, never negative (a negative or
 * NaN length is an error the browser logs).
 *
 * @example
 * len(-3) // => 0
 */
export function len(value: number): number {
  return Math.max(0, px(value));
}

/**
 * `value` when it is a finite number, else `fallback`: input values are loose, charts are not.
 *
 * @example
 * finiteOr(Infinity, 0) // => 0
 */
export function finiteOr(value: number | null | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/**
 * A domain a scale can tick: finite ends, and at least 1e-9 wide (a denormal or empty domain
 * would make d3 ask for an impossible number of ticks).
 *
 * @example
 * spanDomain(5, 5) // => [5, 6]
 */
export function spanDomain(lo: number, hi: number): [number, number] {
  const a = finiteOr(lo, 0);
  const b = finiteOr(hi, a + 1);
  return b - a > 1e-9 ? [a, b] : [a, a + 1];
}

/** Margins around a chart's plotting area, in pixels. */
export interface Margin {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/**
 * The outer `<svg>` of a chart, with a title and description for screen readers. `kind` becomes
 * a `data-chart` attribute that tests and the browser check look for.
 *
 * @example
 * svgChart({ kind: 'histogram', width: 300, height: 200, title: 'Memory' }, '<g></g>')
 * // => '<svg class="chart" data-chart="histogram" ...><title>Memory</title>...</svg>'
 */
export function svgChart(options: { kind: string; width: number; height: number; title: string; description?: string }, body: string): string {
  const { kind, width, height, title, description } = options;
  return `<svg class="chart" data-chart="${escapeHtml(kind)}" xmlns="http://www.w3.org/2000/svg" width="${px(width)}" height="${px(height)}" viewBox="0 0 ${px(width)} ${px(height)}" role="img" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title>${description ? `<desc>${escapeHtml(description)}</desc>` : ''}${body}</svg>`;
}

/**
 * An SVG `<text>` element with escaped content.
 *
 * @example
 * svgText(1, 2, 'a<b') // => '<text x="1" y="2">a&lt;b</text>'
 */
export function svgText(x: number, y: number, text: string, attributes = ''): string {
  return `<text x="${px(x)}" y="${px(y)}"${attributes ? ' ' + attributes : ''}>${escapeHtml(text)}</text>`;
}

/** Hands out ids unique within one report (clip paths, gradients); tests renumber them. */
export interface IdSource {
  /**
   * The next id for `prefix`, never returned before by this source.
   *
   * @example
   * const ids = createIdSource(); ids.next('clip'); ids.next('grad') // => 'grad-2'
   */
  next(prefix: string): string;
}

/**
 * A fresh id source; ids read `prefix-1`, `prefix-2`, ...
 *
 * @example
 * const ids = createIdSource(); ids.next('clip') // => 'clip-1'
 */
export function createIdSource(): IdSource {
  let n = 0;
  return { next: (prefix) => `${prefix}-${++n}` };
}
