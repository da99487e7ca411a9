import type { Assumption } from '@hostplan/core';
import type { ReadIssue, SeriesKey, SeriesSink } from '../series/types.js';
import type { MomentsSummary } from './moments.js';
import type { AlignedSeries } from './rollup.js';
import type { QuantileSketchJson } from './sketch.js';
import type { ThresholdAlert, ThresholdRule, TimeOver } from './thresholds.js';

/**
 * A replayable source of samples: each call streams the same series and samples into the sink
 * again (a reader re-reading the same file). It is called once, unless values beyond the
 * memory budget cannot go to a spill file (`spillDirectory: false`, or the file system
 * refused it): exact percentiles then need a second (and third) call. A source that cannot
 * replay should then be used with `replay: false`, and its percentiles come from the sketch
 * (`exact: false`).
 *
 * @example
 * const source: SampleSource = (sink) => readPerfFile('host.csv', sink);
 */
export type SampleSource = (sink: SeriesSink) => Promise<unknown> | unknown;

/**
 * How the percentiles of a series were computed:
 * - `in-memory`: every value kept in memory, the ranks selected, type 7. Exact.
 * - `spilled`: the values did not fit the memory budget; they went to a temporary file, read
 *   back one series at a time and selected as in memory. One pass over the source. Exact.
 * - `two-pass`: the values did not fit the memory budget and there was no spill file; pass 1
 *   streamed the summaries,
 *   later passes over the replayed source narrowed each needed rank to a value interval and
 *   selected exactly. Exact.
 * - `sketch`: over budget, no spill file and the source cannot replay: the DDSketch estimate,
 *   within its stated relative error. Not exact.
 */
export type StatsMethod = 'in-memory' | 'spilled' | 'two-pass' | 'sketch';

/** Options of {@link seriesStatistics}; defaults resolved in `resolveStatsOptions`. */
export interface StatsOptions {
  /** Percentiles in 0..100 reported per series (50, 90, 95 and 99 always are). @defaultValue [50, 90, 95, 99] */
  readonly percentiles?: readonly number[];
  /** Rolling window of the sustained peak. @defaultValue 300000 (5 minutes) */
  readonly windowMs?: number;
  /**
   * Longest step between present samples that does not break a run (sustained peak, thresholds).
   * @defaultValue 1.5 x windowMs (jitter on samples taken one window apart does not break runs)
   */
  readonly maxGapMs?: number;
  /** Threshold rules (English counter names). @defaultValue DEFAULT_THRESHOLDS */
  readonly thresholds?: readonly ThresholdRule[];
  /** Alerts kept per series and rule (all are counted). @defaultValue 100 */
  readonly maxAlertsPerRule?: number;
  /** Azure Migrate roll-up: peak per window of this length, then the percentiles. null: off. @defaultValue null */
  readonly rollupMs?: number | null;
  /** Bytes of sample values kept in memory for exact in-memory percentiles, all series together. @defaultValue 50331648 (48 MiB) */
  readonly memoryBudgetBytes?: number;
  /**
   * Directory of the temporary file that takes sample values beyond `memoryBudgetBytes` (8
   * bytes a value, about half the size of a perfmon CSV; removed when done), so that exact
   * percentiles read the source once. false: no file; values beyond the budget are dropped and
   * the percentiles need replays of the source (or the sketch, with `replay: false`). When the
   * directory cannot take the file, the same happens and a `spill-failed` warning says why.
   * Where the temporary directory is held in memory (tmpfs), name a directory on a disk.
   * @defaultValue os.tmpdir()
   */
  readonly spillDirectory?: string | false;
  /** The source can be replayed for the exact two-pass path (used only without a spill file). @defaultValue true */
  readonly replay?: boolean;
  /** Attach a mergeable sketch of this relative accuracy to every series (false: none). @defaultValue false */
  readonly sketch?: false | number;
  /** Aligned-bucket length for the series selected by `align` (peak coincidence). @defaultValue 300000 */
  readonly alignMs?: number;
  /** Which series keep a mean per aligned bucket. @defaultValue none */
  readonly align?: (key: SeriesKey) => boolean;
  /** Keep the peak of every UTC day per series (growth trends). @defaultValue true */
  readonly dailyPeaks?: boolean;
  /** Maps a (possibly localised) key to English names before thresholds are matched. @defaultValue identity */
  readonly canonicalKey?: (key: SeriesKey) => SeriesKey;
  /**
   * Threads for the statistics, the calling thread included: 1 computes everything on the
   * calling thread; N > 1 computes on N - 1 worker threads, each for its share of the series,
   * while the source streams (reads and parses) on the calling thread. The results are the
   * same whatever the number (only `method` may differ: each worker keeps its share of
   * `memoryBudgetBytes`, less 8 MiB of blocks shared with the calling thread, in memory).
   * `hostplan bench` and `plan --perf` pass their `--threads`.
   * @defaultValue 1
   */
  readonly threads?: number;
  /**
   * With `threads` > 1, the share (0..1) of the statistics work the calling thread computes
   * itself while the source streams, beside reading and parsing: its series (by an estimate of
   * each one's folding cost, decided from the announcements) are folded on the calling thread
   * from the rows as they come, the workers fold the rest. The results are the same whatever
   * the share (it moves work, not figures, so no assumption records it); it pays off when the
   * workers would otherwise be the slower side. `hostplan bench` and `plan --perf` pass
   * `CALLING_THREAD_SHARE` of their thread plan.
   * @defaultValue 0
   */
  readonly callingThreadShare?: number;
}

/** Percentile results keyed by the percentile as written (`"95"`, `"99.5"`). */
export type PercentileMap = Readonly<Record<string, number | null>>;

/** Statistics of one series. Every figure is null when the series has no present sample. */
export interface SeriesStats {
  readonly index: number;
  readonly host: string;
  readonly object: string;
  readonly instance: string | null;
  readonly counter: string;
  readonly path: string;
  readonly key: SeriesKey;
  /** Present (finite) samples. */
  readonly count: number;
  /** Missing samples (NaN or non-finite). */
  readonly missing: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  /** Population standard deviation (divide by n). */
  readonly stddev: number | null;
  readonly sum: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  /** Every requested percentile (type 7). */
  readonly percentiles: PercentileMap;
  /** Highest mean over a covered rolling window of `windowMs` (see SustainedPeakTracker). */
  readonly sustainedPeak: number | null;
  readonly sustainedPeakEndMs: number | null;
  readonly sustainedWindows: number;
  readonly firstMs: number | null;
  readonly lastMs: number | null;
  /**
   * The most frequent step between consecutive samples (present or missing), each step rounded
   * to 2 significant digits (perfmon timestamps jitter by a few ms: 15,008 ms counts as 15,000), or null.
   */
  readonly intervalMs: number | null;
  /** True for `in-memory`, `spilled` and `two-pass`. */
  readonly exact: boolean;
  readonly method: StatsMethod;
  /** Azure Migrate roll-up, when `rollupMs` is set. */
  readonly rollup: { readonly windowMs: number; readonly windows: number; readonly percentiles: PercentileMap } | null;
  readonly timeOver: readonly TimeOver[];
  /** For exact merging across files or hosts. */
  readonly moments: MomentsSummary;
  readonly sketch?: QuantileSketchJson;
  readonly dailyPeaks?: readonly { readonly dayMs: number; readonly peak: number }[];
  /** Means per aligned bucket, for the series selected by `align`. */
  readonly buckets?: AlignedSeries;
}

/** What {@link seriesStatistics} returns. */
export interface StatsResult {
  readonly series: readonly SeriesStats[];
  readonly alerts: readonly ThresholdAlert[];
  /** Issues the source reported on its first pass. */
  readonly issues: readonly ReadIssue[];
  /** Calls made to the source (1 when everything fit in memory). */
  readonly passes: number;
  readonly assumptions: readonly Assumption[];
}
