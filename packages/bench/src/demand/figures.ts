import type { SeriesStats } from '../stats/types.js';
import { confidenceOf, expectedSamples, type Confidence } from './confidence.js';

/** The measured figures of one derived series. */
export interface MeasuredFigures {
  /** The series' path in the statistics (`HOST/entity/resource`). */
  readonly path: string;
  /** At the chosen percentile (of the roll-up when `useRollup`). */
  readonly atPercentile: number | null;
  readonly sustainedPeak: number | null;
  readonly mean: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly count: number;
  readonly exact: boolean;
}

/**
 * The figures of a series at a percentile, from its statistics. O(1).
 *
 * @example
 * figuresOf(stats, 95, false).atPercentile // => stats.percentiles['95']
 */
export function figuresOf(s: SeriesStats, percentile: number, useRollup: boolean): MeasuredFigures {
  const key = String(percentile);
  const atPercentile = useRollup && s.rollup ? s.rollup.percentiles[key] ?? null : s.percentiles[key] ?? null;
  return { path: s.path, atPercentile, sustainedPeak: s.sustainedPeak, mean: s.mean, min: s.min, max: s.max, count: s.count, exact: s.exact };
}

/**
 * Confidence of a series over a capture span: samples present against those expected at the
 * series' own interval from `startMs` to `endMs`. O(1).
 *
 * @example
 * // an hour of 15 s samples expected (241); 120 present
 * seriesConfidence({ count: 120, intervalMs: 15_000, ... }, 0, 3_600_000).stars // => 3 (49.8 %)
 */
export function seriesConfidence(s: Pick<SeriesStats, 'count' | 'intervalMs'>, startMs: number | null, endMs: number | null): Confidence {
  if (s.intervalMs === null || startMs === null || endMs === null) return confidenceOf(s.count, s.count > 0 ? s.count : 1);
  return confidenceOf(s.count, expectedSamples(startMs, endMs, s.intervalMs));
}
