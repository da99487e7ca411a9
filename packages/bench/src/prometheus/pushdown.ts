import { describeReceivedValue as show } from '@hostplan/core';
import type { ReadIssue, SeriesKey } from '../series/types.js';
import { PrometheusError } from './errors.js';
import { promRequest } from './http.js';
import { promSecretsOf, redactedUrl, redactText } from './redact.js';
import { promLabelsFrom, promLabelsId, promLabelsText, promSeriesKey, promLabelsWithoutName } from './seriesKey.js';
import { alignPromWindow, promApiSeconds, promWindowPoints } from './time.js';
import type { PromSeries, PrometheusEndpoint, PromWindow, PromSeriesStatistics } from './types.js';
import { parsePromValue } from './values.js';

/** The label that tells the statistics of one series apart in the combined push-down query. */
export const PROM_STAT_LABEL = 'hostplan_stat';

/** Quantiles computed by the engine, as `pNN` fields. */
export const PROM_PUSHDOWN_QUANTILES = [
  ['p50', 0.5],
  ['p90', 0.9],
  ['p95', 0.95],
  ['p99', 0.99],
] as const;

/**
 * The one PromQL expression that asks the engine for every statistic of every series of
 * `expr` over the window, evaluated at the window's end: each statistic is a `*_over_time`
 * of the subquery `(expr)[range:step]`, labelled with `hostplan_stat`, joined with `or`.
 * Non-finite values are filtered out (`< +Inf > -Inf` drops NaN and both infinities) and
 * counted apart. The subquery's range is the window plus half a step, so that it takes the
 * window's first instant whether the engine's ranges are closed (Prometheus 2) or left-open
 * (Prometheus 3); its instants are whole steps, as `query_range`'s are in an aligned window.
 * `quantile_over_time` interpolates between closest ranks, `rank = q * (n - 1)`, as R type 7
 * does (Prometheus promql/quantile.go, function `quantile`); `stddev_over_time` divides by n.
 *
 * @example
 * promPushdownExpression('cpu', { startMs: 0, endMs: 3_600_000, stepMs: 60_000 })
 * // => 'label_replace(count_over_time((cpu)[3630000ms:60000ms]), "hostplan_stat", "all", "", "") or ...'
 */
export function promPushdownExpression(expr: string, window: PromWindow): string {
  return promPushdownParts(expr, window).join(' or ');
}

/**
 * The ten labelled statistics of {@link promPushdownExpression}, one expression each (for
 * sending them as concurrent requests).
 *
 * @example
 * promPushdownParts('up', { startMs: 0, endMs: 60_000, stepMs: 60_000 }).length // => 10
 */
export function promPushdownParts(expr: string, window: PromWindow): string[] {
  const w = alignPromWindow(window);
  const range = `[${w.endMs - w.startMs + Math.floor(w.stepMs / 2)}ms:${w.stepMs}ms]`;
  const all = `(${expr})${range}`;
  const finite = `((${expr}) < +Inf > -Inf)${range}`;
  const parts: [string, string][] = [
    ['all', `count_over_time(${all})`],
    ['count', `count_over_time(${finite})`],
    ['min', `min_over_time(${finite})`],
    ['max', `max_over_time(${finite})`],
    ['mean', `avg_over_time(${finite})`],
    ['stddev', `stddev_over_time(${finite})`],
    ...PROM_PUSHDOWN_QUANTILES.map(([f, q]) => [f, `quantile_over_time(${q}, ${finite})`] as [string, string]),
  ];
  return parts.map(([stat, e]) => `label_replace(${e}, "${PROM_STAT_LABEL}", "${stat}", "", "")`);
}

/** One series' statistics as the engine computed them. */
export interface PromPushdownSeries {
  readonly key: SeriesKey;
  readonly stats: PromSeriesStatistics;
}

/** What {@link promPushdownStatistics} returns: per-series statistics and what the queries cost. */
export interface PromPushdownResult {
  /** One entry per series of the expression, in the engine's answer order. */
  readonly series: readonly PromPushdownSeries[];
  /** The engine's warnings and one `non-finite-value` warning per series that had NaN or infinite values. */
  readonly issues: readonly ReadIssue[];
  /** HTTP requests sent: 1, or 10 with `parallel`. */
  readonly requests: number;
  /** Response bytes received (decoded), all requests together. */
  readonly bytes: number;
  /** The window as evaluated: start and end aligned to whole steps. */
  readonly window: PromWindow;
  /** Instants in the window, the most samples a series can have. */
  readonly expectedPoints: number;
}

/** Options of {@link promPushdownStatistics}: series naming and how the statistics are requested. */
export interface PromPushdownOptions {
  /** A name for the query, written into `counter` and `path`. @defaultValue the expression */
  readonly name?: string;
  /** What the series measure, written into `object`. @defaultValue 'prometheus' */
  readonly object?: string;
  /** Builds each series' key from its labels. @defaultValue {@link promSeriesKey} */
  readonly seriesKey?: (labels: Readonly<Record<string, string>>, object: string, counter: string) => SeriesKey;
  /**
   * Send the ten statistics as ten concurrent requests instead of one combined query, so that
   * the engine can evaluate them on several cores (or queriers). @defaultValue false
   */
  readonly parallel?: boolean;
}

const STATS: ReadonlySet<string> = new Set(['all', 'count', 'min', 'max', 'mean', 'stddev', ...PROM_PUSHDOWN_QUANTILES.map(([f]) => f)]);

const EMPTY = { count: 0, missing: 0, min: null, max: null, mean: null, stddev: null, p50: null, p90: null, p95: null, p99: null };

/**
 * Push-down mode: one instant query at the window's end returns, per series, count, missing,
 * min, max, mean, population standard deviation and p50/p90/p95/p99, computed by the engine
 * over the same instants as raw mode reads (see {@link promPushdownExpression}); a fleet costs
 * one small request per query instead of every sample.
 *
 * @example
 * const { series } = await promPushdownStatistics({ url: 'http://127.0.0.1:9090' }, 'up', window);
 * series[0].stats.p95 // => 1
 */
export async function promPushdownStatistics(endpoint: PrometheusEndpoint, expr: string, window: PromWindow, options: PromPushdownOptions = {}): Promise<PromPushdownResult> {
  const { name = expr, object = 'prometheus', seriesKey = promSeriesKey } = options;
  const w = alignPromWindow(window);
  const file = redactedUrl(endpoint.url);
  const secrets = promSecretsOf(endpoint);
  const redact = (text: string) => redactText(text, secrets);
  const malformed = (message: string) => new PrometheusError('malformed-response', file, redact(`${name}: ${message}`));
  const time = promApiSeconds(w.endMs);
  const queries = options.parallel ? promPushdownParts(expr, w) : [promPushdownExpression(expr, w)];
  const answers = await Promise.all(queries.map((query) => promRequest<{ resultType?: string; result?: PromSeries[] }>(endpoint, 'query', { query, time })));
  const issues: ReadIssue[] = [...new Set(answers.flatMap((a) => a.warnings))].map((message) => ({ file, line: 0, column: 0, code: 'prometheus-warning', message: `${name}: ${message}`, severity: 'warning' }));
  const results: PromSeries[] = [];
  for (const res of answers) {
    if (res.data.resultType !== 'vector' || !Array.isArray(res.data.result)) {
      throw malformed(`expected a vector result from the push-down query, got ${show(res.data.resultType)}`);
    }
    results.push(...res.data.result);
  }
  const bySeries = new Map<string, { labels: Record<string, string>; stats: Map<string, number> }>();
  for (const s of results) {
    if (!s || typeof s !== 'object') throw malformed(`a push-down result is ${show(s)}, expected a series`);
    const metric = promLabelsFrom(s.metric, redact);
    if (typeof metric === 'string') throw malformed(metric);
    const stat = metric[PROM_STAT_LABEL];
    if (!stat || !STATS.has(stat) || !Array.isArray(s.value)) throw malformed(`a push-down result without a known ${PROM_STAT_LABEL} or a value`);
    const { [PROM_STAT_LABEL]: _stat, ...labels } = metric;
    const id = promLabelsId(promLabelsWithoutName(labels));
    let entry = bySeries.get(id);
    if (!entry) bySeries.set(id, (entry = { labels, stats: new Map() }));
    entry.stats.set(stat, parsePromValue(s.value[1]));
  }
  const expectedPoints = promWindowPoints(w);
  const series: PromPushdownSeries[] = [];
  for (const { labels, stats } of bySeries.values()) {
    const all = stats.get('all');
    if (all === undefined) throw malformed(`${promLabelsText(name, labels)}: the push-down answer lacks the sample count (partial result)`);
    const count = stats.get('count') ?? 0;
    if (!Number.isFinite(all) || !Number.isFinite(count)) throw malformed(`${promLabelsText(name, labels)}: the sample count is not a number`);
    const num = (k: string) => {
      const v = stats.get(k);
      return count > 0 && v !== undefined && Number.isFinite(v) ? v : null;
    };
    const out: PromSeriesStatistics = {
      ...EMPTY,
      count,
      missing: all - count,
      min: num('min'),
      max: num('max'),
      mean: num('mean'),
      stddev: num('stddev'),
      p50: num('p50'),
      p90: num('p90'),
      p95: num('p95'),
      p99: num('p99'),
    };
    if (all > count) {
      issues.push({ file, line: 0, column: 0, code: 'non-finite-value', message: `${name} ${promLabelsText(name, labels)}: ${all - count} NaN or infinite value(s) treated as missing`, severity: 'warning' });
    }
    if (count > 0 && ['min', 'max', 'mean', 'stddev', 'p50', 'p90', 'p95', 'p99'].some((k) => out[k as keyof PromSeriesStatistics] === null)) {
      throw malformed(`${promLabelsText(name, labels)}: the push-down answer lacks some statistics (partial result)`);
    }
    series.push({ key: seriesKey(labels, object, name), stats: out });
  }
  return { series, issues, requests: answers.length, bytes: answers.reduce((n, a) => n + a.bytes, 0), window: w, expectedPoints };
}
