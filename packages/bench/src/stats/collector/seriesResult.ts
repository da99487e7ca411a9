import { momentsStandardDeviation } from '../moments.js';
import type { ResolvedStatsOptions } from '../options.js';
import { orderStatistics } from '../orderStatistics.js';
import { interpolate7, quantileRank, quantileSorted7 } from '@hostplan/core/internal';
import { QuantileSketch } from '../sketch.js';
import type { AlignedSeries } from '../buckets.js';
import type { PercentileMap, SeriesStats, StatsMethod } from '../types.js';
import type { SeriesState } from './seriesState.js';

/** The 0-based ranks type-7 interpolation needs for the reported percentiles of `count` values, ascending, without repeats. */
export function ranksOf(percentiles: readonly number[], count: number): number[] {
  const ranks = new Set<number>();
  for (const p of percentiles) {
    const r = quantileRank(count, p / 100);
    ranks.add(r.lower).add(r.upper);
  }
  return [...ranks].sort((a, b) => a - b);
}

/** Where a series' percentiles come from: every value still in memory, order statistics selected elsewhere (by `series:rank`), or the sketch. */
export type PercentileSource =
  | { readonly method: 'in-memory'; readonly kept: Float64Array }
  | { readonly method: 'spilled' | 'two-pass'; readonly exact: ReadonlyMap<string, number> }
  | { readonly method: 'sketch' };

/** The type-7 quantile function of a series from where its percentiles come from (a sketch asked for is built from kept values). */
function quantileOf(s: SeriesState, o: ResolvedStatsOptions, from: PercentileSource): (p: number) => number {
  const m = s.moments.summary();
  if (from.method === 'in-memory') {
    if (o.sketch !== false) {
      s.sketch = new QuantileSketch(o.sketch);
      for (const v of from.kept) s.sketch.add(v);
    }
    const ranks = ranksOf(o.percentiles, m.count);
    // the kept values' exact range (a signed zero as 0)
    const selected = orderStatistics(from.kept, ranks, { min: m.min === 0 ? 0 : m.min, max: m.max === 0 ? 0 : m.max });
    const at = new Map<number, number>();
    ranks.forEach((rank, i) => at.set(rank, selected[i]!));
    return (p) => {
      const r = quantileRank(m.count, p);
      return interpolate7(at.get(r.lower)!, at.get(r.upper)!, r.fraction, r.lower === r.upper);
    };
  }
  if (from.method === 'sketch') return (p) => s.sketch!.quantile(p);
  const exact = from.exact;
  return (p) => {
    const r = quantileRank(m.count, p);
    return interpolate7(exact.get(`${s.index}:${r.lower}`)!, exact.get(`${s.index}:${r.upper}`)!, r.fraction, r.lower === r.upper);
  };
}

/** The bucket means of a series (it has a tracker), taken: a mirror of a source with none holds the source's values, and maps the means. */
function bucketsOf(s: SeriesState): AlignedSeries {
  const taken = s.buckets!.take();
  const m = s.mirror;
  if (m === null || m.source.buckets !== null) return taken;
  const means = taken.means;
  for (let i = 0; i < means.length; i++) means[i] = 0 + means[i]! * m.scale + m.offset;
  return taken;
}

/**
 * Takes the bucket means of a series that has a tracker now (once the stream ended and the
 * mirrors are derived: they change no more), for {@link seriesResult} to report: a worker does
 * so while it shares out its selection, not after it.
 */
export function takeBucketsEarly(s: SeriesState): void {
  if (s.buckets && s.takenBuckets === null) s.takenBuckets = bucketsOf(s);
}

/**
 * The statistics of one series once every sample is folded (its threshold runs closed):
 * moments, percentiles, sustained peak, roll-up, time over thresholds, daily peaks, buckets.
 * Releases the series' kept values.
 */
export function seriesResult(s: SeriesState, o: ResolvedStatsOptions, from: PercentileSource): SeriesStats {
  const m = s.moments.summary();
  const none = m.count === 0;
  const method: StatsMethod = from.method;
  const quantile = quantileOf(s, o, from);
  const percentiles: Record<string, number | null> = {};
  // + 0: -0 reported as 0 (a rank may hold either signed zero)
  for (const p of o.percentiles) percentiles[String(p)] = none ? null : quantile(p / 100) + 0;
  let rollup: SeriesStats['rollup'] = null;
  if (s.rollup) {
    const peaks = Float64Array.from(s.rollup.peaks()).sort();
    const rp: Record<string, number | null> = {};
    for (const p of o.percentiles) rp[String(p)] = peaks.length ? quantileSorted7(peaks, p / 100) : null;
    rollup = { windowMs: s.rollup.windowMs, windows: peaks.length, percentiles: rp };
  }
  const k = s.key;
  const stats: SeriesStats = {
    index: s.index, host: k.host, object: k.object, instance: k.instance, counter: k.counter, path: k.path, key: k,
    count: m.count, missing: s.missing,
    min: none ? null : m.min, max: none ? null : m.max, mean: none ? null : m.mean,
    stddev: momentsStandardDeviation(m), sum: none ? null : m.sum,
    p50: percentiles['50'] ?? null, p90: percentiles['90'] ?? null, p95: percentiles['95'] ?? null, p99: percentiles['99'] ?? null,
    percentiles: percentiles as PercentileMap,
    sustainedPeak: s.sustained.peak, sustainedPeakEndMs: s.sustained.peakEndMs, sustainedWindows: s.sustained.windows,
    firstMs: s.clock.first === Infinity ? null : s.clock.first, lastMs: s.clock.last === -Infinity ? null : s.clock.last, intervalMs: s.clock.intervalMs(),
    exact: method !== 'sketch', method, rollup,
    timeOver: s.thresholds.map((th) => ({ rule: th.rule.id, ms: th.totalMs, runs: th.runs, alerts: th.alertCount })),
    moments: m,
    ...(o.sketch !== false && s.sketch && { sketch: s.sketch.toJSON() }),
    ...(s.daily && { dailyPeaks: s.daily.peaks() }),
    ...(s.buckets && { buckets: s.takenBuckets ?? bucketsOf(s) }),
  };
  s.chunks.length = 0;
  s.values = null;
  s.takenBuckets = null;
  return stats;
}
