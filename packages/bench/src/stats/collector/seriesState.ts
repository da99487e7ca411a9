import type { SeriesKey } from '../../series/types.js';
import { MomentsAccumulator } from '../moments.js';
import type { ResolvedStatsOptions } from '../options.js';
import { BucketMeanTracker, type AlignedSeries } from '../buckets.js';
import { DailyPeakTracker, WindowPeakTracker } from '../rollup.js';
import type { QuantileSketch } from '../sketch.js';
import { SustainedPeakTracker } from '../sustainedPeak.js';
import type { RowWindows } from '../sustainedRows.js';
import { thresholdMatches, ThresholdTracker } from '../thresholds.js';
import type { SampleClock } from '../sampleClock.js';
import type { Declaration } from './declarations.js';
import type { Mirror } from './mirrors.js';
import { ThresholdFeed } from './thresholdFeed.js';

/** Block buffers of all series together, and the row matrix, stay near 2^14 samples (128-256 KiB: within the L2 cache while columns are read), 64 to 4,096 per series. */
const BLOCK_SAMPLES = 1 << 14;
const MAX_BLOCK = 4096;
const MIN_BLOCK = 64;
export const EMPTY = new Float64Array(0);

/** Samples per series in a block (or rows in the row matrix) when `series` series share the 2^14-sample budget. */
export function blockLength(series: number): number {
  return Math.max(MIN_BLOCK, Math.min(MAX_BLOCK, Math.floor(BLOCK_SAMPLES / Math.max(1, series))));
}

/** Per-series streaming state of the statistics collector. */
export class SeriesState {
  readonly moments = new MomentsAccumulator();
  missing = 0;
  /** The kept values, in chunks (never copied while growing): full chunks, then `values` filled to `fill`. */
  readonly chunks: Float64Array[] = [];
  values: Float64Array | null = null;
  fill = 0;
  /** Values kept in all chunks. */
  n = 0;
  sketch: QuantileSketch | null = null;
  /** Times of every sample; shared with the other series of the row matrix while they get the same rows. */
  clock: SampleClock;
  /** The block of samples not yet folded into the state: their times, values (NaN = missing) and count. */
  blockTimes: Float64Array = EMPTY;
  blockValues: Float64Array = EMPTY;
  blockCount = 0;
  readonly sustained: SustainedPeakTracker;
  /** A tracker per threshold rule matching this series, in the rules' order. */
  readonly thresholds: ThresholdTracker[];
  /** How the trackers are fed samples: one per operator and value, leading the others; nested ones in pairs. */
  private readonly feed: ThresholdFeed;
  readonly rollup: WindowPeakTracker | null;
  readonly daily: DailyPeakTracker | null;
  readonly buckets: BucketMeanTracker | null;
  /** The bucket means once taken ahead of the results (the stream ended: `takeBucketsEarly`), else null. */
  takenBuckets: AlignedSeries | null = null;
  /** While this series is declared, not sent (`SeriesSink.declares`): how its values follow from its source's. */
  declared: Declaration | null = null;
  /** While this series' values are another's, mapped (it keeps none of its own): how. */
  mirror: Mirror | null = null;
  /** The series mirroring this one now. */
  mirroredBy: SeriesState[] = [];
  /**
   * The bucket trackers of the series mirroring this one that are aligned when this one is not:
   * this series folds its own values into them (its units: they are mapped when read, or when
   * the mirror ends).
   */
  readonly mirrorBuckets: BucketMeanTracker[] = [];

  /** The aligned buckets' initial length, ms (bucket numbers given to {@link fold} are at it). */
  private readonly alignMs: number;

  constructor(readonly index: number, readonly key: SeriesKey, o: ResolvedStatsOptions, clock: SampleClock) {
    this.clock = clock;
    this.alignMs = o.alignMs;
    this.sustained = new SustainedPeakTracker(o.windowMs, o.maxGapMs);
    const english = o.canonicalKey(key);
    this.thresholds = o.thresholds.filter((r) => thresholdMatches(r, english)).map((r) => new ThresholdTracker(r, index, key.path, o.maxGapMs, o.maxAlertsPerRule));
    this.feed = new ThresholdFeed(this.thresholds);
    this.rollup = o.rollupMs === null ? null : new WindowPeakTracker(o.rollupMs);
    this.daily = o.dailyPeaks ? new DailyPeakTracker() : null;
    this.buckets = o.align && o.align(key) ? new BucketMeanTracker(o.alignMs) : null;
  }

  /**
   * Folds the present samples `times[0..k)`, `values[0..k)` (and `missing` missing ones) into
   * every tracker but the kept values; `bucketNumbers`, when given, holds Math.floor(times[j] /
   * alignMs) for each (a row matrix's, computed once for all series); `rows`, when given, the
   * sustained peak's windows of the row matrix's block they come from.
   */
  fold(times: Float64Array, values: Float64Array, k: number, missing: number, bucketNumbers: Float64Array | null = null, rows: RowWindows | null = null): void {
    this.missing += missing;
    if (k === 0) return;
    this.moments.addAll(values, 0, k);
    if (rows === null || !this.sustained.addRows(rows, times, values, k)) this.sustained.addAll(times, values, k);
    this.feed.addAll(times, values, k);
    this.rollup?.addAll(times, values, k);
    this.daily?.addAll(times, values, k);
    if (bucketNumbers === null) {
      this.buckets?.addAll(times, values, k);
      for (const b of this.mirrorBuckets) b.addAll(times, values, k);
    } else {
      this.buckets?.addAllNumbered(times, bucketNumbers, this.alignMs, values, k);
      for (const b of this.mirrorBuckets) b.addAllNumbered(times, bucketNumbers, this.alignMs, values, k);
    }
  }

  /**
   * Folds a block while this series mirrors another ({@link Mirror}): its missing samples, and
   * its threshold runs from its present values `times[0..k)`, `values[0..k)` (read only when it
   * has thresholds). Moments, sustained peak, roll-up, daily peaks and buckets are left alone:
   * they are the source's, mapped ({@link deriveFrom}).
   */
  foldMirrored(times: Float64Array, values: Float64Array, k: number, missing: number): void {
    this.missing += missing;
    if (k === 0) return;
    this.feed.addAll(times, values, k);
  }

  /**
   * Sets moments, sustained peak, roll-up, daily peaks and buckets to `source`'s, mapped by
   * v -> 0 + v x scale + offset: what folding the mapped values would have given, up to
   * floating-point rounding. For a series that mirrored `source` so far: before its results are
   * read, and when its mirror ends (it folds its own values from there on). Buckets are copied
   * only from an aligned source: an unaligned one folds into this series' own tracker
   * ({@link mirrorBuckets}).
   */
  deriveFrom(source: SeriesState, scale: number, offset: number): void {
    this.moments.assignMapped(source.moments, scale, offset);
    this.sustained.assignMapped(source.sustained, scale, offset);
    if (this.rollup) this.rollup.assignMapped(source.rollup!, scale, offset);
    if (this.daily) this.daily.assignMapped(source.daily!, scale, offset);
    if (this.buckets && source.buckets) this.buckets.assignMapped(source.buckets, scale, offset);
  }
}
