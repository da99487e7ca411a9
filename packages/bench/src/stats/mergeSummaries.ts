import { HostplanError } from '@hostplan/core';
import { EMPTY_MOMENTS, mergeMoments, momentsStandardDeviation, type MomentsSummary } from './moments.js';
import { QuantileSketch } from './sketch.js';
import type { PercentileMap, SeriesStats } from './types.js';

/** A summary merged over several series (a fleet, a cluster, several files of one host). */
export interface MergedSummary {
  readonly series: number;
  readonly count: number;
  readonly missing: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  /** Population standard deviation of all values together. */
  readonly stddev: number | null;
  readonly sum: number | null;
  /** Exact: merged with Chan et al.'s formula (equal to the batch figures up to rounding). */
  readonly moments: MomentsSummary;
  /** From the merged sketch: within its relative accuracy of the exact figure (see QuantileSketch). */
  readonly percentiles: PercentileMap;
  readonly relativeAccuracy: number;
  readonly exact: false;
}

/**
 * Merges the statistics of several series into one summary: count, sum, min, max, mean and
 * variance exactly (Chan et al.), percentiles through the merged DDSketch (each series must
 * have been computed with `sketch` set, all at the same accuracy). The result does not depend
 * on the order of `stats`, except for floating-point rounding of mean and variance. O(series x buckets).
 *
 * @example
 * const fleet = mergeSeriesSummaries(result.series.filter((s) => s.counter === '% Total Run Time'), [95]);
 * fleet.percentiles['95'] // => within 1 % of the p95 of all samples together
 */
export function mergeSeriesSummaries(stats: readonly SeriesStats[], percentiles: readonly number[] = [50, 90, 95, 99]): MergedSummary {
  let m: MomentsSummary = EMPTY_MOMENTS;
  let sketch: QuantileSketch | null = null;
  let missing = 0;
  stats.forEach((s, i) => {
    if (!s.sketch) throw new HostplanError('invalid-value', `stats[${i}].sketch`, 'expected series statistics computed with the `sketch` option', 'a sketch', undefined);
    m = mergeMoments(m, s.moments);
    missing += s.missing;
    const next = QuantileSketch.fromJSON(s.sketch);
    sketch = sketch ? sketch.merge(next) : next;
  });
  const none = m.count === 0;
  const out: Record<string, number | null> = {};
  for (const p of percentiles) out[String(p)] = none || !sketch ? null : (sketch as QuantileSketch).quantile(p / 100);
  return {
    series: stats.length, count: m.count, missing,
    min: none ? null : m.min, max: none ? null : m.max, mean: none ? null : m.mean,
    stddev: momentsStandardDeviation(m), sum: none ? null : m.sum, moments: m,
    percentiles: out, relativeAccuracy: (sketch as QuantileSketch | null)?.relativeAccuracy ?? 0.01, exact: false,
  };
}
