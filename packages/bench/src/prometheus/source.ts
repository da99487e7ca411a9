import type { CounterMap } from '../demand/counterMap.js';
import type { SampleSource } from '../stats/types.js';
import { expandPromRate, promCounterMap, type PromQuerySpec } from './presets.js';
import { PROM_MAX_POINTS_PER_SERIES, streamPromRange } from './rangeQuery.js';
import { checkPromRequestCount, promRequestBudget } from './requestBudget.js';
import { alignPromWindow } from './time.js';
import type { PrometheusEndpoint, PromWindow } from './types.js';

/** Options of {@link prometheusSource}: where to query, what, and over which window. */
export interface PrometheusSourceOptions {
  /** The Prometheus-compatible server to query. */
  readonly endpoint: PrometheusEndpoint;
  /** The queries to stream, e.g. a preset from {@link PROM_PRESETS}; their series are numbered in this order. */
  readonly queries: readonly PromQuerySpec[];
  /** Start, end and step of the range queries, in ms (aligned to whole steps). */
  readonly window: PromWindow;
  /** Window of `rate()` that replaces `$rate` in the queries (a PromQL duration). @defaultValue '5m' */
  readonly rateWindow?: string;
  /** Points per series per request (see `streamPromRange`). @defaultValue 11000 */
  readonly maxPointsPerChunk?: number;
  /** Samples one response may carry (see `streamPromRange`). @defaultValue 500000 */
  readonly maxSamplesPerRequest?: number;
  /**
   * Requests the source may send, every query and pass together: a window that needs more is
   * refused before the first request (`too-many-requests`). @defaultValue 10000 ({@link PROM_MAX_REQUESTS})
   */
  readonly maxRequests?: number;
}

/** A replayable sample source over Prometheus queries, the counter map for its series, and what it has cost so far. */
export interface PrometheusSource {
  readonly source: SampleSource;
  readonly counterMap: CounterMap;
  readonly window: PromWindow;
  readonly cost: { requests: number; bytes: number; passes: number };
}

/**
 * Raw mode as a {@link SampleSource}: every query's series streamed into one sink (indices
 * continue from query to query), so that `seriesStatistics` and `measureDemand` run on a
 * Prometheus endpoint exactly as on perf logs (sustained peaks, alerts, per-VM demand, peak
 * coincidence). Pass `counterMap` as `measureDemand`'s `map` so queries with a `demand`
 * (all preset queries that have one) feed the demand series. A replay (only without a spill
 * file: `spillDirectory: false`) re-runs the queries.
 *
 * @example
 * const p = prometheusSource({ endpoint, queries: PROM_PRESETS.libvirt, window });
 * const r = await measureDemand(p.source, { map: p.counterMap, clockGHz: 2.6 });
 */
export function prometheusSource(options: PrometheusSourceOptions): PrometheusSource {
  const window = alignPromWindow(options.window);
  const rateWindow = options.rateWindow ?? '5m';
  const cost = { requests: 0, bytes: 0, passes: 0 };
  const maxPointsPerChunk = options.maxPointsPerChunk ?? PROM_MAX_POINTS_PER_SERIES;
  const requestBudget = promRequestBudget(options.maxRequests);
  checkPromRequestCount(window, options.queries.length, maxPointsPerChunk, requestBudget);
  const source: SampleSource = async (sink) => {
    cost.passes++;
    checkPromRequestCount(window, options.queries.length, maxPointsPerChunk, requestBudget);
    let firstIndex = 0;
    for (const q of options.queries) {
      const r = await streamPromRange(options.endpoint, expandPromRate(q.expr, rateWindow), window, sink, {
        name: q.name,
        object: q.resource ?? 'other',
        firstIndex,
        maxPointsPerChunk,
        requestBudget,
        ...(options.maxSamplesPerRequest !== undefined && { maxSamplesPerRequest: options.maxSamplesPerRequest }),
      });
      firstIndex += r.series;
      cost.requests += r.requests;
      cost.bytes += r.bytes;
    }
  };
  return { source, counterMap: promCounterMap(options.queries), window, cost };
}
