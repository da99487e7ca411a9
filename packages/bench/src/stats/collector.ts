import type { ReadIssue, SeriesKey, SeriesSink } from '../series/types.js';
import { MomentsAccumulator, momentsStandardDeviation } from './moments.js';
import type { ResolvedStatsOptions } from './options.js';
import { interpolate7, quantileRank, quantileSorted7 } from '@hostplan/core';
import { orderStatistics } from './orderStatistics.js';
import { BucketMeanTracker, DailyPeakTracker, WindowPeakTracker } from './rollup.js';
import { QuantileSketch } from './sketch.js';
import { SustainedPeakTracker } from './sustainedPeak.js';
import { thresholdMatches, ThresholdTracker, type ThresholdAlert } from './thresholds.js';
import { selectOrderStatistics, type OrderStatisticRequest } from './selectOrderStatistics.js';
import { SampleClock } from './sampleClock.js';
import { SpillFile } from './spillFile.js';
import type { PercentileMap, SeriesStats, StatsMethod } from './types.js';

/** Block buffers of all series together, and the row matrix, stay near 2^14 samples (128-256 KiB: within the L2 cache while columns are read), 64 to 4,096 per series. */
const BLOCK_SAMPLES = 1 << 14;
const MAX_BLOCK = 4096;
const MIN_BLOCK = 64;
const EMPTY = new Float64Array(0);
const MAX_CHUNK = 65_536;

/** Per-series streaming state. */
class SeriesState {
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
  /** The block of samples not yet folded into the state: times, values (NaN = missing), length. */
  bt: Float64Array = EMPTY;
  bv: Float64Array = EMPTY;
  bn = 0;
  readonly sustained: SustainedPeakTracker;
  readonly thresholds: ThresholdTracker[];
  readonly rollup: WindowPeakTracker | null;
  readonly daily: DailyPeakTracker | null;
  readonly buckets: BucketMeanTracker | null;

  constructor(readonly index: number, readonly key: SeriesKey, o: ResolvedStatsOptions, clock: SampleClock) {
    this.clock = clock;
    this.sustained = new SustainedPeakTracker(o.windowMs, o.maxGapMs);
    const english = o.canonicalKey(key);
    this.thresholds = o.thresholds.filter((r) => thresholdMatches(r, english)).map((r) => new ThresholdTracker(r, index, key.path, o.maxGapMs, o.maxAlertsPerRule));
    this.rollup = o.rollupMs === null ? null : new WindowPeakTracker(o.rollupMs);
    this.daily = o.dailyPeaks ? new DailyPeakTracker() : null;
    this.buckets = o.align && o.align(key) ? new BucketMeanTracker(o.alignMs) : null;
  }
}

/**
 * The streaming half of {@link seriesStatistics}: a {@link SeriesSink} that keeps, per series,
 * mergeable moments, the sustained-peak window, threshold runs, roll-up and daily peaks, and
 * the values themselves while they fit `memoryBudgetBytes` (chunks per series, grown by
 * doubling; capacity counts against the budget). When the budget would be exceeded, every
 * series' kept values go to a spill file in `spillDirectory` and keeping starts again,
 * so memory stays within the budget and the exact percentiles come from reading the file back
 * one series at a time ({@link selectSpilled}). Without a spill file (`spillDirectory: false`,
 * or the file system refused it) the values are dropped, into a sketch where one is needed,
 * and the exact percentiles need replays of the source ({@link pendingRanks}).
 * Memory: the budget plus O(series x (window + buckets)), independent of the sample count.
 *
 * @example
 * const c = new StatsCollector(resolveStatsOptions());
 * try {
 *   await source(c);
 *   const stats = c.finish(await c.selectSpilled()); // when c.pendingRanks() is empty
 * } finally {
 *   c.close();
 * }
 */
export class StatsCollector implements SeriesSink {
  private readonly states: SeriesState[] = [];
  private bytes = 0;
  /** Values dropped from memory without a spill file: exact percentiles need replays. */
  private dropped = false;
  /** Where values beyond the budget went, once they did. */
  private spillFile: SpillFile | null = null;
  /** The spill file could not be created or written: values are dropped instead. */
  private spillFailed = false;
  /**
   * Chunks written to the spill file, by capacity, for the next run to fill again: after the
   * first run no chunk is allocated (or zero-filled, or collected). They hold no more than the
   * budget, since each was counted against it before it was written.
   */
  private readonly pool = new Map<number, Float64Array[]>();
  readonly issues: ReadIssue[] = [];
  /** Scratch: the present samples of the block being folded. */
  private ft: Float64Array = EMPTY;
  private fv: Float64Array = EMPTY;
  /** Scratch: one series' kept values made contiguous for selection. */
  private scratch: Float64Array = EMPTY;
  /**
   * Rows not yet folded (the `row` fast path): their times, and their values row after row,
   * `width` series a row. The series that have received every row since their creation share
   * `rowClock`, advanced once per matrix instead of once per series.
   */
  private mt: Float64Array = EMPTY;
  private mv: Float64Array = EMPTY;
  private rows = 0;
  private width = 0;
  private rowClock = new SampleClock();
  /** Whether any sample or row has arrived: a series created later starts with its own clock. */
  private started = false;

  constructor(private readonly o: ResolvedStatsOptions) {}

  series(index: number, key: SeriesKey): void {
    if (this.states[index] !== undefined) return;
    if (this.rows > 0) this.flushRows(); // the buffered rows came before this series existed
    const s = new SeriesState(index, key, this.o, this.started ? new SampleClock() : this.rowClock);
    if (this.dropped && this.sketching()) s.sketch = new QuantileSketch(this.o.sketch === false ? 0.01 : this.o.sketch);
    this.states[index] = s;
  }

  private sketching(): boolean {
    return !this.o.replay || this.o.sketch !== false;
  }

  sample(index: number, t: number, v: number): void {
    const s = this.states[index];
    if (s === undefined) return;
    if (this.rows > 0) this.flushRows();
    this.started = true;
    if (s.clock === this.rowClock) s.clock = this.rowClock.clone();
    let k = s.bn;
    if (k === s.bv.length) k = this.flush(s);
    s.bt[k] = t;
    s.bv[k] = v;
    s.bn = k + 1;
  }

  /**
   * A whole row at one time (the PDH reader's fast path): copied into the row matrix, folded
   * series by series when the matrix is full. The same results as `count` {@link sample} calls.
   */
  row(t: number, values: Float64Array, count: number): void {
    const n = count < this.states.length ? count : this.states.length;
    if (n !== this.width && this.rows > 0) this.flushRows();
    if (this.rows === 0) this.startRows(n);
    const r = this.rows;
    if (values.length === n) this.mv.set(values, r * n);
    else for (let i = 0; i < n; i++) this.mv[r * n + i] = values[i]!;
    this.mt[r] = t;
    this.started = true;
    if ((this.rows = r + 1) === this.mt.length) this.flushRows();
  }

  private startRows(width: number): void {
    this.width = width;
    const capacity = Math.max(MIN_BLOCK, Math.min(MAX_BLOCK, Math.floor(BLOCK_SAMPLES / Math.max(1, width))));
    if (this.mt.length !== capacity || this.mv.length < capacity * width) {
      this.mt = new Float64Array(capacity);
      this.mv = new Float64Array(capacity * width);
    }
    if (this.ft.length < capacity) {
      this.ft = new Float64Array(capacity);
      this.fv = new Float64Array(capacity);
    }
  }

  /**
   * Folds the row matrix: the shared clock advances once; per series, its own pending block
   * first (sample order), then its column's present values, with the matrix's times.
   */
  private flushRows(): void {
    const rows = this.rows;
    if (rows === 0) return;
    this.rows = 0;
    const width = this.width;
    const mt = this.mt;
    const mv = this.mv;
    const fv = this.fv;
    // series beyond this matrix's width get none of its rows: they leave the shared clock
    for (let i = width; i < this.states.length; i++) {
      const s = this.states[i];
      if (s !== undefined && s.clock === this.rowClock) s.clock = this.rowClock.clone();
    }
    let sharedAdvanced = false;
    for (let i = 0; i < width; i++) {
      const s = this.states[i];
      if (s === undefined) continue;
      if (s.bn > 0) this.flush(s);
      if (s.clock === this.rowClock) {
        if (!sharedAdvanced) this.rowClock.advance(mt, rows);
        sharedAdvanced = true;
      } else s.clock.advance(mt, rows);
      let k = 0;
      const ft = this.ft;
      for (let r = 0, at = i; r < rows; r++, at += width) {
        const v = mv[at]!;
        if (v - v === 0) {
          ft[k] = mt[r]!;
          fv[k++] = v;
        }
      }
      // every value present (the common case): the matrix's own times
      this.fold(s, k === rows ? mt : ft, fv, k, rows - k);
    }
  }

  /**
   * Folds a series' block into its state, in sample order (so the result is the one sample-by-
   * sample updates give), and empties it; allocates the block on first use. Returns 0, the new fill.
   */
  private flush(s: SeriesState): 0 {
    if (s.bv.length === 0) {
      const size = Math.max(MIN_BLOCK, Math.min(MAX_BLOCK, Math.floor(BLOCK_SAMPLES / Math.max(1, this.states.length))));
      s.bt = new Float64Array(size);
      s.bv = new Float64Array(size);
      if (this.ft.length < size) {
        this.ft = new Float64Array(size);
        this.fv = new Float64Array(size);
      }
      return 0;
    }
    const n = s.bn;
    if (n === 0) return 0;
    s.bn = 0;
    const bt = s.bt;
    const bv = s.bv;
    s.clock.advance(bt, n);
    // the present samples, in order
    const ft = this.ft;
    const fv = this.fv;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const v = bv[i]!;
      if (v - v === 0) {
        ft[k] = bt[i]!;
        fv[k++] = v;
      }
    }
    this.fold(s, ft, fv, k, n - k);
    return 0;
  }

  /** Folds the present samples `ft[0..k)`, `fv[0..k)` of a series (and `missing` missing ones) into its state. */
  private fold(s: SeriesState, ft: Float64Array, fv: Float64Array, k: number, missing: number): void {
    s.missing += missing;
    if (k === 0) return;
    s.moments.addAll(fv, 0, k);
    if (!this.dropped) this.keep(s, fv, k);
    else if (s.sketch) for (let i = 0; i < k; i++) s.sketch.add(fv[i]!);
    s.sustained.addAll(ft, fv, k);
    const th = s.thresholds;
    for (let j = 0; j < th.length; j++) th[j]!.addAll(ft, fv, k);
    s.rollup?.addAll(ft, fv, k);
    s.daily?.addAll(ft, fv, k);
    s.buckets?.addAll(ft, fv, k);
  }

  /** Folds every pending row and block (before results are read). */
  private flushAll(): void {
    this.flushRows();
    for (const s of this.states) if (s !== undefined) this.flush(s);
  }

  issue(issue: ReadIssue): void {
    this.issues.push(issue);
  }

  /**
   * Keeps `fv[0..k)` while the budget allows; when it would not, writes every series' kept
   * values to the spill file and goes on keeping, or, without a spill file, drops them (and
   * sketches the rest). Chunks double from 256 to 65,536 values, so small series waste little
   * and large ones are never copied; capacity counts against the budget.
   */
  private keep(s: SeriesState, fv: Float64Array, k: number): void {
    let i = 0;
    while (i < k) {
      if (s.values === null || s.fill === s.values.length) {
        const cap = s.values === null ? 256 : Math.min(MAX_CHUNK, s.values.length * 2);
        if (this.bytes + cap * 8 > this.o.memoryBudgetBytes && !this.spillRun()) {
          this.drop();
          if (s.sketch) for (; i < k; i++) s.sketch.add(fv[i]!);
          return;
        }
        if (s.values !== null) s.chunks.push(s.values);
        s.values = this.pool.get(cap)?.pop() ?? new Float64Array(cap);
        s.fill = 0;
        this.bytes += cap * 8;
      }
      // a copy (-0 stays -0: selection may answer either zero, and results report 0)
      const take = Math.min(k - i, s.values.length - s.fill);
      s.values.set(i === 0 && take === fv.length ? fv : fv.subarray(i, i + take), s.fill);
      i += take;
      s.n += take;
      s.fill += take;
    }
  }

  /** The kept values of a series as one array: its only chunk, or the chunks copied into a scratch array reused from series to series. */
  private gather(s: SeriesState): Float64Array {
    if (s.values === null) return EMPTY;
    if (s.chunks.length === 0) return s.values.subarray(0, s.fill);
    if (this.scratch.length < s.n) this.scratch = new Float64Array(s.n);
    let at = 0;
    for (const c of s.chunks) {
      this.scratch.set(c, at);
      at += c.length;
    }
    this.scratch.set(s.values.subarray(0, s.fill), at);
    return this.scratch.subarray(0, s.n);
  }

  /**
   * Writes every series' kept values to the spill file (opened on first use) and empties
   * them; a sketch asked for gets each chunk once it is written. False when there is no spill
   * file or the file system refuses: the failure is reported once as an issue, and each value
   * is then either in the file or still kept, never both.
   */
  private spillRun(): boolean {
    if (this.o.spillDirectory === false || this.spillFailed) return false;
    try {
      const file = (this.spillFile ??= SpillFile.open(this.o.spillDirectory));
      for (const s of this.states) {
        if (s === undefined || s.values === null) continue;
        while (s.chunks.length > 0) {
          const c = s.chunks[0]!;
          this.spillChunk(file, s, c, c.length);
          s.chunks.shift();
          s.n -= c.length;
          this.recycle(c);
        }
        this.spillChunk(file, s, s.values, s.fill);
        this.recycle(s.values);
        s.values = null;
        s.fill = 0;
        s.n = 0;
      }
      this.bytes = 0;
      return true;
    } catch (e) {
      this.abandonSpill(e);
      return false;
    }
  }

  private recycle(chunk: Float64Array): void {
    const free = this.pool.get(chunk.length);
    if (free) free.push(chunk);
    else this.pool.set(chunk.length, [chunk]);
  }

  private spillChunk(file: SpillFile, s: SeriesState, values: Float64Array, count: number): void {
    file.append(s.index, values, count);
    if (this.o.sketch === false) return;
    const sketch = (s.sketch ??= new QuantileSketch(this.o.sketch));
    for (let i = 0; i < count; i++) sketch.add(values[i]!);
  }

  /**
   * After a failed write: reports it, reads what was written into sketches when they will give
   * the percentiles and did not get those values on their way out, and closes the file.
   */
  private abandonSpill(error: unknown): void {
    this.spillFailed = true;
    const file = this.spillFile;
    this.spillFile = null;
    const dir = this.o.spillDirectory === false ? '' : this.o.spillDirectory;
    const reason = error instanceof Error ? error.message : String(error);
    const instead = this.o.replay ? 'exact percentiles re-read the source instead' : 'percentiles come from the sketch instead';
    this.issues.push({ file: dir, line: 0, column: 0, code: 'spill-failed', severity: 'warning', message: `cannot write the spill file for values beyond memoryBudgetBytes in ${dir} (${reason}): ${instead}` });
    if (!file) return;
    try {
      if (this.sketching() && this.o.sketch === false) {
        for (const s of this.states) {
          if (s === undefined || file.count(s.index) === 0) continue;
          const sketch = (s.sketch ??= new QuantileSketch(0.01));
          file.forEachPiece(s.index, 1 << 16, (v, n) => {
            for (let i = 0; i < n; i++) sketch.add(v[i]!);
          });
        }
      }
    } finally {
      file.close();
    }
  }

  /**
   * Drops the kept values. They go into a sketch only when the sketch will be used: the
   * source cannot replay (the sketch gives the percentiles) or a sketch was asked for.
   */
  private drop(): void {
    this.dropped = true;
    this.pool.clear();
    const sketching = this.sketching();
    const accuracy = this.o.sketch === false ? 0.01 : this.o.sketch;
    for (const s of this.states) {
      if (s === undefined) continue;
      if (sketching) {
        s.sketch ??= new QuantileSketch(accuracy);
        const kept = this.gather(s);
        for (let i = 0; i < kept.length; i++) s.sketch.add(kept[i]!);
      }
      s.chunks.length = 0;
      s.values = null;
      s.fill = 0;
      s.n = 0;
    }
    this.bytes = 0;
  }

  /** The 0-based ranks type-7 interpolation needs for the reported percentiles of `count` values, ascending, without repeats. */
  private ranksOf(count: number): number[] {
    const ranks = new Set<number>();
    for (const p of this.o.percentiles) {
      const r = quantileRank(count, p / 100);
      ranks.add(r.lower).add(r.upper);
    }
    return [...ranks].sort((a, b) => a - b);
  }

  /** The order statistics the exact two-pass path must find by replaying the source (empty unless values were dropped). */
  pendingRanks(): OrderStatisticRequest[] {
    this.flushAll();
    if (!this.dropped) return [];
    const out: OrderStatisticRequest[] = [];
    for (const s of this.states) {
      if (s === undefined) continue;
      const m = s.moments.summary();
      if (m.count === 0) continue;
      for (const rank of this.ranksOf(m.count)) out.push({ series: s.index, rank, count: m.count, min: m.min, max: m.max });
    }
    return out;
  }

  /**
   * The exact order statistics of every series once values went to the spill file, by
   * `series:rank` (the map {@link finish} takes). The values still in memory are written first,
   * then each series is read back into one array reused from series to series (so memory stays
   * within the budget) and its ranks selected; a series larger than the budget by itself is
   * narrowed with histograms over its values read in pieces ({@link selectOrderStatistics}).
   * Reads the file once when every series fits. Null when the last write failed: the values
   * are then dropped and {@link pendingRanks} lists what a replay must find.
   */
  async selectSpilled(): Promise<Map<string, number> | null> {
    this.flushAll();
    if (!this.spillFile) return null;
    if (!this.spillRun() || !this.spillFile) {
      this.drop();
      return null;
    }
    this.pool.clear(); // the read-back array takes the budget now
    const exact = new Map<string, number>();
    const file = this.spillFile;
    const budgetValues = Math.max(1, Math.floor(this.o.memoryBudgetBytes / 8));
    for (const s of this.states) {
      if (s === undefined) continue;
      const m = s.moments.summary();
      if (m.count === 0) continue;
      const ranks = this.ranksOf(m.count);
      if (file.count(s.index) !== m.count) throw new Error(`spill file: series ${s.index} has ${file.count(s.index)} values, expected ${m.count}`);
      let selected: ArrayLike<number>;
      if (m.count <= budgetValues) {
        if (this.scratch.length < m.count) this.scratch = new Float64Array(m.count);
        const values = this.scratch.subarray(0, file.read(s.index, this.scratch));
        selected = orderStatistics(values, ranks, { min: m.min === 0 ? 0 : m.min, max: m.max === 0 ? 0 : m.max });
      } else {
        this.scratch = EMPTY; // the pieces and histograms take the budget instead
        const requests = ranks.map((rank) => ({ series: 0, rank, count: m.count, min: m.min, max: m.max }));
        const source = (sink: SeriesSink) => {
          sink.series(0, s.key);
          file.forEachPiece(s.index, Math.max(1024, budgetValues >>> 2), (v, n) => {
            for (let i = 0; i < n; i++) sink.sample(0, 0, v[i]!);
          });
        };
        selected = (await selectOrderStatistics(source, requests, budgetValues >>> 1)).values;
      }
      ranks.forEach((rank, i) => exact.set(`${s.index}:${rank}`, selected[i]!));
    }
    this.scratch = EMPTY;
    return exact;
  }

  /** Closes and removes the spill file, if any. Idempotent; call it when done, also on errors. */
  close(): void {
    this.spillFile?.close();
  }

  /** Closes open runs and builds the per-series statistics; `exact` holds the selected order statistics by `series:rank`. */
  finish(exact: ReadonlyMap<string, number> | null): { series: SeriesStats[]; alerts: ThresholdAlert[] } {
    this.flushAll();
    const alerts: ThresholdAlert[] = [];
    const series: SeriesStats[] = [];
    for (const s of this.states) {
      if (s === undefined) continue;
      for (const th of s.thresholds) {
        th.finish();
        alerts.push(...th.alerts);
      }
      series.push(this.build(s, exact));
    }
    return { series, alerts };
  }

  private build(s: SeriesState, exact: ReadonlyMap<string, number> | null): SeriesStats {
    const m = s.moments.summary();
    const none = m.count === 0;
    let method: StatsMethod = 'in-memory';
    let quantile: (p: number) => number;
    if (!this.dropped && !this.spillFile) {
      const kept = this.gather(s);
      if (this.o.sketch !== false) {
        s.sketch = new QuantileSketch(this.o.sketch);
        for (const v of kept) s.sketch.add(v);
      }
      const ranks = this.ranksOf(m.count);
      // the kept values' exact range (a signed zero as 0)
      const selected = orderStatistics(kept, ranks, { min: m.min === 0 ? 0 : m.min, max: m.max === 0 ? 0 : m.max });
      const at = new Map<number, number>();
      ranks.forEach((rank, i) => at.set(rank, selected[i]!));
      quantile = (p) => {
        const r = quantileRank(m.count, p);
        return interpolate7(at.get(r.lower)!, at.get(r.upper)!, r.fraction, r.lower === r.upper);
      };
    } else if (exact) {
      method = this.spillFile ? 'spilled' : 'two-pass';
      quantile = (p) => {
        const r = quantileRank(m.count, p);
        return interpolate7(exact.get(`${s.index}:${r.lower}`)!, exact.get(`${s.index}:${r.upper}`)!, r.fraction, r.lower === r.upper);
      };
    } else {
      method = 'sketch';
      quantile = (p) => s.sketch!.quantile(p);
    }
    const percentiles: Record<string, number | null> = {};
    // + 0: -0 reported as 0 (a rank may hold either signed zero)
    for (const p of this.o.percentiles) percentiles[String(p)] = none ? null : quantile(p / 100) + 0;
    let rollup: SeriesStats['rollup'] = null;
    if (s.rollup) {
      const peaks = Float64Array.from(s.rollup.peaks()).sort();
      const rp: Record<string, number | null> = {};
      for (const p of this.o.percentiles) rp[String(p)] = peaks.length ? quantileSorted7(peaks, p / 100) : null;
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
      ...(this.o.sketch !== false && s.sketch && { sketch: s.sketch.toJSON() }),
      ...(s.daily && { dailyPeaks: s.daily.peaks() }),
      ...(s.buckets && { buckets: s.buckets.aligned() }),
    };
    s.chunks.length = 0;
    s.values = null;
    return stats;
  }
}
