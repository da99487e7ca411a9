import { max, mean, min, quantileSorted, standardDeviation } from 'simple-statistics';
import type { ReadIssue, SeriesKey, SeriesSink } from '../series/types.js';
import type { PromSeriesStatistics } from './types.js';

/**
 * Exact statistics of a finite sample: count, min, max, mean, population standard deviation
 * and p50/p90/p95/p99 by linear interpolation between closest ranks (R type 7, simple-statistics
 * `quantileSorted`). `missing` is passed through. O(n log n).
 *
 * @example
 * promExactStatistics([1, 2, 3, 4], 0).p90 // => 3.7   (rank 0.9 x 3 = 2.7: 3 + 0.7 x (4 - 3))
 */
export function promExactStatistics(values: readonly number[], missing: number): PromSeriesStatistics {
  if (values.length === 0) return { count: 0, missing, min: null, max: null, mean: null, stddev: null, p50: null, p90: null, p95: null, p99: null };
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    missing,
    min: min(sorted),
    max: max(sorted),
    mean: mean(sorted),
    stddev: standardDeviation(sorted),
    p50: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
    p95: quantileSorted(sorted, 0.95),
    p99: quantileSorted(sorted, 0.99),
  };
}

/**
 * A {@link SeriesSink} that keeps each series' finite values and gives exact statistics at the
 * end. It holds every sample in memory; the bench statistics module's streaming accumulators
 * replace it where they are available.
 *
 * @example
 * const c = new PromStatisticsCollector(); c.series(0, key); c.sample(0, 0, 5); c.results()[0].stats.max // => 5
 */
export class PromStatisticsCollector implements SeriesSink {
  private readonly keys: SeriesKey[] = [];
  private readonly values: number[][] = [];
  private readonly missing: number[] = [];
  readonly issues: ReadIssue[] = [];

  series(index: number, key: SeriesKey): void {
    this.keys[index] = key;
    this.values[index] = [];
    this.missing[index] = 0;
  }

  sample(index: number, _timestampMs: number, value: number): void {
    if (Number.isFinite(value)) this.values[index]!.push(value);
    else this.missing[index]!++;
  }

  issue(issue: ReadIssue): void {
    this.issues.push(issue);
  }

  /** Every announced series with its statistics, in index order. */
  results(): { key: SeriesKey; stats: PromSeriesStatistics }[] {
    const out: { key: SeriesKey; stats: PromSeriesStatistics }[] = [];
    this.keys.forEach((key, i) => out.push({ key, stats: promExactStatistics(this.values[i]!, this.missing[i]!) }));
    return out;
  }
}
