import { HostplanError, type Assumption } from '@hostplan/core';
import type { ReadIssue, SeriesKey } from '../series/types.js';
import { seriesStatistics } from '../stats/seriesStatistics.js';
import type { StatsOptions } from '../stats/types.js';
import type { ThresholdAlert } from '../stats/thresholds.js';
import { promPushdownStatistics } from './pushdown.js';
import { expandPromRate, PROM_PRESETS, type PromPresetName, type PromQuerySpec } from './presets.js';
import { PROM_MAX_POINTS_PER_SERIES, streamPromRange } from './rangeQuery.js';
import { redactedUrl } from './redact.js';
import { checkPromRequestCount, promRequestBudget, spendPromRequest } from './requestBudget.js';
import { parseDurationMs } from '@hostplan/core';
import { alignPromWindow, parsePromTimeMs, promWindowPoints } from './time.js';
import type { PrometheusEndpoint, PromSeriesStatistics, PromWindow } from './types.js';

/** Options of {@link benchFromPrometheus}: the endpoint, the queries, the window and the mode. */
export interface PrometheusBenchOptions {
  /** The Prometheus-compatible server to query. */
  readonly endpoint: PrometheusEndpoint;
  /**
   * PromQL expressions (named `q1`, `q2`... unless given as specs, e.g. from a mapping file), run
   * after the preset's. @defaultValue `[]` (the preset's queries only; at least one query is needed)
   */
  readonly queries?: readonly (string | PromQuerySpec)[];
  /** A preset of queries per exporter ({@link PROM_PRESETS}). @defaultValue none (only `queries`) */
  readonly preset?: PromPresetName;
  /** Window start: RFC 3339, Unix seconds, `now-7d`, or epoch milliseconds as a number. */
  readonly from: string | number;
  /** Window end, as `from`. */
  readonly to: string | number;
  /** Evaluation step: `30s`, `1m`, seconds, or milliseconds as a number. */
  readonly step: string | number;
  /** Statistics computed by the engine (one small request per query) instead of fetching samples. @defaultValue false */
  readonly pushdown?: boolean;
  /** Push-down: ten concurrent requests per query (one per statistic) instead of one. @defaultValue false */
  readonly pushdownParallel?: boolean;
  /** Window of `rate()` in presets and mapping files (`$rate`). @defaultValue '5m' */
  readonly rateWindow?: string;
  /** Raw mode: points per series per request. @defaultValue 11000 */
  readonly maxPointsPerChunk?: number;
  /** Raw mode: samples one response may carry, bounding memory per request for a fleet. @defaultValue 500000 */
  readonly maxSamplesPerRequest?: number;
  /**
   * HTTP requests the run may send, every query together: a raw-mode window that needs more is
   * refused before the first request, and a run that reaches the cap stops with
   * `too-many-requests`. @defaultValue 10000 (`PROM_MAX_REQUESTS`)
   */
  readonly maxRequests?: number;
  /** What `now` means in relative times. @defaultValue Date.now() */
  readonly nowMs?: number;
  /** Raw mode: options of the statistics module (percentiles, sustained-peak window, memory budget...). @defaultValue `{}` (every {@link StatsOptions} default) */
  readonly stats?: StatsOptions;
}

/** One series in the output: its key (with `labels`) and the same statistics fields as file series. */
export type PrometheusSeriesOutput = Omit<SeriesKey, 'labels'> & PromSeriesStatistics & {
  readonly labels: Readonly<Record<string, string>>;
  /** Highest mean over the statistics module's rolling window (raw mode); null in push-down mode. */
  readonly sustainedPeak: number | null;
  readonly resource: string;
  readonly entity: 'host' | 'vm';
  readonly unit: string | null;
  /** Evaluation instants in the window: the most samples the series can have. */
  readonly expected: number;
};

/**
 * What {@link benchFromPrometheus} returns, the document `hostplan bench --prometheus` writes:
 * where the figures come from, per-series statistics, issues, alerts, assumptions and cost.
 */
export interface PrometheusBenchResult {
  /** The endpoint (without credentials), mode, window (`from`/`to` as RFC 3339) and resolved queries. */
  readonly source: {
    readonly kind: 'prometheus';
    /** The endpoint without credentials. */
    readonly url: string;
    readonly mode: 'raw' | 'pushdown';
    readonly from: string;
    readonly to: string;
    readonly stepSeconds: number;
    readonly queries: readonly { readonly name: string; readonly expr: string; readonly resource: string; readonly entity: string; readonly unit: string | null }[];
  };
  readonly series: readonly PrometheusSeriesOutput[];
  readonly issues: readonly ReadIssue[];
  /** Threshold alerts of the statistics module (raw mode only). */
  readonly alerts: readonly ThresholdAlert[];
  readonly assumptions: readonly Assumption[];
  /** What the run cost: requests sent, response bytes received (decoded), and wall time. */
  readonly cost: { readonly requests: number; readonly bytes: number; readonly milliseconds: number };
}

/**
 * The queries of a run: the preset's, then the given ones (bare expressions named `q1`, `q2`...);
 * names must be unique.
 *
 * @example
 * resolvePromQueries({ preset: 'libvirt', queries: ['up'] }).map((q) => q.name) // => ['vm-cpu', 'vm-memory', 'vm-iops', 'vm-network', 'q1']
 */
export function resolvePromQueries(o: Pick<PrometheusBenchOptions, 'preset' | 'queries'>): PromQuerySpec[] {
  const fromPreset = o.preset ? PROM_PRESETS[o.preset] : undefined;
  if (o.preset && !fromPreset) throw new HostplanError('invalid-value', 'preset', `expected one of ${Object.keys(PROM_PRESETS).join(', ')}, got ${JSON.stringify(o.preset)}`, Object.keys(PROM_PRESETS).join(', '), o.preset);
  const own = (o.queries ?? []).map((q, i) => (typeof q === 'string' ? { name: `q${i + 1}`, expr: q } : q));
  const all = [...(fromPreset ?? []), ...own];
  if (all.length === 0) throw new HostplanError('missing-field', 'queries', 'give at least one query, a preset or a mapping file', 'a query', undefined);
  const names = new Set<string>();
  for (const q of all) {
    if (names.has(q.name)) throw new HostplanError('duplicate-id', `queries.${q.name}`, `duplicate query name ${JSON.stringify(q.name)}`, 'a unique name', q.name);
    names.add(q.name);
  }
  return all;
}

const asMs = (v: string | number, path: string, kind: 'time' | 'duration', nowMs: number) =>
  typeof v === 'number' ? v : kind === 'time' ? parsePromTimeMs(v, path, nowMs) : parseDurationMs(v, path, 's');

/**
 * The window of a run as given (not yet aligned to steps): `from`, `to` and `step` read as
 * times and a duration (numbers are milliseconds).
 *
 * @example
 * resolvePromWindow({ from: '2025-06-01T00:00:00Z', to: '2025-06-01T01:00:00Z', step: '1m' })
 * // => { startMs: 1748736000000, endMs: 1748739600000, stepMs: 60000 }
 */
export function resolvePromWindow(o: Pick<PrometheusBenchOptions, 'from' | 'to' | 'step'>, nowMs = Date.now()): PromWindow {
  return { startMs: asMs(o.from, 'from', 'time', nowMs), endMs: asMs(o.to, 'to', 'time', nowMs), stepMs: asMs(o.step, 'step', 'duration', nowMs) };
}

/**
 * Statistics of every series of a Prometheus-compatible endpoint over a window, in the same
 * JSON shape as file series (each series with its `labels`). Raw mode streams `query_range`
 * in chunks into the statistics module, exactly as the file readers do (sustained peak and
 * alerts included); push-down mode asks the engine
 * for the statistics (see `promPushdownStatistics`). The window is aligned to whole steps, and
 * that alignment, the rate window and the standard deviation's divisor are listed in
 * `assumptions`.
 *
 * @example
 * const r = await benchFromPrometheus({ endpoint: { url: 'http://127.0.0.1:9090' }, preset: 'node', from: 'now-7d', to: 'now', step: '1m', pushdown: true });
 * r.series[0].p95 // => 37.5
 */
export async function benchFromPrometheus(options: PrometheusBenchOptions): Promise<PrometheusBenchResult> {
  const started = performance.now();
  const nowMs = options.nowMs ?? Date.now();
  const rateWindow = options.rateWindow ?? '5m';
  parseDurationMs(rateWindow, 'rateWindow', 'm');
  const queries = resolvePromQueries(options);
  const requested = resolvePromWindow(options, nowMs);
  const w = alignPromWindow(requested);
  const run: QueryRun = { w, requestBudget: promRequestBudget(options.maxRequests), maxPointsPerChunk: options.maxPointsPerChunk ?? PROM_MAX_POINTS_PER_SERIES, requests: 0, bytes: 0, issues: [], alerts: [], statsAssumptions: [] };
  if (!options.pushdown) checkPromRequestCount(w, queries.length, run.maxPointsPerChunk, run.requestBudget);
  const expected = promWindowPoints(w);
  const series: PrometheusSeriesOutput[] = [];
  for (const q of queries) {
    const expr = expandPromRate(q.expr, rateWindow);
    const object = q.resource ?? 'other';
    const extra = { resource: object, entity: q.entity ?? 'host', unit: q.unit ?? null, expected } as const;
    const found = options.pushdown ? await pushdownQuery(options, q.name, expr, object, run) : await rawQuery(options, q.name, expr, object, run);
    if (found.length === 0) {
      run.issues.push({ file: redactedUrl(options.endpoint.url), line: 0, column: 0, code: 'no-series', message: `${q.name}: the query returned no series in the window`, severity: 'warning' });
    }
    for (const { key, stats, sustainedPeak } of found) series.push({ ...key, labels: key.labels ?? {}, ...stats, sustainedPeak, ...extra });
  }
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    source: {
      kind: 'prometheus',
      url: redactedUrl(options.endpoint.url),
      mode: options.pushdown ? 'pushdown' : 'raw',
      from: iso(w.startMs),
      to: iso(w.endMs),
      stepSeconds: w.stepMs / 1000,
      queries: queries.map((q) => ({ name: q.name, expr: expandPromRate(q.expr, rateWindow), resource: q.resource ?? 'other', entity: q.entity ?? 'host', unit: q.unit ?? null })),
    },
    series,
    issues: run.issues,
    alerts: run.alerts,
    assumptions: benchAssumptions(options, requested, w, rateWindow, run.statsAssumptions),
    cost: { requests: run.requests, bytes: run.bytes, milliseconds: Math.round(performance.now() - started) },
  };
}

/** What the queries of one run share and add to: the window, the request budget, the cost and what was found besides series. */
interface QueryRun {
  readonly w: PromWindow;
  readonly requestBudget: ReturnType<typeof promRequestBudget>;
  readonly maxPointsPerChunk: number;
  requests: number;
  bytes: number;
  readonly issues: ReadIssue[];
  readonly alerts: ThresholdAlert[];
  statsAssumptions: readonly Assumption[];
}

/** A series a query found, with its statistics. */
type FoundSeries = { key: SeriesKey; stats: PromSeriesStatistics; sustainedPeak: number | null };

/** Push-down mode: the engine computes the statistics (no sustained peak). */
async function pushdownQuery(options: PrometheusBenchOptions, name: string, expr: string, object: string, run: QueryRun): Promise<FoundSeries[]> {
  for (let i = options.pushdownParallel ? 10 : 1; i > 0; i--) spendPromRequest(run.requestBudget, name);
  const r = await promPushdownStatistics(options.endpoint, expr, run.w, { name, object, ...(options.pushdownParallel && { parallel: true }) });
  run.requests += r.requests;
  run.bytes += r.bytes;
  run.issues.push(...r.issues);
  return r.series.map((s) => ({ ...s, sustainedPeak: null }));
}

/**
 * Raw mode: the same statistics module as the file readers; values beyond the memory budget go
 * to the spill file (without one, a replay for exact percentiles queries the range again).
 */
async function rawQuery(options: PrometheusBenchOptions, name: string, expr: string, object: string, run: QueryRun): Promise<FoundSeries[]> {
  const stats = await seriesStatistics(async (sink) => {
    const r = await streamPromRange(options.endpoint, expr, run.w, sink, {
      name,
      object,
      maxPointsPerChunk: run.maxPointsPerChunk,
      requestBudget: run.requestBudget,
      ...(options.maxSamplesPerRequest !== undefined && { maxSamplesPerRequest: options.maxSamplesPerRequest }),
    });
    run.requests += r.requests;
    run.bytes += r.bytes;
  }, options.stats);
  run.issues.push(...stats.issues);
  run.alerts.push(...stats.alerts);
  run.statsAssumptions = stats.assumptions;
  return stats.series.map((s) => ({
    key: s.key,
    stats: { count: s.count, missing: s.missing, min: s.min, max: s.max, mean: s.mean, stddev: s.stddev, p50: s.p50, p90: s.p90, p95: s.p95, p99: s.p99 },
    sustainedPeak: s.sustainedPeak,
  }));
}

/** The window as aligned, the step, the rate window, the statistics' definitions (and raw mode's statistics assumptions). */
function benchAssumptions(options: PrometheusBenchOptions, requested: PromWindow, w: PromWindow, rateWindow: string, statsAssumptions: readonly Assumption[]): Assumption[] {
  const iso = (ms: number) => new Date(ms).toISOString();
  const aligned = requested.startMs !== w.startMs || requested.endMs !== w.endMs;
  return [
    { name: 'prometheus.window', value: `${iso(w.startMs)} .. ${iso(w.endMs)}`, source: aligned ? `aligned to whole steps from ${iso(requested.startMs)} .. ${iso(requested.endMs)}, so raw and push-down modes evaluate at the same instants` : 'input (already whole steps)', isDefault: false },
    { name: 'prometheus.step', value: w.stepMs / 1000, unit: 's', source: 'input; one value per series per step (the latest sample within the engine lookback, 5 minutes by default in Prometheus)', isDefault: false },
    { name: 'prometheus.rateWindow', value: rateWindow, source: 'range of rate() for counters in presets and mapping files ($rate); at least four scrape intervals', isDefault: options.rateWindow === undefined },
    { name: 'prometheus.stddev', value: 'population', source: 'divides by the count, as Prometheus stddev_over_time and the statistics module do', isDefault: true },
    { name: 'prometheus.percentiles', value: 'type 7', source: 'linear interpolation between closest ranks: Prometheus quantile_over_time (promql/quantile.go) and the statistics module agree', isDefault: true },
    ...(options.pushdown ? [{ name: 'prometheus.sustainedPeak', value: null, source: 'not computed in push-down mode (raw mode streams the samples through the statistics module)', isDefault: true }] : statsAssumptions),
  ];
}
