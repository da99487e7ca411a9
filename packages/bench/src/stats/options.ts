import { tmpdir } from 'node:os';
import { HostplanError } from '@hostplan/core/internal';
import type { Assumption } from '@hostplan/core';
import type { SeriesKey } from '../series/types.js';
import { DEFAULT_THRESHOLDS, type ThresholdRule } from './thresholds.js';
import type { StatsOptions } from './types.js';

/** {@link StatsOptions} with every default applied. */
export interface ResolvedStatsOptions {
  /** Percentiles (0..100) to report: 50, 90, 95, 99 and the requested ones, sorted, without duplicates. */
  readonly percentiles: readonly number[];
  /** Sustained-peak window, ms ({@link StatsOptions.windowMs}). */
  readonly windowMs: number;
  /** Longest step between samples that keeps a run unbroken, ms ({@link StatsOptions.maxGapMs}). */
  readonly maxGapMs: number;
  /** Threshold rules checked on every series ({@link StatsOptions.thresholds}). */
  readonly thresholds: readonly ThresholdRule[];
  /** Alerts kept per rule and series, a whole number >= 0 ({@link StatsOptions.maxAlertsPerRule}). */
  readonly maxAlertsPerRule: number;
  /** Peak-per-window roll-up length in ms, or null for none ({@link StatsOptions.rollupMs}). */
  readonly rollupMs: number | null;
  /** Bytes of sample values kept for exact in-memory percentiles ({@link StatsOptions.memoryBudgetBytes}). */
  readonly memoryBudgetBytes: number;
  /** Directory of the spill file, or false for none ({@link StatsOptions.spillDirectory}). */
  readonly spillDirectory: string | false;
  /** Whether the source can be replayed for the exact two-pass path ({@link StatsOptions.replay}). */
  readonly replay: boolean;
  /** Relative accuracy of the per-series sketch, or false for none ({@link StatsOptions.sketch}). */
  readonly sketch: false | number;
  /** Aligned-bucket length in ms for the series `align` selects ({@link StatsOptions.alignMs}). */
  readonly alignMs: number;
  /**
   * Selects the series that keep a mean per aligned bucket; null when no series does
   * ({@link StatsOptions.align}).
   */
  readonly align: ((key: SeriesKey) => boolean) | null;
  /** Whether every series keeps its peak per UTC day ({@link StatsOptions.dailyPeaks}). */
  readonly dailyPeaks: boolean;
  /**
   * Maps a (possibly localised) series key to English names before thresholds are matched;
   * the identity unless {@link StatsOptions.canonicalKey} is given.
   */
  readonly canonicalKey: (key: SeriesKey) => SeriesKey;
  /** Statistics threads, a whole number >= 1 ({@link StatsOptions.threads}). */
  readonly threads: number;
  /** The calling thread's share of the statistics work in a parallel run, 0..1 ({@link StatsOptions.callingThreadShare}). */
  readonly callingThreadShare: number;
}

const STANDARD = [50, 90, 95, 99];

function positive(value: number, path: string): number {
  if (!(typeof value === 'number' && value > 0 && Number.isFinite(value))) throw new HostplanError('invalid-value', path, `expected a positive number, got ${String(value)}`, 'a positive number', value);
  return value;
}

function spillDirectoryOption(value: string | false): string | false {
  if (value === false || (typeof value === 'string' && value !== '')) return value;
  throw new HostplanError('invalid-value', 'stats.spillDirectory', `expected a directory or false, got ${JSON.stringify(value)}`, 'a directory or false', value);
}

/**
 * Applies the defaults of {@link StatsOptions} and validates them; throws
 * {@link HostplanError} `invalid-value` with the option's path.
 *
 * @example
 * resolveStatsOptions({ percentiles: [97.5] }).percentiles // => [50, 90, 95, 97.5, 99]
 */
export function resolveStatsOptions(options: StatsOptions = {}): ResolvedStatsOptions {
  const {
    percentiles = [], windowMs = 300_000, maxGapMs = windowMs * 1.5, thresholds = DEFAULT_THRESHOLDS, maxAlertsPerRule = 100,
    rollupMs = null, memoryBudgetBytes = 48 * 1024 * 1024, spillDirectory = tmpdir(), replay = true, sketch = false, alignMs = 300_000,
    align, dailyPeaks = true, canonicalKey = (k: SeriesKey) => k, threads = 1, callingThreadShare = 0,
  } = options;
  if (!(Number.isInteger(threads) && threads >= 1)) throw new HostplanError('invalid-value', 'stats.threads', `expected a whole number of threads >= 1, got ${String(threads)}`, 'a whole number >= 1', threads);
  if (!(typeof callingThreadShare === 'number' && callingThreadShare >= 0 && callingThreadShare <= 1)) throw new HostplanError('invalid-value', 'stats.callingThreadShare', `expected a share in 0..1, got ${String(callingThreadShare)}`, '0..1', callingThreadShare);
  percentiles.forEach((p, i) => {
    if (!(typeof p === 'number' && p >= 0 && p <= 100)) throw new HostplanError('invalid-value', `stats.percentiles[${i}]`, `expected a percentile in 0..100, got ${String(p)}`, '0..100', p);
  });
  if (sketch !== false && !(sketch > 0 && sketch < 1)) throw new HostplanError('invalid-value', 'stats.sketch', `expected false or a relative accuracy in (0, 1), got ${String(sketch)}`, 'false or (0, 1)', sketch);
  return {
    percentiles: [...new Set([...STANDARD, ...percentiles])].sort((a, b) => a - b),
    windowMs: positive(windowMs, 'stats.windowMs'),
    maxGapMs: positive(maxGapMs, 'stats.maxGapMs'),
    thresholds,
    maxAlertsPerRule: Math.max(0, Math.floor(maxAlertsPerRule)),
    rollupMs: rollupMs === null ? null : positive(rollupMs, 'stats.rollupMs'),
    memoryBudgetBytes: positive(memoryBudgetBytes, 'stats.memoryBudgetBytes'),
    spillDirectory: spillDirectoryOption(spillDirectory),
    replay,
    sketch,
    alignMs: positive(alignMs, 'stats.alignMs'),
    align: align ?? null,
    dailyPeaks,
    canonicalKey,
    threads,
    callingThreadShare,
  };
}

/**
 * The statistics defaults and inputs that shaped a result, for the output's `assumptions`.
 *
 * @example
 * statsAssumptions({}).find((a) => a.name === 'stats.windowMs')
 * // => { name: 'stats.windowMs', value: 300000, unit: 'ms', source: 'hostplan: ...', isDefault: true }
 */
export function statsAssumptions(options: StatsOptions = {}): Assumption[] {
  const r = resolveStatsOptions(options);
  const a = (name: keyof StatsOptions, value: unknown, source: string, unit?: string): Assumption => ({
    name: `stats.${name}`, value, ...(unit && { unit }), source: options[name] === undefined ? source : 'input', isDefault: options[name] === undefined,
  });
  return [
    a('percentiles', r.percentiles, 'domain.md 6: type 7 (linear interpolation between closest ranks, R/numpy default)', 'percent'),
    a('windowMs', r.windowMs, 'hostplan: sustained peak over 5 minutes, as Microsoft field guidance sustains host CPU', 'ms'),
    a('maxGapMs', r.maxGapMs, 'hostplan: a longer step between samples breaks a run (1.5 x the window, so that jitter on samples one window apart does not)', 'ms'),
    a('thresholds', r.thresholds.map((t) => `${t.id}: ${t.object}\\${t.counter} ${t.op} ${t.value} for ${t.sustainMs / 1000} s`), 'domain.md 7: PAL Hyper-V thresholds and Microsoft field guidance'),
    a('rollupMs', r.rollupMs, 'Azure Migrate: peak per 10-minute window, then the percentile (off unless asked)', 'ms'),
    a('memoryBudgetBytes', r.memoryBudgetBytes, 'hostplan: values kept in memory for exact percentiles; beyond it, they go to the spill file', 'bytes'),
    a('spillDirectory', r.spillDirectory, 'hostplan: the system temporary directory holds values beyond the memory budget (8 bytes each, removed when done); false: replay the source instead'),
    a('sketch', r.sketch, 'DDSketch relative accuracy for fleet-wide merges (off unless asked)'),
    a('threads', r.threads, 'hostplan: statistics on the calling thread (the library default; hostplan bench and plan --perf use os.availableParallelism() threads in all, at most 4)'),
  ];
}
